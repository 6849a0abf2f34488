"""Run a search: matching documents, one page of hits in order, facets with labels, snippets."""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import reduce

import numpy as np
from sqlalchemy.orm import Session
from whoosh import query as wq

from archive.facets import COLUMN_RANGE, ENTITY_FACETS, FACETS, PERIOD_FACETS, UNDATED
from archive.index import IndexStore
from archive.index.schema import NO_DATE_NEWEST
from archive.models import Entity
from archive.search import collapse, postings, ranking
from archive.search import facets as facet_counting
from archive.search.bounds import bound
from archive.search.budget import NO_LIMIT, Deadline
from archive.search.labels import facet_labels, resolve_entities
from archive.search.parser import SearchParams
from archive.search.query import exclusions, filters, notice, positive_terms, text_query
from archive.search.rows import ArticleRow, load_articles
from archive.search.snippets import snippet

DATE_FACET_SIZE = 240
# The publication facet lists every month, so that the chart can draw the whole span (years 1000-2999).
ALL_MONTHS = 12 * 2000
PLACE_FACET = next(facet for facet in FACETS if facet.name == "place")


@dataclass
class Hit:
    article: ArticleRow  # the columns a hit shows (search/rows.py), not an ORM Article
    score: float | None
    snippet: str
    similar_count: int = 0  # other versions of this story (search/collapse.py)
    dup_group: int | None = None


