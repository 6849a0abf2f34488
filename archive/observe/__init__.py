"""Observability: Prometheus metrics, structured logs, and a request id for every request.

`init_app` gives the app its metrics and the request hooks; gunicorn.conf.py sets up the
log handlers and the metric files of the workers.
"""
from __future__ import annotations

import time

from flask import Flask, Response, g, request

from archive.observe import logs, metrics

SCRAPE_ENDPOINT = "metrics.scrape"  # /metrics itself is left out of the latency histogram


def init_app(app: Flask) -> None:
    """Install the metrics and the request hooks (call before any other before_request hook,
    so that the clock starts first and the id is there for every later log record)."""
    metrics.init_app(app)
    app.before_request(_start)
    app.after_request(_finish)


def _start() -> None:
    g.request_started = time.perf_counter()
    g.request_id = logs.request_id_from(request.headers.get(logs.REQUEST_ID_HEADER))


def _finish(response: Response) -> Response:
    now = time.perf_counter()
    seconds = now - g.get("request_started", now)
    request_id = g.get("request_id") or logs.request_id_from(None)  # set by _start unless it never ran
    response.headers[logs.REQUEST_ID_HEADER] = request_id
    endpoint = request.endpoint or "unmatched"
    if endpoint != SCRAPE_ENDPOINT:
        metrics.observe_request(endpoint, request.method, response.status_code, seconds)
    logs.access(endpoint, response.status_code, seconds)
    return response
