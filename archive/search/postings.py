"""Matching documents as numpy arrays: term postings read once and cached, queries as boolean masks.

Whoosh's matchers walk postings one document at a time in Python; over 100,000
articles a common word has tens of thousands of postings, so collecting them
took most of a search's time. Here a term's postings in one segment (document
numbers and weights) are decoded a block at a time into numpy arrays and kept:
a segment never changes once written, so the arrays stay valid across index
generations (documents deleted since show up in the generation's `live` mask,
which every result is ANDed with). A segment written with a postings sidecar
(archive/index/sidecar.py) gives its arrays straight from the mapped file, with
nothing to decode or cache. Queries the numpy path does not know fall back to
Whoosh's own `docs_for_query`, so every query keeps its exact matches.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import reduce

import numpy as np
from whoosh import formats
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, _lenfield
from whoosh.filedb.structfile import BufferFile
from whoosh.matching import FilterMatcher
from whoosh.util.numeric import byte_to_length

from archive.index import sidecar
from archive.search import phrases
from archive.search.budget import NO_LIMIT, Deadline

CACHE_BYTES = 64 * 2**20  # postings kept per process, least recently used dropped first
EMPTY_IDS = np.empty(0, np.int32)
EMPTY_WEIGHTS = np.empty(0, np.float32)


class _SegmentArrays:
    """Per-segment arrays (postings, phrase matches, field lengths), least recently used dropped first."""

    def __init__(self, limit: int = CACHE_BYTES):
        self.limit = limit
        self.size = 0
        self._items: OrderedDict[tuple, tuple[np.ndarray, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, read):
        with self._lock:
            arrays = self._items.get(key)
            if arrays is not None:
                self._items.move_to_end(key)
                return arrays
        arrays = read()  # outside the lock: two threads may read one term, both get equal arrays
        with self._lock:
            if key not in self._items:
                self._items[key] = arrays
                self.size += sum(a.nbytes for a in arrays)
                while self.size > self.limit and len(self._items) > 1:
                    _key, dropped = self._items.popitem(last=False)
                    self.size -= sum(a.nbytes for a in dropped)
            return self._items[key]

    def cached(self, key: tuple):
        """The arrays kept under `key`, or None (nothing is read)."""
        with self._lock:
            arrays = self._items.get(key)
            if arrays is not None:
                self._items.move_to_end(key)
            return arrays

    def forget(self, live_segments: set[str]) -> None:
        """Drop the arrays of segments that merges have replaced."""
        with self._lock:
            for key in [key for key in self._items if key[0] not in live_segments]:
                self.size -= sum(a.nbytes for a in self._items.pop(key))

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.size = 0


SEGMENT_ARRAYS = _SegmentArrays()


def read_postings(leaf, field: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, weights) of a term in one segment, deleted documents included."""
    if field not in leaf.schema:
        return EMPTY_IDS, EMPTY_WEIGHTS
    mapped = sidecar.for_leaf(leaf)
    if mapped is not None and mapped.covers(field):
        return mapped.term(field, text)
    if (field, text) not in leaf:
        return EMPTY_IDS, EMPTY_WEIGHTS
    blocks = block_matcher(leaf, field, text)
    if blocks is not None:
        return _read_blocks(blocks)
    matcher = leaf.postings(field, text)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # the deletions filter: the generation's live mask does that
    if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
        return _read_blocks(matcher)
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(ids, np.int32), np.array(weights, np.float32)


def block_matcher(leaf, field: str, text: bytes) -> W3LeafMatcher | None:
    """A matcher over a stored term's whole posting list, read in one go, for decoding a block at a
    time; None when the postings are inlined or the segment is not a W3 one."""
    terms = getattr(leaf, "_terms", None)
    if not hasattr(terms, "term_info") or not hasattr(terms, "_postfile"):
        return None
    info = terms.term_info(field, text)
    if info.is_inlined():
        return None
    offset, length = _extent(info)
    matcher = W3LeafMatcher(BufferFile(terms._postfile.get(offset, length)), 0, length, leaf.schema[field].format)
    return None if matcher._byteids else matcher


