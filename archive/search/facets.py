"""Facet counts from per-generation postings arrays, under every filter except the facet's own.

For each facet field every index segment's postings are read once into flat
numpy arrays (posting -> document number, posting -> value id); a new index
generation reuses the arrays of the segments it kept. Every count is exact, by
whichever of three ways costs least for the documents that match the text query
and the other facets' filters: a field of one value an article is one gather
from a per-document column; few matching documents are read by document; many
are counted over the postings grouped by value, most frequent first, stopping
once no value left could reach the top (FieldPostings, _by_frequency).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from dataclasses import field as dataclass_field

import numpy as np
from whoosh import query as wq

from archive.facets import FACETS as FACETS  # the facets counted, in the order of the API's answers
from archive.facets import Facet
from archive.observe import metrics
from archive.search.postings import read_field


@dataclass
class FieldPostings:
    """One field's postings over a generation, grouped by value, the value with the most postings first.

    Grouped so that the most frequent values' postings are one prefix of `docs`: a facet over many
    matches counts its top values exactly from that prefix and stops once no value further on could
    reach them (`_by_frequency`)."""
    values: list[str]
    docs: np.ndarray      # document number of each posting
    value_of: np.ndarray  # value index of each posting
    _by_document: tuple[np.ndarray, np.ndarray] | None = None
    _column: np.ndarray | None = None
    ranked: np.ndarray = dataclass_field(init=False)  # value ids with postings, most postings first
    starts: np.ndarray = dataclass_field(init=False)  # where each ranked value's postings start in `docs` (and end)

    def __post_init__(self):
        frequency = np.bincount(self.value_of, minlength=len(self.values))
        self.ranked = np.flatnonzero(frequency)[np.argsort(-frequency[frequency > 0], kind="stable")]
        rank = np.empty(len(frequency), np.int64)
        rank[self.ranked] = np.arange(len(self.ranked))
        order = np.argsort(rank[self.value_of], kind="stable")
        self.docs, self.value_of = self.docs[order], self.value_of[order]
        self.starts = np.concatenate(([0], np.cumsum(frequency[self.ranked])))

    def by_document(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        """The value ids ordered by document, and where each document's run starts (CSR), built on first use."""
        if self._by_document is None:
            order = np.argsort(self.docs, kind="stable")
            starts = np.searchsorted(self.docs[order], np.arange(size + 1)).astype(np.int32)
            self._by_document = (self.value_of[order], starts)
        return self._by_document

    def column(self, size: int) -> np.ndarray | None:
        """Each document's one value id plus one (0 where it has none), or None when a document has
        several: a field of one value an article (source, language, month of publication) is counted
        with one gather and one bincount over the matching documents."""
        if self._column is None:
            column = np.empty(0, np.int32)  # several values in some document: no column
            if len(self.docs) == 0 or int(np.bincount(self.docs, minlength=size).max()) <= 1:
                column = np.zeros(size, np.int32)
                column[self.docs] = self.value_of + 1
            self._column = column
        return self._column if len(self._column) == size else None


class ValueIds:
    """Process-wide numbering of one field's values, shared by every segment's arrays."""

    def __init__(self):
        self.values: list[str] = []
        self.ids: dict[str, int] = {}

    def id_of(self, value: str) -> int:
        number = self.ids.get(value)
        if number is None:
            number = self.ids[value] = len(self.values)
            self.values.append(value)
        return number


_value_ids: dict[str, ValueIds] = {}
# (segment id, field) -> (local document numbers, value ids): a segment never changes
# once written, so its arrays outlive index generations (deletions show in the mask).
_segments: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}


_segments_lock = threading.Lock()


def _segment_arrays(leaf, field: str) -> tuple[np.ndarray, np.ndarray]:
    with _segments_lock:
        return _read_segment(leaf, field)


def _read_segment(leaf, field: str) -> tuple[np.ndarray, np.ndarray]:
    key = (leaf.segment().segment_id(), field)
    if key not in _segments:
        numbering = _value_ids.setdefault(field, ValueIds())
        docs, value_of = [], []
        if field in leaf.schema:
            # Whole posting blocks at once; deleted documents too (every mask is ANDed with the live ones)
            for term, ids in read_field(leaf, field):
                value = term.decode("utf-8") if isinstance(term, bytes) else term
                docs.append(ids)
                value_of.append(np.full(len(ids), numbering.id_of(value), dtype=np.int32))
        empty = np.empty(0, np.int32)
        _segments[key] = (np.concatenate(docs) if docs else empty, np.concatenate(value_of) if docs else empty)
    return _segments[key]


