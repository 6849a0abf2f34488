"""Prometheus metrics: request latency, ingests, extraction time, search cache, index lag, followed sources.

Under gunicorn each worker writes its values to files in ARCHIVE_METRICS_DIR
(prometheus_client's multiprocess mode) and /metrics, answered by any worker,
sums every worker's files. prometheus_client chooses that mode once, when it is
first imported, from PROMETHEUS_MULTIPROC_DIR: gunicorn.conf.py sets it in the
master, before the workers import the app. Anywhere else (the Flask test client,
the CLI) the values stay in the process's memory.

The metric objects belong to the app (app.extensions), so every app a test
builds starts from zero (under gunicorn a worker's apps share one set); the
counting functions do nothing outside an app context.
"""
from __future__ import annotations

import functools
import logging
import os
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from contextlib import contextmanager

from flask import Flask, current_app, has_app_context
from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics, generate_latest, values
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

log = logging.getLogger(__name__)
EXTENSION = "archive.metrics"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
EXTRACTION_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)
# Any other method a client sends is counted as "other": labels must stay a small, fixed set.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OUTCOMES = ("created", "duplicate", "failed")


class Metrics:
    """The metric objects of one app, registered on the app's own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Histogram(
            "archive_http_request_duration_seconds", "Time to answer a request, by Flask endpoint, method "
            "and status class (2xx, 4xx...).", ("endpoint", "method", "status"),
            buckets=LATENCY_BUCKETS, registry=self.registry)
        self.ingests = Counter("archive_ingests_total", "Articles offered for ingestion, by outcome.",
                               ("outcome",), registry=self.registry)
        self.extraction = Histogram("archive_extraction_duration_seconds",
                                    "Time of one extraction call (a batch of articles; see extracted_articles).",
                                    buckets=EXTRACTION_BUCKETS, registry=self.registry)
        self.extracted = Counter("archive_extracted_articles_total", "Articles run through extraction.",
                                 registry=self.registry)
        self.search_cache = Counter("archive_search_cache_total", "Lookups of the facet arrays of the index "
                                    "generation: reused (hit) or built anew (miss).", ("cache", "result"),
                                    registry=self.registry)
        for outcome in OUTCOMES:
            self.ingests.labels(outcome)  # shown at 0 before the first ingest


def init_app(app: Flask) -> None:
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ and not multiprocess():
        log.warning("prometheus_client was imported before PROMETHEUS_MULTIPROC_DIR was set: "
                    "/metrics shows only the worker that answers it")
    disable_created_metrics()  # no *_created series: multiprocess mode has none either
    app.extensions[EXTENSION] = _process_metrics() if multiprocess() else Metrics()


@functools.cache
def _process_metrics() -> Metrics:
    """In multiprocess mode a value lives in this process's file, keyed by name and labels: two
    sets of objects in one process would overwrite each other's counts, so apps share one."""
    return Metrics()


def multiprocess() -> bool:
    """Whether values go to per-process files (fixed when prometheus_client was first imported)."""
    return bool(getattr(values.ValueClass, "_multiprocess", False))


def _metrics() -> Metrics | None:
    return current_app.extensions.get(EXTENSION) if has_app_context() else None


def observe_request(endpoint: str, method: str, status: int, seconds: float) -> None:
    metrics = _metrics()
    if metrics is not None:
        method = method if method in METHODS else "other"
        metrics.requests.labels(endpoint, method, f"{status // 100}xx").observe(seconds)


def count_ingest(results: Iterable) -> None:
    """Count ingest results: `.created` true or false (logic.writes.IngestResult)."""
    metrics = _metrics()
    if metrics is not None:
        for result in results:
            metrics.ingests.labels("created" if result.created or result.updated else "duplicate").inc()


def count_failed_ingests(count: int) -> None:
    """Count articles that could not be ingested (invalid, unreadable, or their batch failed)."""
    metrics = _metrics()
    if metrics is not None and count:
        metrics.ingests.labels("failed").inc(count)


@contextmanager
def extraction_timer(articles: int) -> Iterator[None]:
    """Time one extraction call of `articles` articles (a call with none is not observed)."""
    started = time.perf_counter()
    yield
    metrics = _metrics()
    if metrics is not None and articles:
        metrics.extraction.observe(time.perf_counter() - started)
        metrics.extracted.inc(articles)


def count_search_cache(hit: bool, cache: str = "facets") -> None:
    metrics = _metrics()
    if metrics is not None:
        metrics.search_cache.labels(cache, "hit" if hit else "miss").inc()


class _Scrape:
    """What one scrape shows: the recorded metrics, then the values computed for it."""

    def __init__(self, recorded, computed: list) -> None:
        self.recorded, self.computed = recorded, computed

    def collect(self):
        yield from self.recorded.collect()
        yield from self.computed


def exposition(index_lag: int, sources: Iterable[dict] = ()) -> bytes:
    """The Prometheus text of every worker's metrics (or this process's), with the index lag and a
    line per followed source and figure (`sources`: logic.sources.source_json of each)."""
    if multiprocess():
        recorded = MultiProcessCollector(None)
    else:
        recorded = current_app.extensions[EXTENSION].registry
    lag = GaugeMetricFamily("archive_index_lag", "Changes in the database that the search index has not "
                            "applied yet (computed at scrape time).", value=index_lag)
    return generate_latest(_Scrape(recorded, [lag, *source_families(list(sources))]))


SOURCE_FIGURES = (  # (name, help, the figure of a source_json mapping)
    ("archive_source_last_poll_timestamp_seconds", "When the source was last polled successfully (0: never).",
     lambda s: _epoch(s["last_polled_at"])),
    ("archive_source_last_new_article_timestamp_seconds", "When the source last brought a new article (0: never).",
     lambda s: _epoch(s["last_new_at"])),
    ("archive_source_articles_24h", "Articles the source brought in the last 24 hours.", lambda s: s["articles_24h"]),
    ("archive_source_failed_entries_24h", "Entries of the source that failed in the last 24 hours.",
     lambda s: s["failed_24h"]),
    ("archive_source_failures", "Failed polls of the source in a row.", lambda s: s["failures"]),
    ("archive_source_paused", "1 when the source is paused.", lambda s: int(s["status"] == "paused")),
)


def source_families(sources: list[dict]) -> list[GaugeMetricFamily]:
    """One gauge per figure, one line per source (labelled by id and URL; computed at scrape time)."""
    families = []
    for name, text, figure in SOURCE_FIGURES:
        family = GaugeMetricFamily(name, text, labels=("source", "url"))
        for source in sources:
            family.add_metric((str(source["id"]), source["url"]), figure(source))
        families.append(family)
    return families


def _epoch(iso: str | None) -> float:
    return datetime.fromisoformat(iso.removesuffix("Z")).replace(tzinfo=UTC).timestamp() if iso else 0.0