def read_field(leaf, field: str) -> list[tuple[bytes, np.ndarray]]:
    """(term, document numbers) of every term of a field in one segment, deleted documents included.

    For the facet arrays, which read every term: the terms come from one walk of
    the term index and the field's postings from one read of the postings file,
    instead of two index look-ups and a dozen small file reads per term (15 s
    for the 38,000 actors of 100,000 articles without mmap)."""
    mapped = sidecar.for_leaf(leaf) if field in leaf.schema else None
    if mapped is not None and mapped.covers(field):
        return mapped.terms(field)
    if field not in leaf.schema or not hasattr(leaf, "_terms") or not hasattr(leaf._terms, "items_from"):
        return [(term, read_postings(leaf, field, term)[0]) for term in leaf.lexicon(field)]
    infos = []
    for (name, term), info in leaf._terms.items_from(field, b""):
        if name != field:
            break
        infos.append((term, info))
    extents = [_extent(info) for _term, info in infos if not info.is_inlined()]
    start = min((offset for offset, _length in extents), default=0)
    end = max((offset + length for offset, length in extents), default=0)
    region = BufferFile(leaf._terms._postfile.get(start, end - start)) if extents else None
    fmt = leaf.schema[field].format
    out = []
    for term, info in infos:
        if info.is_inlined():
            out.append((term, np.array(info.inlined_postings()[0], np.int32)))
        else:
            offset, length = _extent(info)
            out.append((term, _read_blocks(W3LeafMatcher(region, offset - start, length, fmt))[0]))
    return out


def _extent(info) -> tuple[int, int]:
    """Where a term's postings are; Whoosh's decoded terminfo keeps the length as a 1-tuple."""
    offset, length = info.extent()
    return offset, length[0] if isinstance(length, tuple) else length