def _segment_column(leaf, field: str) -> np.ndarray:
    key = (leaf.segment().segment_id(), "column:" + field)
    with _segments_lock:
        if key not in _segments:
            reader = leaf.column_reader(field)
            _segments[key] = (np.fromiter((reader[n] for n in range(leaf.doc_count_all())), dtype=np.int64),
                              np.empty(0, np.int64))
        return _segments[key][0]


class FacetCache:
    """Postings arrays of one searcher generation: per-segment arrays put end to end."""

    def __init__(self, searcher):
        self.searcher = searcher
        self._fields: dict[str, FieldPostings] = {}
        self._columns: dict[str, np.ndarray] = {}
        self._derived: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def column(self, field: str) -> np.ndarray:
        """A sortable numeric column as one array over document numbers (e.g. publication times)."""
        with self._lock:
            if field not in self._columns:
                parts = [_segment_column(leaf, field) for leaf, _offset in self.searcher.reader().leaf_readers()
                         if leaf.segment() is not None]
                self._columns[field] = np.concatenate(parts) if parts else np.empty(0, np.int64)
            return self._columns[field]

    def derived(self, key: str, make):
        """An array made once per generation from its columns or postings (`make()`), kept under `key`."""
        with self._lock:
            kept = self._derived.get(key)
        if kept is None:  # made outside the lock: `make` may read columns, which take it
            made = make()
            with self._lock:
                kept = self._derived.setdefault(key, made)
        return kept

    def postings(self, field: str) -> FieldPostings:
        with self._lock:
            if field not in self._fields:
                self._fields[field] = self._read(field)
            return self._fields[field]

    def _read(self, field: str) -> FieldPostings:
        docs, value_of = [], []
        for leaf, offset in self.searcher.reader().leaf_readers():
            if leaf.segment() is None:
                continue
            local_docs, values = _segment_arrays(leaf, field)
            docs.append(local_docs + offset)
            value_of.append(values)
        numbering = _value_ids.setdefault(field, ValueIds())
        if not docs:
            return FieldPostings(numbering.values, np.empty(0, np.int64), np.empty(0, np.int64))
        return FieldPostings(numbering.values, np.concatenate(docs), np.concatenate(value_of))


def forget_segments(live: set[str]) -> None:
    """Drop the arrays of segments that merges have replaced."""
    for key in [key for key in _segments if key[0] not in live]:
        del _segments[key]


_caches: dict[int, FacetCache] = {}
_caches_lock = threading.Lock()


def cache_for(searcher) -> FacetCache:
    """The facet cache of this searcher; a refreshed searcher (new generation) gets a new one."""
    with _caches_lock:
        cache = _caches.get(id(searcher))
        metrics.count_search_cache(hit=cache is not None and cache.searcher is searcher)
        if cache is None or cache.searcher is not searcher:
            _caches.clear()
            cache = _caches[id(searcher)] = FacetCache(searcher)
            forget_segments({leaf.segment().segment_id() for leaf, _offset in searcher.reader().leaf_readers()
                             if leaf.segment() is not None})
        return cache


def doc_mask(searcher, q: wq.Query) -> np.ndarray:
    """Boolean array over document numbers: True where `q` matches (no scoring)."""
    mask = np.zeros(searcher.doc_count_all(), dtype=bool)
    ids = np.fromiter(searcher.docs_for_query(q), dtype=np.int64)
    mask[ids] = True
    return mask


# Fewer than 1 in SPARSE documents matching: read their values by document (about 12 ns a posting of
# theirs) rather than a pass over the field's postings (about 2 ns each); 1 in SPARSE_TOP when only
# the top values are asked for, whose pass over the postings usually stops after a few hundred values.
SPARSE = 8
SPARSE_TOP = 16
FIRST_VALUES = 64  # values counted before the first check whether the rest could still reach the top


def _counts(postings: FieldPostings, mask: np.ndarray, matched: np.ndarray | None = None,
            top: int | None = None) -> np.ndarray:
    """How many masked documents have each value (indexed by value id). With `top`, only as many
    of the most frequent values as it takes to know the `top` most counted (ties included) and
    whether more than `top` values are present: the others stay 0, the counts given are exact."""
    if matched is None:
        matched = np.flatnonzero(mask)
    column = postings.column(len(mask))
    if column is not None:  # one value a document at most
        return np.bincount(column[matched], minlength=len(postings.values) + 1)[1:len(postings.values) + 1]
    if len(matched) * (SPARSE if top is None else SPARSE_TOP) < len(mask):
        return np.bincount(_by_document(postings, mask, matched), minlength=len(postings.values))
    return _by_frequency(postings, mask, top)


