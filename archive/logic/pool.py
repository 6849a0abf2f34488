"""Extraction in worker processes: spaCy is CPU-bound, so bulk ingestion uses every core.

The pool is an `Extractor` for ingest_articles: it splits each batch across
its processes and returns the extractions in order. The model is loaded once:
in this process, then forked into the workers, where no other thread could hold
a lock at fork time (the workers never use the inherited database connection or
index); otherwise each worker is spawned and loads its own. `start` hands a
batch to the workers without waiting, so that the caller can store the previous
batch meanwhile (see logic/bulk.py).
"""
from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date

from archive.extract import Extraction, extract_many

MIN_PARALLEL = 8  # smaller batches are extracted in-process: starting workers costs more

Item = tuple[str, date | None]


def _warm(model: str) -> None:
    """Load the model and the gazetteer layers a first extraction needs."""
    extract_many([("Warm up in Paris.", None)], model)


def _context():
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class Pending:
    """Extractions being computed in the workers; `result()` waits for them, in order."""

    def __init__(self, futures: list[Future]):
        self._futures = futures

    def result(self) -> list[Extraction]:
        return [extraction for future in self._futures for extraction in future.result()]


class ExtractionPool:
    def __init__(self, model: str, processes: int = 2):
        self.model = model
        self.processes = max(1, processes)
        self._executor: ProcessPoolExecutor | None = None

    def __call__(self, items: list[Item]) -> list[Extraction]:
        if self.processes == 1 or len(items) < MIN_PARALLEL:
            return extract_many(items, self.model)
        return self.start(items).result()

    def start(self, items: list[Item]) -> Pending:
        """Send the items to the workers (one chunk each) and return at once."""
        if not items:
            return Pending([])
        size = -(-len(items) // self.processes)
        chunks = [items[first:first + size] for first in range(0, len(items), size)]
        return Pending([self._pool().submit(extract_many, chunk, self.model) for chunk in chunks])

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = _context()
            if context.get_start_method() == "fork":
                _warm(self.model)  # once here rather than in every worker
            self._executor = ProcessPoolExecutor(self.processes, mp_context=context,
                                                 initializer=_warm, initargs=(self.model,))
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None
