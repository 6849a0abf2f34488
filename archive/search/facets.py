"""Facet counts from per-generation postings arrays, under every filter except the facet's own.

For each facet field the searcher's postings are read once per index
generation into flat numpy arrays (posting -> document number, posting ->
value). Counting a facet is then one boolean lookup and one bincount over the
documents that match the text query and the other facets' filters.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq


@dataclass
class FieldPostings:
    values: list[str]
    docs: np.ndarray      # document number of each posting
    value_of: np.ndarray  # value index of each posting


@dataclass
class FacetSpec:
    """A facet: its name in the API, the index field it counts, the filter it answers to."""
    name: str
    field: str
    order: str  # "count": most frequent first; "value": in value order (dates)


FACETS = (
    FacetSpec("actor", "actor", "count"),
    FacetSpec("place", "place", "count"),
    FacetSpec("published", "published_month", "value"),
    FacetSpec("mentioned", "mentioned_month", "value"),
    FacetSpec("source", "source", "count"),
    FacetSpec("country", "country", "count"),
)


class FacetCache:
    """Postings arrays of one searcher generation, built lazily per field."""

    def __init__(self, searcher):
        self.searcher = searcher
        self._fields: dict[str, FieldPostings] = {}
        self._lock = threading.Lock()

    def postings(self, field: str) -> FieldPostings:
        with self._lock:
            if field not in self._fields:
                self._fields[field] = self._read(field)
            return self._fields[field]

    def _read(self, field: str) -> FieldPostings:
        reader = self.searcher.reader()
        values, docs, value_of = [], [], []
        for number, term in enumerate(reader.lexicon(field)):
            ids = np.fromiter(reader.postings(field, term).all_ids(), dtype=np.int64)
            values.append(term.decode("utf-8") if isinstance(term, bytes) else term)
            docs.append(ids)
            value_of.append(np.full(len(ids), number, dtype=np.int64))
        if not values:
            return FieldPostings([], np.empty(0, np.int64), np.empty(0, np.int64))
        return FieldPostings(values, np.concatenate(docs), np.concatenate(value_of))


_caches: dict[int, FacetCache] = {}
_caches_lock = threading.Lock()


def cache_for(searcher) -> FacetCache:
    """The facet cache of this searcher; a refreshed searcher (new generation) gets a new one."""
    with _caches_lock:
        cache = _caches.get(id(searcher))
        if cache is None or cache.searcher is not searcher:
            _caches.clear()
            cache = _caches[id(searcher)] = FacetCache(searcher)
        return cache


def doc_mask(searcher, q: wq.Query) -> np.ndarray:
    """Boolean array over document numbers: True where `q` matches (no scoring)."""
    mask = np.zeros(searcher.doc_count_all(), dtype=bool)
    ids = np.fromiter(searcher.docs_for_query(q), dtype=np.int64)
    mask[ids] = True
    return mask


def count(cache: FacetCache, spec: FacetSpec, mask: np.ndarray, size: int) -> tuple[list[tuple[str, int]], bool]:
    """The top `size` (value, count) pairs of a facet over the masked documents, and whether more exist."""
    postings = cache.postings(spec.field)
    if not postings.values:
        return [], False
    hits = postings.value_of[mask[postings.docs]]
    counts = np.bincount(hits, minlength=len(postings.values))
    present = np.flatnonzero(counts)
    if spec.order == "count":
        ranked = present[np.lexsort((present, -counts[present]))]
    else:
        # Dates in date order; when there are too many, the latest are kept.
        ranked = present[np.argsort([postings.values[i] for i in present], kind="stable")][::-1]
    chosen = ranked[:size] if spec.order == "count" else ranked[:size][::-1]
    return [(postings.values[i], int(counts[i])) for i in chosen], len(ranked) > size
