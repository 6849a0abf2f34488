"""Phrase matches in one segment, checked on the few documents that hold every word.

Whoosh's phrase matcher walks both words' postings a document at a time in Python
(skip_to, spans, one position list at a time): 100-150 ms for "world bank" over
100,000 articles, paid again by every worker for every new phrase. Here the
documents holding every word come from the postings arrays (numpy), and only the
posting blocks that contain one of them are decoded for positions, a block at a
time. The answer is Whoosh's: the words at consecutive positions (a Phrase of
slop 1, as the query parser makes; positions count the words the analyser keeps).
"""
from __future__ import annotations

import pickle
from itertools import accumulate

import numpy as np
from whoosh import formats
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.filedb.structfile import BufferFile

EMPTY_IDS = np.empty(0, np.int32)


def phrase_docs(leaf, field: str, words: list[bytes], candidates: np.ndarray) -> np.ndarray | None:
    """The sorted documents among `candidates` (those holding every word, sorted) where `words`
    stand one after another; None when this segment's postings cannot be read a block at a time
    (the caller then asks Whoosh)."""
    if not len(candidates):
        return EMPTY_IDS
    fmt = leaf.schema[field].format
    if type(fmt) is not formats.Positions:
        return None
    positions: dict[bytes, dict[int, set[int]]] = {}
    for word in set(words):
        found = _positions(leaf, field, word, candidates, fmt)
        if found is None:
            return None
        positions[word] = found
    first, rest = positions[words[0]], [(k, positions[word]) for k, word in enumerate(words) if k]
    kept = [doc for doc in candidates.tolist()
            if any(all(start + k in later[doc] for k, later in rest) for start in first[doc])]
    return np.array(kept, np.int32)


def _decode(value: bytes) -> set[int]:
    """Positions.decode_positions, as a set: a 4-byte count, then the gaps from 0 pickled."""
    return set(accumulate(pickle.loads(value[4:] if value.endswith(b".") else value[4:] + b".")))


def _positions(leaf, field: str, word: bytes, candidates: np.ndarray, fmt) -> dict[int, set[int]] | None:
    """Each candidate document's positions of `word`, from the blocks that hold a candidate."""
    terms = getattr(leaf, "_terms", None)
    if not hasattr(terms, "term_info") or not hasattr(terms, "_postfile"):
        return None
    info = terms.term_info(field, word)
    if info.is_inlined():
        return None
    offset, length = info.extent()
    length = length[0] if isinstance(length, tuple) else length
    matcher = W3LeafMatcher(BufferFile(terms._postfile.get(offset, length)), 0, length, fmt)
    if matcher._byteids:
        return None
    out: dict[int, set[int]] = {}
    below = -1  # the last block's highest document number
    while not matcher._atend:
        top = matcher._maxid
        # any candidate in (below, top]? then this block holds it, if it holds it at all
        if np.searchsorted(candidates, top, "right") > np.searchsorted(candidates, below, "right"):
            matcher._read_data()
            ids = np.cumsum(np.asarray(matcher._data[0], dtype=np.int64))
            values = matcher._data[2]
            at = np.minimum(candidates.searchsorted(ids), len(candidates) - 1)
            for i in np.flatnonzero(candidates[at] == ids).tolist():
                out[int(ids[i])] = _decode(values[i])
        below = top
        matcher._next_block()
    return out