def _read_blocks(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """Decode whole posting blocks (delta-coded ids, float weights) instead of one posting at a time."""
    ids, weights = [], []
    while not matcher._atend:
        matcher._read_data()
        raw_ids, raw_weights = matcher._data[0], matcher._data[1]
        count = matcher._blocklength
        ids.append(np.cumsum(np.asarray(raw_ids, dtype=np.int64)))
        if raw_weights is None:
            weights.append(np.ones(count, np.float32))
        elif isinstance(raw_weights, float):
            weights.append(np.full(count, raw_weights, np.float32))
        else:
            weights.append(np.asarray(raw_weights, dtype=np.float32))
        matcher._next_block()
    if not ids:
        return EMPTY_IDS, EMPTY_WEIGHTS
    return np.concatenate(ids).astype(np.int32), np.concatenate(weights)


class Generation:
    """One searcher's view: its segments with their document offsets, and which documents are live."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.size = searcher.doc_count_all()
        subs = searcher.subsearchers or [(searcher, 0)]
        self.subsearchers = [sub for sub, _offset in subs if sub.reader().segment() is not None]
        self.leaves = [(sub.reader(), offset, sub.reader().segment().segment_id())
                       for sub, offset in subs if sub.reader().segment() is not None]
        self.live = np.ones(self.size, dtype=bool)
        for leaf, offset, _segment in self.leaves:
            deleted = leaf.deleted_docs_set
            if deleted:
                self.live[np.fromiter(deleted, np.int64, len(deleted)) + offset] = False
        live_segments = {segment for _leaf, _offset, segment in self.leaves}
        SEGMENT_ARRAYS.forget(live_segments)
        sidecar.forget(live_segments)

    def term(self, field: str, text) -> list[tuple[int, np.ndarray, np.ndarray]]:
        """(offset, local ids, weights) of a term in every segment that has it."""
        btext = self._bytes(field, text)
        if btext is None:
            return []
        parts = []
        for leaf, offset, segment in self.leaves:
            ids, weights = self._segment_term(leaf, segment, field, btext)
            if len(ids):
                parts.append((offset, ids, weights))
        return parts

    @staticmethod
    def _segment_term(leaf, segment: str, field: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        mapped = sidecar.for_leaf(leaf)
        if mapped is not None and mapped.covers(field):  # views of the mapped file: nothing to cache
            return mapped.term(field, btext)
        return SEGMENT_ARRAYS.get((segment, "term", field, btext), lambda: read_postings(leaf, field, btext))

    def field_lengths(self, field: str) -> list[np.ndarray]:
        """Per segment, each document's field length as Whoosh's scorer sees it (its byte-coded length)."""
        return [SEGMENT_ARRAYS.get((segment, "lengths", field), lambda leaf=leaf: (_lengths(leaf, field),))[0]
                for leaf, _offset, segment in self.leaves]

    def length_codes(self, field: str) -> list[np.ndarray | None]:
        """Per segment, each document's one-byte coded field length (BYTE_LENGTHS gives the length
        Whoosh's scorer sees), or None where the segment does not store them so (field_lengths)."""
        codes = [SEGMENT_ARRAYS.get((segment, "codes", field), lambda leaf=leaf: (_codes(leaf, field),))[0]
                 for leaf, _offset, segment in self.leaves]
        return [None if coded is _NO_CODES else coded for coded in codes]

    def phrase(self, q: wq.Phrase) -> list[tuple[int, np.ndarray]]:
        """(offset, local ids) of a phrase's matches per segment (deleted documents may be among
        them: results are ANDed with `live`), computed once per segment."""
        parts = []
        key = ("phrase", q.fieldname, tuple(q.words), q.slop)
        for (leaf, offset, segment), sub in zip(self.leaves, self.subsearchers):
            (ids,) = SEGMENT_ARRAYS.get((segment, *key), lambda leaf=leaf, segment=segment, sub=sub:
                                        (self._segment_phrase(leaf, segment, sub, q),))
            if len(ids):
                parts.append((offset, ids))
        return parts

    def _segment_phrase(self, leaf, segment: str, sub, q: wq.Phrase) -> np.ndarray:
        """Checked on the documents holding every word (phrases.py), or by Whoosh's span matcher."""
        found = self.numpy_phrase(leaf, segment, q)
        return _phrase_ids(sub, q) if found is None else found

    def numpy_phrase(self, leaf, segment: str, q: wq.Phrase) -> np.ndarray | None:
        """A phrase's matches in one segment from the postings arrays and positions (phrases.py);
        None where only Whoosh can tell (a word's postings inlined in the term index, no positions)."""
        words = [self._bytes(q.fieldname, word) for word in q.words]
        if q.slop < 1 or len(words) < 2 or None in words \
                or type(leaf.schema[q.fieldname].format) is not formats.Positions:
            return None
        holding = {word: self._segment_term(leaf, segment, q.fieldname, word)[0] for word in words}
        candidates = reduce(phrases.common, holding.values())
        if not len(candidates):
            return EMPTY_IDS
        rarest_first = sorted(holding, key=lambda word: len(holding[word]))
        mapped = sidecar.for_leaf(leaf)
        if mapped is not None and mapped.has_positions(q.fieldname):  # no blocks to decode, nothing to keep
            return phrases.phrase_docs(words, rarest_first, candidates, lambda word, among: phrases.mapped_keys(
                *mapped.positions(q.fieldname, word), among), q.slop)
        blocks = {word: block_matcher(leaf, q.fieldname, word) for word in holding}
        if None in blocks.values():
            return None
        return phrases.phrase_docs(words, rarest_first, candidates, lambda word, among: _position_keys(
            segment, q.fieldname, word, blocks[word], holding[word], among), q.slop)

    def _bytes(self, field: str, text):
        if field not in self.searcher.schema:
            return None
        try:
            return self.searcher.schema[field].to_bytes(text)
        except ValueError:
            return None

    def mask_of(self, parts) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        for part in parts:
            mask[part[1] + part[0]] = True
        return mask


BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], np.float32)
_NO_CODES = np.empty(0, np.uint8)  # a segment whose lengths are not a one-byte column


def _lengths(leaf, field: str) -> np.ndarray:
    """Whoosh's doc_field_length for every document, from the one-byte length column read at once."""
    coded = _codes(leaf, field)
    if coded is _NO_CODES:
        count = leaf.doc_count_all()
        return np.fromiter((leaf.doc_field_length(n, field, 1) or 0 for n in range(count)), np.float32, count)
    return BYTE_LENGTHS[coded]


def _codes(leaf, field: str) -> np.ndarray:
    """The one-byte length column of a field as it is stored (_NO_CODES if it is not one)."""
    count = leaf.doc_count_all()
    column = _length_column(leaf, field)
    if column is None:
        return _NO_CODES
    coded = np.zeros(count, np.uint8)
    stored = min(column._count, count)  # documents after the last non-zero length have none stored
    coded[:stored] = np.frombuffer(column._dbfile.get(column._basepos, stored), np.uint8)
    return coded


