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


def phrase_docs(blocks: dict, words: list[bytes], candidates: np.ndarray) -> np.ndarray:
    """The sorted documents among `candidates` (those holding every word, sorted) where `words`
    stand one after another; `blocks` holds a block matcher over each word's postings
    (postings.block_matcher), in a field with positions."""
    positions = {word: _positions(matcher, candidates) for word, matcher in blocks.items()}
    first, rest = positions[words[0]], [(k, positions[word]) for k, word in enumerate(words) if k]
    kept = [doc for doc in candidates.tolist()
            if any(all(start + k in later[doc] for k, later in rest) for start in first[doc])]
    return np.array(kept, np.int32)


def _decode(value: bytes) -> set[int]:
    """Positions.decode_positions, as a set: a 4-byte count, then the gaps from 0 pickled."""
    return set(accumulate(pickle.loads(value[4:] if value.endswith(b".") else value[4:] + b".")))


def _positions(matcher, candidates: np.ndarray) -> dict[int, set[int]]:
    """Each candidate document's positions of the matcher's word, from the blocks that hold a candidate."""
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
