"""Fixes to Whoosh-Reloaded 2.7.5, applied when archive.index is imported.

1. A segment's per-document reader looks up the length column of a field on every call of
   doc_field_length, and when the field has no such column (ID and KEYWORD fields) it asks
   the file system again each time, never remembering the answer: rebuilding 3,000 articles
   made 451,566 stat() calls, a fifth of the time. A written segment never changes, so the
   missing column can be remembered like a present one.
2. doc_field_length reads one byte from the column file per call, and writing a segment
   calls it once per posting (for the block statistics): the whole one-byte-per-document
   column is read once instead.
3. A TEXT field with spelling=True and a stemming analyser (body) adds every distinct
   unstemmed word of every document to the pool as its own posting of the spelling field
   (document 0, weight 1): "the" in 98,000 documents became 98,000 identical postings, a
   third of everything a reindex sorted and wrote. They are counted instead, one posting
   per word (per pool run) whose weight is the count, so the corrector's frequency of each
   word is unchanged.
4. When the pool outgrows its memory limit it writes sorted runs to disk and merges them.
   Whoosh pickles and unpickles every posting on its own: with a run or more per 8,000
   articles, that was a sixth of a reindex. Runs are written as marshalled lists of
   postings instead, each after its length, and read back a list at a time (marshal.load
   of a file reads it one small piece at a time through Python: 15 times the cost of
   marshal.loads of the list's bytes, 2 s a million postings).
5. Every posting block is zlib-compressed, though Whoosh means to leave small ones alone (its
   "less than 20 bytes" test is overwritten on the next line). Four blocks in five hold one
   posting, which compression does not shrink (4.82 MB of 4.85 for 2,000 articles), and a
   compressor's set-up is most of the cost of writing them. One-posting blocks are written
   plain, flagged as such in the block header that every reader checks.
6. A merge copies each segment's postings of live documents only, and a spelling field's
   postings all sit on document 0: when that document had been deleted (an article updated
   or removed), the merge lost every spelling word of the segment, and "did you mean" forgot
   them. Spelling words are carried over from the term table instead, with their counts.
7. Opening a reader of several segments, when one of them vanishes meanwhile (a merge by the
   writer of another process), raises after the readers of the segments before it were opened:
   Whoosh leaves them open (ResourceWarnings under load, file handles held until collected). The
   readers it opened are closed before the error goes on (the caller retries with the new
   generation).
"""
from __future__ import annotations

import marshal
import struct
from itertools import islice

from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length

_MISSING = object()
RUN_CHUNK = 4096  # postings per marshalled list in a run file
_RUN_LENGTH = struct.Struct("<Q")  # bytes of the list that follows
_BYTE_TO_LENGTH = tuple(byte_to_length(b) for b in range(256))


def _cached_reader(self, fieldname, column):
    reader = self._readers.get(fieldname, _MISSING)
    if reader is _MISSING:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
    return reader


def _doc_field_length(self, docnum, fieldname, default=0):
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    lengths = self.__dict__.setdefault("_archive_lengths", {})
    column = lengths.get(fieldname, _MISSING)
    if column is _MISSING:
        column = lengths[fieldname] = _length_bytes(self, fieldname)
    if column is None:
        return default
    lbyte = column[docnum] if docnum < len(column) else 0
    return _BYTE_TO_LENGTH[lbyte] if lbyte else None  # None for 0, as Whoosh's own


def _length_bytes(perdoc, fieldname) -> bytes | None:
    """The field's whole one-byte length column (shorter than the segment when its last documents have none)."""
    reader = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    if reader is None:
        return None
    return reader._dbfile.get(reader._basepos, reader._count)


