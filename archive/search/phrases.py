"""Phrase matches in one segment, checked on the few documents that hold every word.

Whoosh's phrase matcher walks both words' postings a document at a time in Python
(skip_to, spans, one position list at a time): 100-150 ms for "world bank" over
100,000 articles, paid again by every worker for every new phrase. Here the
documents holding every word come from the postings arrays (numpy), and only the
posting blocks that contain one of them are decoded for positions, a block at a
time. The answer is Whoosh's: the words at consecutive positions (a Phrase of
slop 1, as the query parser makes; positions count the words the analyser keeps).

Each word's positions become one sorted array of (document << 32 | position) keys, so
a phrase is a few searchsorted calls. A posting's positions are a pickled list of gaps
(whoosh.formats.Positions.encode); all the candidates' lists of a word are unpickled in
one pickle.loads: one call per posting took 2 s for 8 phrases of common words at
100,000 articles.
"""
from __future__ import annotations

import pickle
from itertools import chain

import numpy as np

EMPTY_KEYS = np.empty(0, np.int64)


def phrase_docs(blocks: dict, words: list[bytes], candidates: np.ndarray) -> np.ndarray:
    """The sorted documents among `candidates` (those holding every word, sorted) where `words`
    stand one after another; `blocks` holds a block matcher over each word's postings
    (postings.block_matcher), in a field with positions."""
    keys = {word: _position_keys(matcher, candidates) for word, matcher in blocks.items()}
    starts = keys[words[0]]
    for k, word in enumerate(words[1:], 1):
        starts = starts[_holds(keys[word], starts + k)]
    return np.unique(starts >> 32).astype(np.int32)


def _holds(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Which of `keys` are in `sorted_keys`."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(sorted_keys.searchsorted(keys), len(sorted_keys) - 1)
    return sorted_keys[at] == keys


def _position_keys(matcher, candidates: np.ndarray) -> np.ndarray:
    """The matcher's word's (document << 32 | position) keys in the candidate documents, sorted;
    only the blocks that hold a candidate are read."""
    docs, values = [], []
    below = -1  # the last block's highest document number
    while not matcher._atend:
        top = matcher._maxid
        # any candidate in (below, top]? then this block holds it, if it holds it at all
        if np.searchsorted(candidates, top, "right") > np.searchsorted(candidates, below, "right"):
            matcher._read_data()
            ids = np.cumsum(np.asarray(matcher._data[0], dtype=np.int64))
            at = np.minimum(candidates.searchsorted(ids), len(candidates) - 1)
            held = np.flatnonzero(candidates[at] == ids)
            docs.append(ids[held])
            block_values = matcher._data[2]
            values.extend(block_values[i] for i in held.tolist())
        below = top
        matcher._next_block()
    if not values:
        return EMPTY_KEYS
    counts = np.frombuffer(b"".join(value[:4] for value in values), ">u4").astype(np.int64)
    positions = _positions(_gaps(values, int(counts.sum())), counts)
    return (np.repeat(np.concatenate(docs), counts) << 32) | positions


def _gaps(values: list[bytes], total: int) -> np.ndarray:
    """Every value's gaps, end to end. A value is a 4-byte count, then a protocol-2 pickle of the
    gaps (its closing '.' sometimes left off): the pickles without their header and closing '.',
    put between one mark and one LIST opcode, unpickle in one call as the list of the lists."""
    body = b"".join(value[6:-1] if value.endswith(b".") else value[6:] for value in values)
    lists = pickle.loads(b"\x80\x02(" + body + b"l.")
    if len(lists) != len(values) or sum(map(len, lists)) != total:
        raise ValueError("positions not in the format of whoosh.formats.Positions")
    return np.fromiter(chain.from_iterable(lists), np.int64, total)


def _positions(gaps: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Each value's positions (the running sum of its gaps from 0), end to end."""
    running = np.cumsum(gaps)
    firsts = np.cumsum(counts) - counts
    return running - np.repeat(running[firsts] - gaps[firsts], counts)
