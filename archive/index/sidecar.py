"""Each segment's postings as flat arrays, stored inside the segment and read by memory map.

Whoosh keeps postings in pickled, zlib-compressed blocks of 128, with every
position of a text field; a fresh process decoding a common word's blocks took
60-120 ms, and every gunicorn worker paid it and kept its own copy. So while
Whoosh writes a segment, the document numbers and weights of the fields search
reads as arrays (the scored text fields and the facet fields) are copied, a
whole block at a time, into one more file of the segment (`<segment>.npp`),
with the word positions of the text fields (positions.py), for phrases:

- written by whichever process writes the segment (a commit, a merge, each
  process of a parallel reindex) from the blocks as Whoosh writes them, so
  nothing is decoded again;
- packed into the segment's compound file with Whoosh's own files, so it is
  committed, kept and deleted (merged away) together with its segment;
- read through mmap: nothing decoded or copied, and the pages are shared by
  every process through the OS page cache.

A segment without one (written before this module) is read from its blocks.

File layout: MAGIC, a little-endian u64 header length, a JSON header, then per
field the sorted terms end to end, their end offsets (i8), each term's end in
the postings (i8), the document numbers (i4) and the weights in the smallest
of u1/u2/f4 that holds them exactly, and for a field with positions their
three arrays (positions.py), each at an offset (from the end of the header)
that is a multiple of 8. A sidecar written before positions were kept has
none: phrases read those segments' blocks.
"""
from __future__ import annotations

import json
import logging
import mmap
import os
import struct
import threading
from array import array
from bisect import bisect_left

import numpy as np
from whoosh import formats
from whoosh.codec import whoosh3
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filestore import FileStorage, OverlayStorage

from archive.index.positions import FieldPositions
from archive.index.schema import FACET_FIELDS

log = logging.getLogger(__name__)

EXT = ".npp"
MAGIC = b"ARCNPP01"
_HEAD = struct.Struct("<Q")
_ALIGN = 8
_ID_TYPE = np.dtype("<i4")
PREFIX = 8  # bytes of each term searched as one number (term lookup)
_WEIGHT_TYPES = (np.dtype("u1"), np.dtype("<u2"), np.dtype("<f4"))


def records(fieldname: str, fieldobj) -> bool:
    """Whether a field's postings go into the sidecar: what search reads as whole arrays."""
    return bool(fieldobj.scorable) or fieldname in FACET_FIELDS


# Writing: hooks on Whoosh 2.7's W3 field and postings writers


class _FieldPostings:
    """One field's postings as Whoosh writes them: terms in order, each a run of blocks."""

    def __init__(self, positions: bool = False):
        self.terms: list[bytes] = []
        self.ends = array("q")
        self.ids = array("I")
        self.weights = array("f")
        self.positions = FieldPositions() if positions else None
        self.complete = True

    def add_block(self, ids, weights, values: list[bytes]) -> None:
        self.ids.extend(ids)
        self.weights.extend(weights)
        if self.positions is not None:
            if len(values) == len(ids):
                self.positions.add(values)
            else:  # a posting without its positions: the field's phrases are read from the blocks
                self.positions = None

    def finish_term(self, btext: bytes) -> None:
        if len(self.ids) == (self.ends[-1] if self.ends else 0):
            self.complete = False  # postings that did not pass through blocks (inlined): not ours to list
        self.terms.append(btext)
        self.ends.append(len(self.ids))


