"""'Did you mean': Whoosh's spelling corrector over the words of the archive."""
from __future__ import annotations

from archive.search.parser import check_syntax
from archive.search.query import TEXT_FIELDS, text_query


def did_you_mean(searcher, q: str) -> str | None:
    """A corrected query string when some word of `q` is not in the index but a close one is."""
    if not q.strip():
        return None
    parsed = text_query(q, searcher.schema)
    correction = searcher.correct_query(parsed, q, maxdist=2, prefix=1)
    suggestion = correction.string
    if not suggestion or suggestion.lower() == q.lower():
        return None
    check_syntax(suggestion)
    return suggestion if any(f in TEXT_FIELDS for f in searcher.schema.names()) else None
