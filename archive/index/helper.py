"""A helper process that applies the change log while this process writes articles (archive import).

Indexing is about half the work of a bulk load and Whoosh is pure Python, so a thread would
only take turns with the writer; a process runs on another core. It is spawned (a fresh
interpreter with its own connection and index handle: nothing is shared across a fork) and
only asked to stop; whatever it leaves, the caller's own sync applies after it.
"""
from __future__ import annotations

import logging
import multiprocessing
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from archive.db import make_engine
from archive.index.store import IndexStore
from archive.index.sync import apply_changes, index_lag

log = logging.getLogger(__name__)
INTERVAL = 1.0  # seconds between two looks at the change log
# Changes per index writer while the import stores, one process and one segment: the storing process
# has the other core. Each segment costs a share per distinct term: ten of 10,000 (two processes a
# writer) cost 276 s of CPU at 98,003 articles, two of 49,000 217 s. With twenty of 5,000, Whoosh's
# merge policy would merge nearly all of them into one in the commit of some later ingest.
PER_WRITER = 20_000
# Processes of the last writer, once storing is done: what is left, in one writer over both cores.
LAST_PROCS = 2


class IndexHelper:
    """`start()` spawns the process, `stop()` asks it to apply what is left, waits for it and
    returns how many changes it applied."""

    def __init__(self, engine: Engine, store: IndexStore, interval: float = INTERVAL):
        self.url = engine.url.render_as_string(hide_password=False)
        self.path, self.interval = store.path, interval
        self._context = multiprocessing.get_context("spawn")
        self._stop = self._context.Event()
        self._applied = self._context.Value("q", 0)
        self._process = None

    def start(self) -> None:
        arguments = (self.url, self.path, self._stop, self._applied, self.interval)
        # Not a daemon: a daemon may not start the writer's own processes. stop() is always called
        # (import_articles' finally), and a helper whose parent died stops by itself (follow_changes).
        process = self._context.Process(target=follow_changes, args=arguments)
        try:
            process.start()
        except Exception:  # say, a main module that cannot be imported again: the caller indexes at the end
            log.exception("could not start the index helper")
            return
        self._process = process

    def stop(self) -> int:
        if self._process is not None:
            self._stop.set()
            self._process.join()
            self._process = None
        return self._applied.value


def follow_changes(url: str, path: Path, stop, applied, interval: float) -> None:
    """The helper's loop: apply the change log every `interval` seconds, and once more when stopped
    (or when its parent has died)."""
    engine = make_engine(url, pool_size=1, max_overflow=0)
    store = IndexStore(path)
    parent = multiprocessing.parent_process()
    with Session(engine) as session:
        while True:
            # A parent killed without asking leaves no orphan polling forever.
            stopping = stop.wait(interval) or (parent is not None and not parent.is_alive())
            try:  # whole writers while following, what is left once stopping
                applied.value += _apply(session, store, stopping)
            except Exception:  # the caller's own sync applies what is left
                log.exception("the index helper could not apply the change log")
            session.rollback()  # end the read transaction
            if stopping:
                break
    store.close()
    engine.dispose()


def _apply(session: Session, store: IndexStore, stopping: bool) -> int:
    """While following, whole writers of PER_WRITER in this process; once stopping, all that is left
    in one writer of LAST_PROCS processes (a segment each)."""
    if not stopping:
        return apply_changes(session, store, whole_only=True, per_writer=PER_WRITER)
    return apply_changes(session, store, per_writer=max(index_lag(session, store), 1), procs=LAST_PROCS)
