"""Extraction in worker processes: spaCy is CPU-bound, so bulk ingestion uses every core.

The pool is an `Extractor` for ingest_articles: it splits each batch across
its processes and returns the extractions in order. Each process loads the
model once (spawned, so no database handle or index is inherited).
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import date

from archive.extract import Extraction, extract_many

MIN_PARALLEL = 8  # smaller batches are extracted in-process: starting workers costs more


def _warm(model: str) -> None:
    from archive.extract.nlp import load

    load(model)


class ExtractionPool:
    def __init__(self, model: str, processes: int = 2):
        self.model = model
        self.processes = max(1, processes)
        self._executor: ProcessPoolExecutor | None = None

    def __call__(self, items: list[tuple[str, date | None]]) -> list[Extraction]:
        if self.processes == 1 or len(items) < MIN_PARALLEL:
            return extract_many(items, self.model)
        size = -(-len(items) // self.processes)
        chunks = [items[start:start + size] for start in range(0, len(items), size)]
        futures = [self._pool().submit(extract_many, chunk, self.model) for chunk in chunks]
        return [extraction for future in futures for extraction in future.result()]

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(self.processes, mp_context=context,
                                                 initializer=_warm, initargs=(self.model,))
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None
