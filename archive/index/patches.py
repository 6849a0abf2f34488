"""A fix to Whoosh-Reloaded 2.7.5, applied when archive.index is imported.

A segment's per-document reader looks up the length column of a field on every call of
doc_field_length, and when the field has no such column (ID and KEYWORD fields) it asks
the file system again each time, never remembering the answer: rebuilding 3,000 articles
made 451,566 stat() calls, a fifth of the time. A written segment never changes, so the
missing column can be remembered like a present one.
"""
from __future__ import annotations

from whoosh.codec import whoosh3

_MISSING = object()


def _cached_reader(self, fieldname, column):
    reader = self._readers.get(fieldname, _MISSING)
    if reader is _MISSING:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
    return reader


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
