"""Run a search: matching documents, one page of hits in order, facets with labels, snippets."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from functools import reduce

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from whoosh.sorting import FieldFacet

from archive.index import IndexStore
from archive.index.schema import NO_DATE_NEWEST
from archive.models import Article, ArticleEntity, Entity
from archive.models.entity import ACTOR_KINDS
from archive.search import facets as facet_counting
from archive.search.labels import facet_labels, resolve_entities
from archive.search.parser import SearchParams
from archive.search.query import filters, positive_terms, text_query
from archive.search.snippets import snippet

DATE_FACET_SIZE = 240


@dataclass
class Hit:
    article: Article
    score: float | None
    snippet: str


@dataclass
class SearchResult:
    params: SearchParams
    total: int
    hits: list[Hit]
    facets: dict[str, dict]
    selected: dict[str, list[Entity]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.params.per_page))


def run_search(session: Session, store: IndexStore, params: SearchParams) -> SearchResult:
    searcher = store.searcher()
    selected = {"actor": resolve_entities(session, params.actor, ACTOR_KINDS),
                "place": resolve_entities(session, params.place, ("place",))}
    text_q = text_query(params.q, searcher.schema)
    groups = filters(params, [str(e.id) for e in selected["actor"]], [str(e.id) for e in selected["place"]])
    masks = {name: facet_counting.doc_mask(searcher, q) for name, q in groups.items() if name != "published"}
    if "published" in groups:
        # From the publication-time column: a date-range query over 100,000 documents took a second.
        masks["published"] = published_mask(searcher, params)
    text_mask = facet_counting.doc_mask(searcher, text_q)
    everything = reduce(np.logical_and, masks.values(), text_mask)
    filtered = reduce(np.logical_and, masks.values()) if masks else None
    hits = _page(session, searcher, params, text_q, filtered)
    facets = _facets(session, searcher, params, text_mask, masks) if params.facets else {}
    return SearchResult(params, int(everything.sum()), hits, facets, selected)


def published_mask(searcher, params: SearchParams) -> np.ndarray:
    stamps = facet_counting.cache_for(searcher).column("newest")
    mask = stamps != NO_DATE_NEWEST
    if params.published_from:
        mask &= stamps >= int(datetime.combine(params.published_from, time.min).timestamp())
    if params.published_to:
        mask &= stamps <= int(datetime.combine(params.published_to, time.max).timestamp())
    return mask


def _page(session: Session, searcher, params: SearchParams, text_q, filtered) -> list[Hit]:
    limit = params.page * params.per_page
    filter_q = set(np.flatnonzero(filtered).tolist()) if filtered is not None else None
    sort = params.effective_sort
    sortedby = None if sort == "relevance" else FieldFacet(sort, reverse=(sort == "newest"))
    results = searcher.search(text_q, filter=filter_q, limit=limit, sortedby=sortedby)
    page = results[(params.page - 1) * params.per_page:limit]
    ids = [int(hit["id"]) for hit in page]
    scores = {int(hit["id"]): hit.score for hit in page}
    articles = _load(session, ids)
    terms = positive_terms(text_q, "body")
    analyzer = searcher.schema["body"].analyzer
    return [Hit(articles[i], scores[i] if sort == "relevance" else None,
                snippet(articles[i].body, terms, analyzer))
            for i in ids if i in articles]


def _load(session: Session, ids: list[int]) -> dict[int, Article]:
    """Rows in one query; the caller keeps the index's rank order."""
    if not ids:
        return {}
    query = select(Article).where(Article.id.in_(ids)).options(
        selectinload(Article.entity_links).joinedload(ArticleEntity.entity))
    return {article.id: article for article in session.scalars(query)}


def _facets(session: Session, searcher, params: SearchParams, text_mask, masks) -> dict[str, dict]:
    cache = facet_counting.cache_for(searcher)
    shaped = {}
    for spec in facet_counting.FACETS:
        others = [mask for name, mask in masks.items() if name != spec.name]
        mask = reduce(np.logical_and, others, text_mask)
        size = params.facet_size if spec.order == "count" else DATE_FACET_SIZE
        pairs, truncated = facet_counting.count(cache, spec, mask, size)
        shaped[spec.name] = {"results": pairs, "truncated": truncated}
    return facet_labels(session, params, shaped)