class _SegmentPostings:
    def __init__(self):
        self.fields: dict[str, _FieldPostings] = {}

    def start_field(self, fieldname: str, fieldobj) -> _FieldPostings | None:
        if not records(fieldname, fieldobj):
            return None
        if fieldname in self.fields:  # a field written in two runs: its terms would not be sorted
            self.fields[fieldname].complete = False
            return None
        record = self.fields[fieldname] = _FieldPostings(type(fieldobj.format) is formats.Positions)
        return record

    def write(self, storage, segment) -> None:
        fields = {name: record for name, record in self.fields.items() if record.complete and record.terms}
        if not fields:
            return
        body, header = [], {}
        for name, record in fields.items():
            header[name] = _place_field(body, record)
        head = json.dumps({"fields": header}, separators=(",", ":")).encode()
        head += b" " * (-(len(MAGIC) + _HEAD.size + len(head)) % _ALIGN)
        out = segment.create_file(storage, EXT)
        out.write(MAGIC + _HEAD.pack(len(head)) + head)
        for chunk in body:
            out.write(chunk)
        out.close()


def _place_field(body: list, record: _FieldPostings) -> dict:
    """Append one field's arrays to `body` (8-aligned); returns where they are."""
    weights = np.frombuffer(record.weights, np.float32)
    compact = weights.astype(_weight_type(weights))
    keys = b"".join(record.terms)
    arrays = {"keys": np.frombuffer(keys, np.uint8),
              "key_ends": np.cumsum([len(term) for term in record.terms], dtype=np.int64).astype("<i8"),
              "ends": np.frombuffer(record.ends, np.int64).astype("<i8"),
              "ids": np.frombuffer(record.ids, np.uint32).astype(_ID_TYPE),
              "weights": compact}
    placed = {"terms": len(record.terms), "postings": len(record.ids), "weight_type": compact.dtype.str}
    if record.positions is not None:
        kept = record.positions.arrays(arrays["ends"])
        arrays.update(kept)
        placed.update(count_type=kept["counts"].dtype.str, position_type=kept["positions"].dtype.str,
                      positions_total=len(kept["positions"]))
    for key, values in arrays.items():
        offset = sum(len(chunk) for chunk in body)
        body.append(b"\0" * (-offset % _ALIGN))
        placed[key] = offset + len(body[-1])
        body.append(values.tobytes())
    return placed


def _weight_type(weights: np.ndarray) -> np.dtype:
    """The smallest type that gives back every weight exactly (term frequencies are small integers)."""
    if weights.size and weights.min() >= 0 and np.all(weights == np.floor(weights)):
        top = weights.max()
        for kind in _WEIGHT_TYPES[:2]:
            if top <= np.iinfo(kind).max:
                return kind
    return _WEIGHT_TYPES[2]


_original: dict = {}


def _start_field(self, fieldname, fieldobj):
    _original["start_field"](self, fieldname, fieldobj)
    segment_postings = self.__dict__.setdefault("_archive_postings", _SegmentPostings())
    self._postwriter._archive_record = segment_postings.start_field(fieldname, fieldobj)


def _finish_term(self):
    record = getattr(self._postwriter, "_archive_record", None)
    _original["finish_term"](self)
    if record is not None:
        record.finish_term(self._btext)


def _write_block(self, last=False):
    record = getattr(self, "_archive_record", None)
    if record is not None:  # a block's absolute document numbers and float weights, before Whoosh minifies them
        record.add_block(self._ids, self._weights, self._values)
    _original["write_block"](self, last)


def _close(self):
    _original["close"](self)
    segment_postings = self.__dict__.pop("_archive_postings", None)
    if segment_postings is not None:  # before the segment is assembled into its compound file
        segment_postings.write(self._storage, self._segment)


def install() -> None:
    """Make every W3 segment writer in this process (and its forked children) write sidecars."""
    if _original:
        return
    field_writer, postings_writer = whoosh3.W3FieldWriter, whoosh3.W3PostingsWriter
    _original.update(start_field=field_writer.start_field, finish_term=field_writer.finish_term,
                     close=field_writer.close, write_block=postings_writer._write_block)
    field_writer.start_field, field_writer.finish_term, field_writer.close = _start_field, _finish_term, _close
    postings_writer._write_block = _write_block