def _by_document(postings: FieldPostings, mask: np.ndarray, matched: np.ndarray) -> np.ndarray:
    """The value id of every posting of the matched documents (few of them: read by document)."""
    values, starts = postings.by_document(len(mask))
    begins = starts[matched]
    lengths = starts[matched + 1] - begins
    # positions begins[i] .. begins[i] + lengths[i] - 1 of every matched document, in one array
    shifts = np.repeat(begins - (np.cumsum(lengths) - lengths), lengths)
    return values[shifts + np.arange(int(lengths.sum()))]


def _by_frequency(postings: FieldPostings, mask: np.ndarray, top: int | None) -> np.ndarray:
    """Counts of the values, most frequent first, a growing run of values at a time: a value's count
    is at most its number of postings, so once the `top`-th count so far is above the postings of
    the next value, no value left can enter the top (nor tie with it). A common word's actors were
    27 ms at a million articles counted over every posting; their top ten come from a few hundred."""
    counts = np.zeros(len(postings.values), np.int64)
    ranked, starts = postings.ranked, postings.starts
    done, step = 0, FIRST_VALUES if top is not None else len(ranked)
    while done < len(ranked):
        upto = min(len(ranked), done + step)
        found = np.take(mask, postings.docs[starts[done]:starts[upto]]).view(np.uint8)
        counts[ranked[done:upto]] = np.add.reduceat(found, starts[done:upto] - starts[done], dtype=np.int64)
        done, step = upto, step * 4
        if done < len(ranked) and _settled(counts[ranked[:done]], top, int(starts[done + 1] - starts[done])):
            break
    return counts


def _settled(counted: np.ndarray, top: int, most_left: int) -> bool:
    """Whether `top` values are counted (one more present, so "more values" is known) and the
    `top`-th count is above what any value not counted yet can reach."""
    present = counted[counted > 0]
    if len(present) <= top:
        return False
    return int(np.partition(present, len(present) - top)[len(present) - top]) > most_left


# field -> the rank of each value id in value order (str order), for as many values as were numbered
_ranks: dict[str, np.ndarray] = {}
_ranks_lock = threading.Lock()


def _value_ranks(field: str, values: list[str]) -> np.ndarray:
    """Each value id's place among the field's values sorted as strings (date facets: a few thousand
    months), instead of sorting every counted value's string at every search."""
    with _ranks_lock:
        ranks = _ranks.get(field)
        if ranks is None or len(ranks) != len(values):
            order = np.argsort(np.array(values, dtype=object), kind="stable")
            ranks = _ranks[field] = np.empty(len(order), dtype=np.int64)
            ranks[order] = np.arange(len(order))
        return ranks


def count(cache: FacetCache, spec: Facet, mask: np.ndarray, size: int,
          matched: np.ndarray | None = None) -> tuple[list[tuple[str, int]], bool]:
    """The top `size` (value, count) pairs of a facet over the masked documents, and whether more exist."""
    postings = cache.postings(spec.field)
    if not postings.values:
        return [], False
    values = postings.values
    counts = _counts(postings, mask, matched, size if spec.order == "count" else None)
    present = np.flatnonzero(counts)
    if spec.order == "count":
        return _most_counted(counts, present, values, size), len(present) > size
    # Dates in date order; when there are too many, the latest are kept.
    ranks = _value_ranks(spec.field, values)  # after counting: every counted id has a rank
    ranked = present[np.argsort(ranks[present], kind="stable")][::-1]
    chosen = ranked[:size][::-1]
    return [(values[i], int(counts[i])) for i in chosen.tolist()], len(ranked) > size


def most_counted(cache: FacetCache, spec: Facet, mask: np.ndarray, size: int) -> tuple[list[tuple[str, int]], int]:
    """The `size` values of a facet counted most often over the masked documents (most first), and
    how many distinct values they have in all (the search page's map of places)."""
    postings = cache.postings(spec.field)
    if not postings.values:
        return [], 0
    counts = _counts(postings, mask)
    present = np.flatnonzero(counts)
    return _most_counted(counts, present, postings.values, size), len(present)


def _most_counted(counts: np.ndarray, present: np.ndarray, values: list[str], size: int) -> list[tuple[str, int]]:
    if len(present) > size:  # only values counted at least as often as the size-th can be shown
        cut = np.partition(counts[present], len(present) - size)[len(present) - size]
        chosen = present[counts[present] >= cut]
    else:
        chosen = present
    # Ties in value order, not in value-id order: ids are numbered as segments are read, which
    # differs between workers that opened different generations. (Values are distinct.)
    ranked = sorted(zip([-n for n in counts[chosen].tolist()], [values[i] for i in chosen.tolist()]))
    return [(value, -negative) for negative, value in ranked[:size]]
