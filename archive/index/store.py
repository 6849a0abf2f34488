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
from whoosh.writing import CLEAR

from archive.index.schema import build_schema

APPLIED_FILE = "applied_seq"
LOCK_FILE = "archive-write.lock"


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
                if index.exists_in(str(self.path)):
                    self._index = index.open_dir(str(self.path))
                else:
                    self._index = index.create_in(str(self.path), build_schema())
        return self._index

    @contextmanager
    def writer(self, clear: bool = False):
        """A Whoosh writer; the caller must hold write_lock. clear=True replaces every document."""
        writer = self.open().writer(limitmb=128)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=CLEAR) if clear else writer.commit()

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
        """A searcher of the newest generation, reusing unchanged segment readers when it can."""
        old = self._searcher
        if old.doc_count_all() == 0:
            # Whoosh cannot refresh from an empty reader (its segments() is None).
            old.close()
            return ix.searcher()
        return old.refresh()

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