def uninstall() -> None:
    """Write segments without sidecars again (what an index written before this module holds)."""
    if not _original:
        return
    field_writer, postings_writer = whoosh3.W3FieldWriter, whoosh3.W3PostingsWriter
    field_writer.start_field, field_writer.finish_term = _original["start_field"], _original["finish_term"]
    field_writer.close, postings_writer._write_block = _original["close"], _original["write_block"]
    _original.clear()


# Reading


class _Field:
    def __init__(self, buffer, base: int, placed: dict):
        terms, postings = placed["terms"], placed["postings"]
        self.key_ends = np.frombuffer(buffer, "<i8", terms, base + placed["key_ends"])
        self.keys = buffer[base + placed["keys"]:base + placed["keys"] + (int(self.key_ends[-1]) if terms else 0)]
        self.ends = np.frombuffer(buffer, "<i8", terms, base + placed["ends"])
        self.ids = np.frombuffer(buffer, _ID_TYPE, postings, base + placed["ids"])
        self.weights = np.frombuffer(buffer, np.dtype(placed["weight_type"]), postings, base + placed["weights"])
        self.count = terms
        self._prefixes: np.ndarray | None = None
        self.counts = self.position_ends = self.positions = None
        if "position_type" in placed:
            self.counts = np.frombuffer(buffer, np.dtype(placed["count_type"]), postings, base + placed["counts"])
            self.position_ends = np.frombuffer(buffer, "<i8", terms, base + placed["position_ends"])
            self.positions = np.frombuffer(buffer, np.dtype(placed["position_type"]), placed["positions_total"],
                                           base + placed["positions"])

    def find(self, btext: bytes) -> int | None:
        """A term's number, or None: a numpy binary search over every term's first 8 bytes, then
        a bisection of the few terms that share them (bisecting all of them with Python calls
        was 13 probes per term per segment, 16% of a search on an index of 18 segments)."""
        if not self.count:
            return None
        prefixes = self._prefix_array()
        key = np.uint64(int.from_bytes(btext[:PREFIX].ljust(PREFIX, b"\0"), "big"))
        low, high = int(prefixes.searchsorted(key, "left")), int(prefixes.searchsorted(key, "right"))
        number = bisect_left(range(self.count), btext, low, high, key=self.term_at)
        return number if number < high and self.term_at(number) == btext else None

    def _prefix_array(self) -> np.ndarray:
        """Each term's first PREFIX bytes (zero-padded) as a big-endian number: sorted as the terms are."""
        if self._prefixes is None:
            data = np.concatenate((np.frombuffer(self.keys, np.uint8), np.zeros(PREFIX, np.uint8)))  # b"" terms too
            ends = self.key_ends
            starts = np.concatenate(([0], ends[:-1]))
            index = starts[:, None] + np.arange(PREFIX)
            gathered = np.where(index < ends[:, None], data[index], 0)
            self._prefixes = gathered.astype(np.uint8).view(">u8").ravel().astype(np.uint64)
        return self._prefixes

    def term_at(self, number: int) -> bytes:
        start = int(self.key_ends[number - 1]) if number else 0
        return bytes(self.keys[start:int(self.key_ends[number])])

    def postings(self, number: int) -> tuple[np.ndarray, np.ndarray]:
        start = int(self.ends[number - 1]) if number else 0
        end = int(self.ends[number])
        return self.ids[start:end], self.weights[start:end].astype(np.float32)

    def term_positions(self, number: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        start, end = (int(self.ends[number - 1]) if number else 0), int(self.ends[number])
        first = int(self.position_ends[number - 1]) if number else 0
        return self.ids[start:end], self.counts[start:end], self.positions[first:int(self.position_ends[number])]


class SegmentPostings:
    """The sidecar of one segment: a term's document numbers and weights as views of the mapped file."""

    def __init__(self, buffer: memoryview):
        if bytes(buffer[:len(MAGIC)]) != MAGIC:
            raise ValueError("not a postings sidecar")
        (length,) = _HEAD.unpack_from(buffer, len(MAGIC))
        base = len(MAGIC) + _HEAD.size + length
        header = json.loads(bytes(buffer[len(MAGIC) + _HEAD.size:base]))
        self._fields = {name: _Field(buffer, base, placed) for name, placed in header["fields"].items()}

    def covers(self, field: str) -> bool:
        """Whether every term of `field` in the segment is here (a term not found then has no postings)."""
        return field in self._fields

    def term(self, field: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, float32 weights) of a term, deleted documents included; empty if absent."""
        arrays = self._fields[field]
        number = arrays.find(btext)
        if number is None:
            return np.empty(0, np.int32), np.empty(0, np.float32)
        return arrays.postings(number)

    def has_positions(self, field: str) -> bool:
        """Whether the word positions of every term of `field` in the segment are here."""
        return field in self._fields and self._fields[field].positions is not None

    def positions(self, field: str, btext: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(document numbers, each one's count of positions, all their positions end to end) of a term
        of a field with positions (has_positions), deleted documents included; empty if absent."""
        arrays = self._fields[field]
        number = arrays.find(btext)
        if number is None:
            return np.empty(0, np.int32), np.empty(0, np.uint8), np.empty(0, np.uint16)
        return arrays.term_positions(number)

    def terms(self, field: str) -> list[tuple[bytes, np.ndarray]]:
        """(term, document numbers) of every term of a field, in term order."""
        arrays = self._fields[field]
        keys, key_ends, ends = bytes(arrays.keys), arrays.key_ends.tolist(), arrays.ends.tolist()
        starts, key_starts = [0] + ends[:-1], [0] + key_ends[:-1]
        return [(keys[ks:ke], arrays.ids[s:e]) for ks, ke, s, e in zip(key_starts, key_ends, starts, ends)]


def _locate(leaf) -> tuple[str, int, int] | None:
    """(file path, offset, length) of a segment reader's sidecar, or None if it has none."""
    segment, storage = leaf.segment(), leaf.storage()
    name = segment.make_filename(EXT)
    if isinstance(storage, OverlayStorage) and isinstance(storage.a, CompoundStorage):
        if not storage.a.file_exists(name) or not isinstance(storage.b, FileStorage):
            return None
        offset, length = storage.a.range(name)
        return os.path.join(storage.b.folder, segment.make_filename(segment.COMPOUND_EXT)), offset, length
    if isinstance(storage, FileStorage) and storage.file_exists(name):
        return os.path.join(storage.folder, name), 0, storage.file_length(name)
    return None


def _map(path: str, offset: int, length: int) -> SegmentPostings | None:
    try:
        with open(path, "rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return SegmentPostings(memoryview(mapped)[offset:offset + length])
    except (OSError, ValueError, KeyError, struct.error) as error:  # gone, or unreadable: read the blocks
        log.warning("postings sidecar %s unusable (%s); reading the segment's posting blocks", path, error)
        return None


_opened: dict[tuple[str, str], SegmentPostings | None] = {}  # (index folder, segment id) ->
_opened_lock = threading.Lock()


def for_leaf(leaf) -> SegmentPostings | None:
    """The sidecar of a segment reader's segment, mapped once per process; None when it has none."""
    segment = leaf.segment() if hasattr(leaf, "segment") else None
    if segment is None:
        return None
    storage = leaf.storage()
    main = storage.b if isinstance(storage, OverlayStorage) else storage
    # the folder too: segment ids come from the global random generator, which tests may seed twice
    key = (getattr(main, "folder", str(id(main))), segment.segment_id())
    with _opened_lock:
        if key not in _opened:
            place = _locate(leaf)
            _opened[key] = _map(*place) if place else None
        return _opened[key]


def forget(live_segments: set[str]) -> None:
    """Unmap the sidecars of segments that merges have replaced (their files may be gone already)."""
    with _opened_lock:
        for key in [key for key in _opened if key[1] not in live_segments]:
            del _opened[key]
