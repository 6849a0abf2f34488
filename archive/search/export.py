"""Every article id a search matches, in the search's order, without paging or a cap.

For exports and feeds: the matching documents come from the same masks as
run_search (so the count equals its `total`), are ordered with numpy (by the
publication-time column, or by Whoosh's scores for relevance), and are mapped
to article ids through an id column read once per index segment. No stored
field is read, and the searcher is not needed once the ids are known, so a
long stream never holds it.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import reduce

import numpy as np
from sqlalchemy.orm import Session

from archive.index import IndexStore
from archive.models import Entity
from archive.search import facets as facet_counting
from archive.search.parser import SearchParams
from archive.search.result import search_masks


@dataclass
class Matches:
    ids: np.ndarray  # article ids (int64), in the search's order
    selected: dict[str, list[Entity]] = field(default_factory=dict)  # actor/place filter values resolved


def matching_ids(session: Session, store: IndexStore, params: SearchParams) -> Matches:
    """Ids of every article matching `params` (query and filters), ordered by `params.effective_sort`."""
    searcher = store.searcher()
    selected, text_q, text_mask, masks = search_masks(session, searcher, params)
    sort = params.effective_sort
    if sort == "relevance":
        filtered = reduce(np.logical_and, masks.values()) if masks else None
        docs = _by_score(searcher, text_q, filtered)
    else:
        everything = reduce(np.logical_and, masks.values(), text_mask)
        docs = _by_time(searcher, np.flatnonzero(everything), sort)
    return Matches(id_column(searcher)[docs], selected)


def _by_score(searcher, text_q, filtered: np.ndarray | None) -> np.ndarray:
    """Document numbers by descending score (ties by document number), as the search API pages them."""
    allowed = set(np.flatnonzero(filtered).tolist()) if filtered is not None else None
    results = searcher.search(text_q, filter=allowed, limit=None)
    return np.fromiter((docnum for _score, docnum in results.top_n), dtype=np.int64, count=len(results.top_n))


def _by_time(searcher, docs: np.ndarray, sort: str) -> np.ndarray:
    """Newest or oldest first (undated last both ways), ties by document number as Whoosh sorts them."""
    stamps = facet_counting.cache_for(searcher).column(sort)[docs]
    return docs[np.lexsort((docs, -stamps if sort == "newest" else stamps))]


# segment id -> article id of each of its documents. A segment never changes once written
# (deletions live beside it), so its column outlives index generations.
_id_columns: dict[str, np.ndarray] = {}
_id_lock = threading.Lock()


def id_column(searcher) -> np.ndarray:
    """Article id of every document number of this searcher (0 where none)."""
    leaves = [(leaf, offset) for leaf, offset in searcher.reader().leaf_readers() if leaf.segment() is not None]
    with _id_lock:
        live = {leaf.segment().segment_id() for leaf, _offset in leaves}
        for stale in [key for key in _id_columns if key not in live]:
            del _id_columns[stale]
        column = np.zeros(searcher.doc_count_all(), dtype=np.int64)
        for leaf, offset in leaves:
            ids = _segment_ids(leaf)
            column[offset:offset + len(ids)] = ids
        return column


def _segment_ids(leaf) -> np.ndarray:
    key = leaf.segment().segment_id()
    if key not in _id_columns:
        ids = np.zeros(leaf.doc_count_all(), dtype=np.int64)
        # The id field is unique: a term's postings are its one document (or, after an update
        # within the segment, the deleted old one too). Term infos give them without decoding.
        for term, info in leaf.iter_field("id"):
            article_id = int(term.decode("utf-8") if isinstance(term, bytes) else term)
            if info.doc_frequency() == 1:
                ids[info.min_id()] = article_id
            else:
                ids[list(leaf.postings("id", term).all_ids())] = article_id
        _id_columns[key] = ids
    return _id_columns[key]