@dataclass
class SearchResult:
    params: SearchParams
    total: int
    hits: list[Hit]
    facets: dict[str, dict]
    selected: dict[str, list[Entity]] = field(default_factory=dict)
    groups: int | None = None  # matches with each near-duplicate group counted once (what is paged)
    notice: str | None = None  # why a query matches nothing before any search (only common words)
    # (place id, articles) over every matching article, most named first, at most `map_size` of them
    # (the search page's map), and how many places the matching articles name in all
    places: list[tuple[str, int]] = field(default_factory=list)
    places_total: int = 0

    @property
    def pages(self) -> int:
        return max(1, -(-(self.total if self.groups is None else self.groups) // self.params.per_page))


def search_masks(session: Session, searcher, params: SearchParams, deadline: Deadline = NO_LIMIT):
    """(selected entities, text query, text mask, filter masks by facet): what a search and an
    export of it both start from. The text query is bounded (search/bounds.py): a ValidationError
    says what it may not ask for."""
    selected = {name: resolve_entities(session, getattr(params, name), facet.entity_kinds)
                for facet in ENTITY_FACETS for name in (facet.name, facet.exclude_parameter) if name}
    text_q = bound(text_query(params.q, searcher.schema), searcher.reader())
    entity_ids = {name: [str(e.id) for e in entities] for name, entities in selected.items()}
    masks = {name: postings.matches(searcher, q) for name, q in filters(params, entity_ids).items()}
    # An exclusion is a filter of its own (`not_actor`): the actor facet counts under it.
    masks |= {name: ~postings.matches(searcher, q) for name, q in exclusions(params, entity_ids).items()}
    for facet in PERIOD_FACETS:
        low, high = (getattr(params, name) for name in facet.parameters)
        if facet.range_field == COLUMN_RANGE and (low or high):
            masks[facet.name] = published_mask(searcher, low, high)
        elif facet.undated and getattr(params, facet.name) == UNDATED:
            masks[facet.name] = undated_mask(searcher)
    return selected, text_q, postings.matches(searcher, text_q, deadline), masks


def run_search(session: Session, store: IndexStore, params: SearchParams,
               time_limit: float | None = None, map_size: int = 0) -> SearchResult:
    """One page of results with facets; past `time_limit` seconds (None: no limit) a SearchTimeout.
    With `map_size`, also the places named most by all the matching articles (SearchResult.places)."""
    deadline = Deadline(time_limit)
    searcher = store.searcher()
    selected, text_q, text_mask, masks = search_masks(session, searcher, params, deadline)
    deadline.check()
    everything = reduce(np.logical_and, masks.values(), text_mask)
    hits = _page(session, searcher, params, text_q, everything, masks, deadline)
    deadline.check()
    facets = _facets(session, searcher, params, text_mask, masks) if params.facets else {}
    places, places_total = facet_counting.most_counted(
        facet_counting.cache_for(searcher), PLACE_FACET, everything, map_size) if map_size else ([], 0)
    collapse.annotate(hits)  # near-duplicates: one hit per group, with its group's size
    _settle_heap()
    return SearchResult(params, int(everything.sum()), hits, facets, selected,
                        groups=collapse.group_total(searcher, everything), notice=notice(params.q, text_q),
                        places=places, places_total=places_total)


_heap_settled = False


def _settle_heap() -> None:
    """Once per process, after its first search: hand everything loaded so far (modules, the app,
    the index readers) to gc.freeze(). Python's full collections walked them every few hundred
    searches, a 100-140 ms pause each at 100,000 articles (the p99 of every query class)."""
    global _heap_settled
    if not _heap_settled:
        _heap_settled = True
        gc.collect()
        gc.freeze()


def published_mask(searcher, start: date | None, end: date | None) -> np.ndarray:
    """Articles published from `start` to `end` (either may be None), from the publication-time column."""
    stamps = facet_counting.cache_for(searcher).column(COLUMN_RANGE)
    mask = stamps != NO_DATE_NEWEST
    if start:
        mask &= stamps >= int(datetime.combine(start, time.min).timestamp())
    if end:
        mask &= stamps <= int(datetime.combine(end, time.max).timestamp())
    return mask


def undated_mask(searcher) -> np.ndarray:
    """Articles without a publication date."""
    return facet_counting.cache_for(searcher).column(COLUMN_RANGE) == NO_DATE_NEWEST


def undated_documents(searcher) -> np.ndarray:
    """The document numbers of the articles without a publication date, found once per index
    generation (a pass over the publication column in every search: 0.6 ms at a million)."""
    cache = facet_counting.cache_for(searcher)
    return cache.derived("undated", lambda: np.flatnonzero(cache.column(COLUMN_RANGE) == NO_DATE_NEWEST))


def _page(session: Session, searcher, params: SearchParams, text_q, everything, masks, deadline) -> list[Hit]:
    limit = params.page * params.per_page
    ranked = _ranked(searcher, params, text_q, everything, masks, limit, deadline)
    page = ranked[(params.page - 1) * params.per_page:limit]
    ids = [int(searcher.stored_fields(docnum)["id"]) for docnum, _score in page]
    scores = {article_id: score for article_id, (_docnum, score) in zip(ids, page)}
    articles = _load(session, ids)
    terms = positive_terms(text_q, "body")
    analyzer = searcher.schema["body"].analyzer
    return [Hit(articles[i], scores[i], snippet(articles[i].body, terms, analyzer))
            for i in ids if i in articles]


def _ranked(searcher, params: SearchParams, text_q, everything, masks, limit: int,
            deadline: Deadline) -> list[tuple[int, float | None]]:
    """(document number, score) of the first `limit` hits, one per near-duplicate group.

    Ordered in numpy (ranking.py) from the masks already computed; only a relevance
    query that ranking.py cannot score exactly goes through Whoosh's collector."""
    sort = params.effective_sort
    if sort == "relevance" and isinstance(text_q, wq.Every):  # `*` alone: the empty query, newest first
        sort = "newest"
    gen = postings.generation(searcher)
    scored = ranking.scores_of(gen, text_q, everything) if sort == "relevance" else None
    if sort == "relevance" and scored is None:
        filter_q = set(np.flatnonzero(reduce(np.logical_and, masks.values())).tolist()) if masks else None
        hits = collapse.search(searcher, text_q, filter_q, limit, None, deadline)  # one per near-duplicate group
        return [(hit.docnum, hit.score) for hit in hits]
    if scored is not None:  # the matching documents and their scores
        candidates, relevance = scored
        order = ranking.first_of_groups(searcher, candidates, -relevance, limit)
        return list(zip(candidates[order].tolist(), relevance[order].tolist()))
    candidates = np.flatnonzero(everything)
    order = ranking.first_of_groups(searcher, candidates, ranking.sort_keys(searcher, sort, None)[candidates], limit)
    return [(docnum, None) for docnum in candidates[order].tolist()]


def _load(session: Session, ids: list[int]) -> dict[int, ArticleRow]:
    """Rows in two queries; the caller keeps the index's rank order."""
    return load_articles(session, ids)


def _facets(session: Session, searcher, params: SearchParams, text_mask, masks) -> dict[str, dict]:
    cache = facet_counting.cache_for(searcher)
    shaped, documents = {}, {}
    for spec in facet_counting.FACETS:
        others = tuple(name for name in masks if name != spec.name)
        if others not in documents:  # facets under the same filters count over the same documents
            mask = reduce(np.logical_and, [masks[name] for name in others], text_mask)
            documents[others] = (mask, np.flatnonzero(mask))
        mask, matched = documents[others]
        size = params.facet_size if spec.order == "count" else ALL_MONTHS if spec.undated else DATE_FACET_SIZE
        pairs, truncated = facet_counting.count(cache, spec, mask, size, matched)
        if spec.undated and (undated := int(np.count_nonzero(mask[undated_documents(searcher)]))):
            pairs.append((UNDATED, undated))  # last, after the latest month
        shaped[spec.name] = {"results": pairs, "truncated": truncated}
    return facet_labels(session, params, shaped)