def _length_column(leaf, field: str):
    """The W3 segment's length column reader of a field, if it is the fixed one-byte kind."""
    perdoc = getattr(leaf, "_perdoc", None)
    if not isinstance(perdoc, W3PerDocReader):
        return None
    column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    if column is None or getattr(column, "_fixedlen", None) != 1 or not hasattr(column._dbfile, "get"):
        return None
    return column


def _position_keys(segment: str, field: str, word: bytes, matcher, ids: np.ndarray, candidates: np.ndarray):
    """A word's positions (phrases.position_keys) in the candidates; all of them, kept, when the
    candidates are in most of its blocks: eight phrases sharing one common word read its blocks
    eight times (1.5 s at 100,000 articles)."""
    key = (segment, "positions", field, word)
    kept = SEGMENT_ARRAYS.cached(key)
    if kept is not None:
        return kept[0]
    if phrases.touches_most_blocks(ids, candidates):
        return SEGMENT_ARRAYS.get(key, lambda: (phrases.position_keys(matcher),))[0]
    return phrases.position_keys(matcher, candidates)


def _phrase_ids(sub, q: wq.Phrase) -> np.ndarray:
    matcher = q.matcher(sub, sub.boolean_context())
    ids = matcher.all_ids() if matcher.is_active() else ()
    return np.fromiter(ids, np.int32)


_generations: dict[int, Generation] = {}
_generations_lock = threading.Lock()


def generation(searcher) -> Generation:
    """The arrays view of this searcher; a refreshed searcher (new index generation) gets a new one."""
    with _generations_lock:
        current = _generations.get(id(searcher))
        if current is None or current.searcher is not searcher:
            _generations.clear()
            current = _generations[id(searcher)] = Generation(searcher)
        return current


def matches(searcher, q: wq.Query, deadline: Deadline = NO_LIMIT) -> np.ndarray:
    """Boolean array over document numbers: True where `q` matches a live document (no scoring)."""
    gen = generation(searcher)
    return _mask(gen, q, deadline) & gen.live


def mask(gen: Generation, q: wq.Query) -> np.ndarray:
    """Where `q` matches, deleted documents possibly among them (what NOT and ANDNOT take away)."""
    return _mask(gen, q, NO_LIMIT)


def _mask(gen: Generation, q: wq.Query, deadline: Deadline) -> np.ndarray:
    deadline.check()
    if isinstance(q, wq.Term):
        return gen.mask_of(gen.term(q.fieldname, q.text))
    if isinstance(q, wq.And) and q.subqueries:
        return _combine(gen, np.logical_and, q.subqueries, deadline)
    if isinstance(q, wq.Or) and q.subqueries and not q.minmatch:
        return _combine(gen, np.logical_or, q.subqueries, deadline)
    if isinstance(q, wq.Not):
        return ~_mask(gen, q.query, deadline)
    if isinstance(q, wq.AndNot):
        return _mask(gen, q.a, deadline) & ~_mask(gen, q.b, deadline)
    if isinstance(q, wq.AndMaybe):  # its second part only adds to the score
        return _mask(gen, q.a, deadline)
    if isinstance(q, wq.Phrase) and q.words:
        return gen.mask_of(gen.phrase(q))
    if isinstance(q, wq.Every) and not q.fieldname:
        return gen.live.copy()
    if q is wq.NullQuery:
        return np.zeros(gen.size, dtype=bool)
    found = np.zeros(gen.size, dtype=bool)  # anything else (a range...): Whoosh finds the documents
    found[np.fromiter(_checked(gen.searcher.docs_for_query(q), deadline), np.int64)] = True
    return found


def _combine(gen: Generation, operation, subqueries: list, deadline: Deadline) -> np.ndarray:
    """The parts' masks combined into the first one as each is made (an expanded prefix is an OR
    of up to a thousand words: one array at a time, not a thousand at once)."""
    out = _mask(gen, subqueries[0], deadline)
    for sub in subqueries[1:]:
        operation(out, _mask(gen, sub, deadline), out=out)
    return out


def _checked(docs, deadline: Deadline):
    for count, docnum in enumerate(docs):
        if count % 4096 == 0:
            deadline.check()
        yield docnum