class SpellingCountingPool(writing.PostingPool):
    """Whoosh's posting pool, with the postings of spelling fields counted per word (fix 3)
    and its runs written in chunks (fix 4)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.spelling_fields: frozenset[str] = frozenset()
        self._spelling: dict[tuple[str, bytes], list] = {}

    def add(self, item):
        """Whoosh's add (same size estimate, so the same runs) without its type asserts, called per posting."""
        field = item[0]
        if field in self.spelling_fields:
            counted = self._spelling.get(item[:2])
            if counted is None:
                self._spelling[item[:2]] = [item[2], item[3], item[4]]
            else:
                counted[1] += item[3]
            return
        self.fieldnames.add(field)
        self.currentsize += 150 + len(field) + 2 * len(item[1]) + len(item[4] or "")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def save(self):
        self._pool_spelling()
        super().save()

    def items(self, maxfiles=128):
        self._pool_spelling()
        return super().items(maxfiles)

    def _write_run(self, f, items):
        items = iter(items)
        try:
            while chunk := list(islice(items, RUN_CHUNK)):
                data = marshal.dumps(chunk)
                f.write(_RUN_LENGTH.pack(len(data)))
                f.write(data)
        finally:
            f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while head := f.read(_RUN_LENGTH.size):
                yield from marshal.loads(f.read(_RUN_LENGTH.unpack(head)[0]))
        finally:
            f.close()
            self._remove_run(path)

    def _pool_spelling(self):
        if self._spelling:
            self.current.extend((field, word, docnum, weight, value)
                                for (field, word), (docnum, weight, value) in self._spelling.items())
            self.fieldnames.update(field for field, _word in self._spelling)
            self._spelling = {}


_writer_init = writing.SegmentWriter.__init__


def _segment_writer_init(self, *args, **kwargs):
    _writer_init(self, *args, **kwargs)
    if isinstance(self.pool, SpellingCountingPool):
        self.pool.spelling_fields = frozenset(field.spelling_fieldname(name) for name, field in self.schema.items()
                                              if field.separate_spelling())


_write_block = whoosh3.W3PostingsWriter._write_block


def _write_block_plain_when_single(self, last=False):
    if len(self._ids) > 1:
        return _write_block(self, last)
    self._compression, level = 0, self._compression
    try:
        return _write_block(self, last)
    finally:
        self._compression = level


def _add_postings_to_pool(self, reader, startdoc, docmap):
    """Add a merged segment's postings: Whoosh's way, but spelling words from the term table
    (every document's, as the segment counted them) rather than from document 0 (fix 6)."""
    pool = self.pool
    spelling = pool.spelling_fields if isinstance(pool, SpellingCountingPool) else frozenset()
    fields = [name for name in reader.indexed_field_names() if name in self.schema]
    for item in self._process_posts(_postings(reader, [f for f in fields if f not in spelling]), startdoc, docmap):
        pool.add(item)
    for field in spelling.intersection(fields):
        for btext, info in reader.iter_field(field):
            pool.add((field, btext, 0, info.weight(), b""))


def _postings(reader, fields):
    """(field, term, document, weight, value) of the live documents, as reader.iter_postings gives them."""
    for field in fields:
        for btext in reader.lexicon(field):
            matcher = reader.postings(field, btext)
            while matcher.is_active():
                yield field, btext, matcher.id(), matcher.weight(), matcher.value()
                matcher.next()


def _reader(cls, storage, schema, segments, generation, reuse=None):
    """Whoosh's FileIndex._reader, closing the segment readers it opened when a later one fails."""
    from whoosh.reading import EmptyReader, MultiReader, SegmentReader

    if reuse:
        segments.extend(segment for segment in reuse.segments() if segment not in segments)
    reusable, opened = {}, []
    try:
        if not segments:
            return EmptyReader(schema)
        if reuse:
            reusable = {r.segment(): r for r, _ in reuse.leaf_readers() if r.segment() is not None}

        def segreader(segment):
            if segment in reusable:
                return reusable.pop(segment)
            reader = SegmentReader(storage, schema, segment, generation=generation)
            opened.append(reader)
            return reader

        if len(segments) == 1:
            return segreader(segments[0])
        return MultiReader([segreader(segment) for segment in segments], generation=generation)
    except BaseException:
        for reader in opened:
            reader.close()
        raise
    finally:
        for reader in reusable.values():
            reader.close()


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    whoosh3.W3PerDocReader.doc_field_length = _doc_field_length
    writing.PostingPool = SpellingCountingPool
    writing.SegmentWriter.__init__ = _segment_writer_init
    whoosh3.W3PostingsWriter._write_block = _write_block_plain_when_single
    writing.SegmentWriter.add_postings_to_pool = _add_postings_to_pool
    whoosh_index.FileIndex._reader = classmethod(_reader)
