"""Build Whoosh queries from search state: the text query and one filter per facet."""
from __future__ import annotations

import re
from datetime import date

from whoosh import query as wq
from whoosh.qparser import AndGroup, MultifieldParser

from archive import timeml
from archive.errors import ValidationError
from archive.search.parser import TEXT_FIELDS, SearchParams

_MINUS = re.compile(r"(^|[\s(])-(?=[\w\"(])")
_DOUBLE_NOT = re.compile(r"(?<![\w:])NOT\s+NOT(?![\w:])")  # Whoosh's parser fails on it (IndexError)
PARSED_KEPT = 2048
_PARSED: dict[str, tuple[object, wq.Query]] = {}  # q -> (the schema it was parsed with, query)


def text_query(q: str, schema) -> wq.Query:
    """The query for the words of `q` (already checked by parser.check_syntax).

    Parsed once per distinct `q` and schema object (a searcher's, so once per index generation),
    not on every search (about half a millisecond); nothing changes a parsed query once made."""
    if not q.strip():
        return wq.Every()
    kept = _PARSED.get(q)
    if kept is not None and kept[0] is schema:
        return kept[1]
    parser = MultifieldParser(list(TEXT_FIELDS), schema, group=AndGroup)
    try:
        parsed = parser.parse(without_double_not(_MINUS.sub(r"\1NOT ", q)))
    except IndexError:  # a shape of NOT that Whoosh's syntax tree cannot hold
        raise ValidationError("the query could not be read: check its NOT, AND and OR", "q") from None
    if len(_PARSED) >= PARSED_KEPT:
        _PARSED.clear()
    _PARSED[q] = (schema, parsed)
    return parsed


def without_double_not(q: str) -> str:
    """`NOT NOT a` is `a` (and `NOT -a` becomes it too)."""
    while True:
        simpler = _DOUBLE_NOT.sub("", q)
        if simpler == q:
            return q
        q = simpler


def positive_terms(parsed: wq.Query, fieldname: str) -> set[str]:
    """Terms of one field the results match (not those under NOT): what snippets highlight."""
    if isinstance(parsed, wq.Not):
        return set()
    terms = set()
    if parsed.is_leaf():
        for field, text in parsed.terms(phrases=True) if parsed.has_terms() else ():
            if field == fieldname:
                terms.add(text if isinstance(text, str) else text.decode("utf-8"))
        return terms
    for child in parsed.children():
        terms |= positive_terms(child, fieldname)
    return terms


def any_of(field: str, values: list[str]) -> wq.Query:
    """Articles with any of the values (values of one facet are alternatives)."""
    if not values:
        return wq.NullQuery
    return wq.Or([wq.Term(field, value) for value in values]) if len(values) > 1 else wq.Term(field, values[0])


def mentioned_range(start: date | None, end: date | None) -> wq.Query | None:
    if not start and not end:
        return None
    low = timeml.day_key(start) if start else None
    high = timeml.day_key(end) if end else None
    return wq.TermRange("mentioned_day", low, high)


def filters(params: SearchParams, actor_ids: list[str], place_ids: list[str]) -> dict[str, wq.Query]:
    """One query per active filter group, keyed by the facet it belongs to. The publication-date
    filter is not among them: it is a mask over the publication-time column (result.published_mask)."""
    groups: dict[str, wq.Query | None] = {
        "actor": any_of("actor", actor_ids) if params.actor else None,
        "place": any_of("place", place_ids) if params.place else None,
        "country": any_of("country", list(params.country)) if params.country else None,
        "source": any_of("source", list(params.source)) if params.source else None,
        "mentioned": mentioned_range(params.mentioned_from, params.mentioned_to),
    }
    return {name: q for name, q in groups.items() if q is not None}
