"""Build Whoosh queries from search state: the text query and one filter per facet."""
from __future__ import annotations

import re
from datetime import date

from whoosh import query as wq
from whoosh.qparser import AndGroup, MultifieldParser

from archive import timeml
from archive.errors import ValidationError
from archive.facets import COLUMN_RANGE, EXCLUDABLE_FACETS, FACETS
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


ONLY_COMMON_WORDS = ("Only common words were given (such as “the” or “of”): they are not searched for. "
                     "Add a less common word.")
NO_WORDS = "The query has no words to search for."


def notice(q: str, parsed: wq.Query) -> str | None:
    """Why a query that was given matches nothing before any search: it has no word the index keeps
    (only stop words, or only punctuation). None when it has one."""
    if parsed is not wq.NullQuery or not q.strip():
        return None
    return ONLY_COMMON_WORDS if re.search(r"\w", q) else NO_WORDS


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


def day_range(field: str, start: date | None, end: date | None) -> wq.Query | None:
    """Articles with a day (a timeml.day_key term of `field`) from `start` to `end`."""
    if not start and not end:
        return None
    low = timeml.day_key(start) if start else None
    high = timeml.day_key(end) if end else None
    return wq.TermRange(field, low, high)


def filters(params: SearchParams, entity_ids: dict[str, list[str]]) -> dict[str, wq.Query]:
    """One query per active filter group, keyed by the facet it belongs to; `entity_ids` holds the
    ids each entity facet's values resolved to. A period over the publication-time column is not
    among them: it is a mask over that column (result.published_mask)."""
    groups: dict[str, wq.Query] = {}
    for facet in FACETS:
        if facet.kind == "period":
            days = day_range(facet.range_field, *(getattr(params, name) for name in facet.parameters)) \
                if facet.range_field != COLUMN_RANGE else None
            if days is not None:
                groups[facet.name] = days
        elif getattr(params, facet.name):
            values = entity_ids[facet.name] if facet.kind == "entity" else list(getattr(params, facet.name))
            groups[facet.name] = any_of(facet.field, values)
    return groups


def exclusions(params: SearchParams, entity_ids: dict[str, list[str]]) -> dict[str, wq.Query]:
    """The articles each `not_<facet>` parameter excludes, keyed by that parameter; `entity_ids` holds
    the ids its entity values resolved to (the caller keeps the documents these do NOT match)."""
    groups: dict[str, wq.Query] = {}
    for facet in EXCLUDABLE_FACETS:
        name = facet.exclude_parameter
        if getattr(params, name):
            values = entity_ids[name] if facet.kind == "entity" else list(getattr(params, name))
            groups[name] = any_of(facet.field, values)
    return groups
