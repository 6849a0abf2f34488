"""'Did you mean': Whoosh's spelling corrector over the words of the archive."""
from __future__ import annotations

from whoosh import query as wq

from archive.search.parser import check_syntax
from archive.search.query import TEXT_FIELDS, text_query


def did_you_mean(searcher, q: str) -> str | None:
    """A corrected query string when some word of `q` is not in the index but a close one is."""
    if not q.strip():
        return None
    words = placed_words(text_query(q, searcher.schema))
    if not words:
        return None
    correction = searcher.correct_query(wq.Or(words), q, maxdist=2, prefix=1)
    suggestion = correction.string
    if not suggestion or suggestion.lower() == q.lower():
        return None
    check_syntax(suggestion)
    return suggestion if any(f in TEXT_FIELDS for f in searcher.schema.names()) else None


def placed_words(parsed: wq.Query) -> list[wq.Query]:
    """The query's words and phrases that know where they are in `q` (what the corrector rewrites). Not
    ranges or wildcards, nor a word the analyzer split (`wi-fi`, `%FF%FE`): those have no place."""
    return [leaf for leaf in parsed.leaves() if type(leaf) in (wq.Term, wq.Phrase)
            and all(t.startchar is not None and t.endchar is not None for t in leaf.all_tokens())]
