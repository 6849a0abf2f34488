"""Extraction quality and speed on public data: `python -m bench.extraction [--limit N] [--json PATH]`.

Every figure is given twice: for `archive.extract.extract_many` (exactly what ingest calls)
and for the bare spaCy model it builds on (its raw `doc.ents`: PERSON/ORG -> actor,
GPE/LOC/FAC -> place, DATE -> date with no value), scored the same way. One module per data
set (`conll`, `timeml`, `geo`, `reuters`); `runner` times both systems over the same texts.
"""
