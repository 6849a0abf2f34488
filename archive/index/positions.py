"""Word positions of a text field: decoded from Whoosh's encoded values, and kept as flat arrays.

Whoosh stores each posting's positions as a pickled list of gaps (whoosh.formats.Positions.encode)
inside a zlib-compressed, pickled block of 128 postings; a process that matches a phrase of common
words for the first time decoded 100-290 ms of blocks at 1,000,000 articles, in every worker. The
sidecar (sidecar.py) keeps them instead, decoded once while the segment is written:

- `counts`: each posting's number of positions, in posting order (u1, u2 or u4);
- `position_ends`: each term's end among the positions (i8);
- `positions`: every posting's positions from 0, ascending, end to end (u2 or u4).

This module decodes the values (also what search does for segments without them) and gathers a
field's positions while Whoosh writes its blocks.
"""
from __future__ import annotations

import pickle
from array import array
from itertools import chain

import numpy as np

CHUNK = 65536  # values decoded at once while a segment is written
_COUNT_TYPES = (np.dtype("u1"), np.dtype("<u2"), np.dtype("<u4"))
_POSITION_TYPES = (np.dtype("<u2"), np.dtype("<u4"))


def decode(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(each value's count of positions, all their positions end to end) of encoded Positions values."""
    if not values:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    counts, gaps = counts_and_gaps(values)
    return counts, positions_of(gaps, counts)


def counts_and_gaps(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Each value's count of positions, and all their gaps end to end.

    A value is a 4-byte count, then a protocol-2 pickle of the list of gaps, its closing '.'
    sometimes left off. Where every gap is under 256 the pickle has one layout (`]q\\x00(` then
    `K<gap>` per gap, then `e`; one gap: `]q\\x00K<gap>a`): those gaps are read straight out of
    the values joined end to end. The others are unpickled together, in one call."""
    joined = np.frombuffer(b"".join(values), np.uint8)
    lengths = np.fromiter(map(len, values), np.int64, len(values))
    starts = np.cumsum(lengths) - lengths
    counts = joined[starts[:, None] + np.arange(4)].astype(np.int64) @ np.array([1 << 24, 1 << 16, 1 << 8, 1])
    total = int(counts.sum())
    firsts = np.cumsum(counts) - counts  # where each value's gaps start among all of them
    unclosed = lengths - (joined[starts + lengths - 1] == ord("."))
    # that length only in that layout: a two- or four-byte gap is longer, and so are the runs pickle
    # writes a list of more than 1,000 in
    simple = (unclosed == np.where(counts == 1, 12, 2 * counts + 11)) & (counts <= 1000)
    # in that layout a value's first gap is 10 or 11 bytes in, each next one 2 bytes on (after its K)
    at = np.repeat(starts + np.where(counts == 1, 10, 11) - 2 * firsts, counts) + 2 * np.arange(total)
    fast = np.repeat(simple, counts)
    gaps = np.zeros(total, np.int64)
    gaps[fast] = joined[at[fast]]
    others = np.flatnonzero(~simple).tolist()
    if others:
        gaps[~fast] = _unpickled([values[i] for i in others], total - int(np.count_nonzero(fast)))
    return counts, gaps


def _unpickled(values: list[bytes], total: int) -> np.ndarray:
    """The values' gaps, end to end: their pickles without header and closing '.', put between one
    mark and one LIST opcode, unpickle in one call as the list of the lists."""
    body = b"".join(value[6:-1] if value.endswith(b".") else value[6:] for value in values)
    lists = pickle.loads(b"\x80\x02(" + body + b"l.")
    if len(lists) != len(values) or sum(map(len, lists)) != total:
        raise ValueError("positions not in the format of whoosh.formats.Positions")
    return np.fromiter(chain.from_iterable(lists), np.int64, total)


def positions_of(gaps: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Each value's positions (the running sum of its gaps from 0), end to end."""
    running = np.cumsum(gaps)
    firsts = np.cumsum(counts) - counts
    return running - np.repeat(running[firsts] - gaps[firsts], counts)


class FieldPositions:
    """One field's positions as Whoosh writes its blocks, decoded a CHUNK of postings at a time."""

    def __init__(self):
        self.counts = array("I")
        self.positions = array("I")
        self._pending: list[bytes] = []

    def add(self, values: list[bytes]) -> None:
        self._pending.extend(values)
        if len(self._pending) >= CHUNK:
            self._decode()

    def _decode(self) -> None:
        if not self._pending:
            return
        counts, positions = decode(self._pending)
        self._pending = []
        if len(positions) and positions.max() > 0xFFFFFFFF:
            raise ValueError("a position past 2**32")
        self.counts.frombytes(counts.astype(np.uint32).tobytes())
        self.positions.frombytes(positions.astype(np.uint32).tobytes())

    def arrays(self, term_ends: np.ndarray) -> dict[str, np.ndarray]:
        """The three arrays of the sidecar, given each term's end among the postings."""
        self._decode()
        counts = np.frombuffer(self.counts, np.uint32)
        positions = np.frombuffer(self.positions, np.uint32)
        ends = np.cumsum(counts, dtype=np.int64)
        return {"counts": counts.astype(_smallest(counts, _COUNT_TYPES)),
                "position_ends": np.where(term_ends > 0, ends[np.maximum(term_ends - 1, 0)], 0).astype("<i8"),
                "positions": positions.astype(_smallest(positions, _POSITION_TYPES))}


def _smallest(values: np.ndarray, kinds: tuple[np.dtype, ...]) -> np.dtype:
    top = int(values.max()) if len(values) else 0
    return next(kind for kind in kinds if top <= np.iinfo(kind).max)
