"""The Whoosh fix in archive/index/patches.py: a missing length column is looked up once per segment."""
from whoosh import fields, index

import archive.index  # noqa: F401 - applies the patch


def test_missing_length_column_is_looked_up_once(tmp_path):
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT)
    ix = index.create_in(str(tmp_path), schema)
    with ix.writer() as writer:
        for n in range(3):
            writer.add_document(id=str(n), body=f"words number {n}")
    with ix.reader() as reader:
        perdoc = reader._perdoc
        lookups = []
        storage_exists = perdoc._storage.file_exists
        perdoc._storage.file_exists = lambda name: lookups.append(name) or storage_exists(name)
        assert [perdoc.doc_field_length(n, "id") for n in range(3)] == [0, 0, 0]
        assert [perdoc.doc_field_length(n, "body") for n in range(3)] == [2, 2, 2]  # "0", "1", "2" are shorter than the analyser keeps
        assert len(lookups) == 2  # one per field, not one per call
