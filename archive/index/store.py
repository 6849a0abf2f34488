"""One Whoosh index in a folder, shared by every process of the archive.

Writes are serialised with an exclusive file lock, so several gunicorn workers
(or a worker and the CLI) take turns instead of failing with Whoosh's
LockError. Each process keeps one searcher and reopens it only when the index
has a newer generation.
"""
from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import CLEAR

from archive.index.schema import build_schema

APPLIED_FILE = "applied_seq"
LOCK_FILE = "archive-write.lock"
TOC_RETRIES = 20  # fresh looks at the folder before a vanished table of contents is an error


class IndexStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._index = None
        self._searcher = None
        self._thread_lock = threading.RLock()
        self._lock_depth = 0
        self._searcher_lock = threading.Lock()

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Hold the folder's writer lock (blocking, re-entrant within a process)."""
        with self._thread_lock:
            if self._lock_depth:
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            self.path.mkdir(parents=True, exist_ok=True)
            with open(self.path / LOCK_FILE, "a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                self._lock_depth = 1
                try:
                    yield
                finally:
                    self._lock_depth = 0
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def open(self):
        if self._index is None:
            with self.write_lock():
                if self.exists():
                    self._index = _settled(self._storage().open_index)
                    if not _has_fields(self._index, build_schema()):
                        self._index = self._recreate()
                else:
                    self._index = self._storage().create_index(build_schema())
        return self._index

    def _storage(self) -> FileStorage:
        """The index folder, read without mmap: Whoosh copies a memory-mapped segment's postings and
        terms into a private BytesIO (about 240 MB per process at 100,000 articles); plain reads
        leave them in the shared page cache."""
        return FileStorage(str(self.path), supports_mmap=False)

    def _recreate(self):
        """An index built by an older schema: start empty and replay the whole change log.

        Replaying is idempotent, so resetting applied_seq to 0 rebuilds every document.
        """
        self._index.close()
        fresh = self._storage().create_index(build_schema())
        self.set_applied_seq(0)
        return fresh

    @contextmanager
    def writer(self, clear: bool = False, procs: int = 1):
        """A Whoosh writer; the caller must hold write_lock. clear=True replaces every document;
        procs > 1 spreads a large rewrite (reindex) over several processes."""
        if procs > 1:
            writer = self.open().writer(procs=procs, limitmb=128, multisegment=True)
        else:
            writer = self.open().writer(limitmb=128)
        try:
            yield writer
            writer.commit(mergetype=CLEAR) if clear else writer.commit()
        except BaseException:
            _abandon(writer)
            raise

    def searcher(self):
        """This process's searcher, refreshed when another writer has committed."""
        ix = self.open()
        with self._searcher_lock:
            if self._searcher is None:
                self._searcher = ix.searcher()
            elif not self._searcher.up_to_date():
                self._searcher = self._fresh_searcher(ix)
            return self._searcher

    def _fresh_searcher(self, ix):
        """A searcher of the newest generation.

        Not Whoosh's refresh(): it reuses the reader of every segment whose id is unchanged,
        with that segment's old set of deleted documents, so documents deleted or replaced
        by another process would stay visible here (a deleted article found, an updated one
        found twice) until their segment happened to be merged.
        """
        self._searcher.close()
        return ix.searcher()

    def outdated(self) -> bool:
        """Whether the folder holds an index written by an older schema, which open() would start
        again empty (`archive migrate` rebuilds it instead, much faster than replaying the log)."""
        if self._index is not None:
            return not _settled(lambda: _has_fields(self._index, build_schema()))
        if not self.exists():
            return False
        return not _settled(self._fields_match)

    def _fields_match(self) -> bool:
        ix = self._storage().open_index()
        try:
            return _has_fields(ix, build_schema())
        finally:
            ix.close()

    def exists(self) -> bool:
        """Whether an index was ever built in the folder (a cheap look: one listing, opens nothing)."""
        return self.path.is_dir() and index.TOC._latest_generation(self._storage(), index._DEF_INDEX_NAME) >= 0

    def applied_seq(self) -> int:
        try:
            return int((self.path / APPLIED_FILE).read_text().strip() or 0)
        except (FileNotFoundError, NotADirectoryError):
            return 0

    def set_applied_seq(self, seq: int) -> None:
        tmp = self.path / (APPLIED_FILE + ".tmp")
        tmp.write_text(str(seq))
        os.replace(tmp, self.path / APPLIED_FILE)

    def doc_count(self) -> int:
        return self.searcher().doc_count()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        if self._index is not None:
            self._index.close()
            self._index = None


def _settled(read):
    """Run `read` (which opens the newest generation's table of contents) again when that file
    vanished meanwhile: a writer in another process committed a newer generation and deleted the
    older one between our listing and our open. Each try lists the folder afresh, so it meets the
    newer generation; a writer never deletes a table of contents before writing its successor."""
    for _ in range(TOC_RETRIES - 1):
        try:
            return read()
        except FileNotFoundError:
            continue
    return read()


def _has_fields(ix, schema) -> bool:
    """Whether the index has every field of `schema`, each of the same kind (its type, and whether
    it is indexed and stored): a field changed in kind needs every document written again."""
    old = ix.schema
    return all(name in old and type(old[name]) is type(field)
               and (old[name].indexed, old[name].stored) == (field.indexed, field.stored)
               for name, field in schema.items())


def _abandon(writer) -> None:
    """Give up a writer, even one whose commit failed halfway, so that Whoosh's own
    lock is released and later writes in this process do not fail with LockError."""
    if writer.is_closed:
        return
    try:
        writer.cancel()
    except Exception:  # noqa: BLE001 - the failure that brought us here is re-raised by the caller
        writer.is_closed = True
        lock = writer.writelock
        if lock is not None and lock.fd is not None:
            lock.release()
