"""Phrase matches in one segment, checked on the few documents that hold every word.

Whoosh's phrase matcher walks both words' postings a document at a time in Python
(skip_to, spans, one position list at a time): 100-150 ms for "world bank" over
100,000 articles, paid again by every worker for every new phrase. Here the
documents holding every word come from the postings arrays (numpy), and their
positions from the segment's sidecar (archive/index/positions.py: arrays read by
memory map, nothing to decode), or in a segment without them from the posting
blocks that contain one of those documents, a block at a time. The answer is
Whoosh's: the words at consecutive positions (a Phrase of slop 1, as the query
parser makes; positions count the words the analyser keeps), or each word 1 to
slop positions after the one before (`"a b"~3`, Whoosh's SpanNear2).

Each word's positions become one sorted array of (document << 32 | position) keys, so
a phrase is a few searchsorted calls; the rarer words are read first, and each next
word only in the documents still in the running. From the blocks, what is left is
Whoosh's own block decoding (zlib and a pickle per block of 128 postings): about 0.6 s
of CPU for 8 phrases of common words at 100,000 articles, 100-290 ms a phrase at
1,000,000 in a worker that had not read its words yet.
"""
from __future__ import annotations

import numpy as np

from archive.index.positions import decode

EMPTY_KEYS = np.empty(0, np.int64)
BLOCK = 128  # postings in one of Whoosh's blocks (W3Codec's blocklimit)
MOST_BLOCKS = 0.8
MASK_RATIO = 32  # candidates at least 1/32 of a word's documents: found by a mask rather than binary searches


def phrase_docs(words: list[bytes], rarest_first: list[bytes], candidates: np.ndarray, keys_of,
                slop: int = 1) -> np.ndarray:
    """The sorted documents among `candidates` (those holding every word, sorted) where `words` stand
    one after another (slop 1), or each within `slop` words after the one before (Whoosh's SpanNear2,
    ordered, as its Phrase asks for `"a b"~3`). `keys_of(word, candidates)` gives a word's position
    keys (position_keys) in at least those documents. Each word's blocks are read only for the
    documents still in the running: three common words read a third of the blocks they did."""
    if slop > 1:
        return _near_docs(words, candidates, keys_of, slop)
    starts = None  # (document << 32 | position) where the phrase would start
    for word in rarest_first:  # the rarer words first: fewer documents stay in the running
        keys = keys_of(word, candidates)
        for k in (k for k, same in enumerate(words) if same == word):
            these = keys[(keys & 0xFFFFFFFF) >= k] - k
            starts = these if starts is None else common(starts, these)
        candidates = _distinct(starts >> 32)
        if not len(candidates):
            break
    return candidates.astype(np.int32)


def _near_docs(words: list[bytes], candidates: np.ndarray, keys_of, slop: int) -> np.ndarray:
    """Documents with the words in order, each 1 to `slop` positions after the one before. Whoosh's
    span matcher walks each word's spans from the end of the spans so far, so a match is a chain;
    the nearest earlier position of the word before is the one to look at."""
    ends, read = None, {}  # ends: keys of the last word of the chains so far
    for word in words:
        if word not in read:  # a word twice in the phrase is read once
            read[word] = keys_of(word, candidates)
        keys = read[word]
        if ends is None:
            ends = keys
        else:
            before = ends.searchsorted(keys) - 1  # the nearest chain end before each position
            near = before >= 0
            previous = ends[before[near]]
            near[near] = ((previous >> 32) == (keys[near] >> 32)) & (keys[near] - previous <= slop)
            ends = keys[near]
        candidates = _distinct(ends >> 32)
        if not len(candidates):
            break
    return candidates.astype(np.int32)


def _distinct(ordered: np.ndarray) -> np.ndarray:
    """np.unique of a sorted array, without sorting it again."""
    if not len(ordered):
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values in both sorted arrays of distinct values, sorted: the two merged by a stable sort
    (timsort finds the two runs and merges them once), and each value met twice kept. Binary searches
    of one in the other took 55 ms for "said mln" at 1M (1.4 M positions of mln, 0.4 M of said);
    np.intersect1d sorts from scratch."""
    both = np.concatenate((a, b))
    both.sort(kind="stable")
    return both[1:][both[1:] == both[:-1]]


def touches_most_blocks(ids: np.ndarray, candidates: np.ndarray) -> bool:
    """Whether the candidates are in most (MOST_BLOCKS) of the posting blocks of a word whose documents
    are `ids` (sorted): then reading all its blocks costs little more, once for every phrase it is in."""
    blocks = len(_distinct(ids.searchsorted(candidates) // BLOCK))
    return blocks >= MOST_BLOCKS * -(-len(ids) // BLOCK)


def position_keys(matcher, candidates: np.ndarray | None = None) -> np.ndarray:
    """The (document << 32 | position) keys of the matcher's word, sorted: in the `candidates`
    documents (sorted), reading only the blocks that hold one, or in all its documents (None)."""
    docs, values = [], []
    done = 0  # candidates up to the last block's highest document number
    while not matcher._atend:
        upto = 0 if candidates is None else int(candidates.searchsorted(matcher._maxid, "right"))
        if candidates is None or upto > done:  # a candidate in this block's range: it holds it, if anyone does
            matcher._read_data()
            ids = np.cumsum(np.asarray(matcher._data[0], dtype=np.int64))
            block_values = matcher._data[2]
            if candidates is None:
                docs.append(ids)
                values.extend(block_values)
            else:
                window = candidates[done:upto]
                held = np.flatnonzero(window[np.minimum(window.searchsorted(ids), len(window) - 1)] == ids)
                docs.append(ids[held])
                values.extend(block_values[i] for i in held.tolist())
        done = upto
        matcher._next_block()
    if not values:
        return EMPTY_KEYS
    counts, positions = decode(values)
    return (np.repeat(np.concatenate(docs), counts) << 32) | positions


def mapped_keys(ids: np.ndarray, counts: np.ndarray, positions: np.ndarray,
                candidates: np.ndarray | None = None) -> np.ndarray:
    """position_keys from a sidecar's arrays of a word (SegmentPostings.positions): its documents,
    each one's count of positions and the positions end to end; only in `candidates` unless None.
    The candidates are looked up among the word's documents, and only their positions gathered: a
    common word in eight phrases was a pass over all its positions per phrase (1.2 s at 1M)."""
    counts = counts.astype(np.int64)
    if candidates is None:
        return (np.repeat(ids.astype(np.int64), counts) << 32) | positions.astype(np.int64)
    if not len(ids) or not len(candidates):
        return EMPTY_KEYS
    if len(candidates) * 2 >= len(ids):  # most of its documents: all its keys cost less than picking
        return mapped_keys(ids, counts, positions)
    if len(candidates) * MASK_RATIO >= len(ids):  # many candidates: one pass over a mask of the segment's
        mask = np.zeros(max(int(ids[-1]), int(candidates[-1])) + 1, dtype=bool)  # documents beats a binary
        mask[candidates] = True  # search of each (0.55 of 1.3 s for 8 phrases sharing 'said' at 1M)
        held = np.flatnonzero(mask[ids])
    else:
        at = ids.searchsorted(candidates)
        inside = at < len(ids)
        inside[inside] = ids[at[inside]] == candidates[inside]
        held = at[inside]
    lengths = counts[held]
    starts = np.cumsum(counts)[held] - lengths  # where each held document's positions start
    firsts = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(int(lengths.sum()))
    return (np.repeat(ids[held].astype(np.int64), lengths) << 32) | positions[firsts].astype(np.int64)
