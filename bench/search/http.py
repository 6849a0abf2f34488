"""Timing requests against a running gunicorn over keep-alive HTTP connections."""
from __future__ import annotations

import http.client
import statistics
import threading
import time
from urllib.parse import urlencode, urlsplit

DROPPED = 599  # the status recorded when the server closed the connection without answering


class Client:
    def __init__(self, base: str):
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)

    def get(self, path: str) -> tuple[int, float]:
        """(status, ms); a dropped connection (a worker that died) counts as an error, not the end of the run."""
        start = time.perf_counter()
        try:
            self.connection.request("GET", path)
            response = self.connection.getresponse()
            response.read()
            status = response.status
        except (http.client.HTTPException, ConnectionError):
            self.connection.close()
            status = DROPPED
        return status, (time.perf_counter() - start) * 1000


def path_for(endpoint: str, params: dict) -> str:
    return f"{endpoint}?{urlencode(params)}" if params else endpoint


def latencies(base: str, paths: list[str]) -> dict:
    """One client, each path in turn (after one warm pass): p50/p95/p99 in ms and errors."""
    client = Client(base)
    for path in paths[:20]:
        client.get(path)
    times, errors = [], 0
    for path in paths:
        status, ms = client.get(path)
        errors += status >= 500
        times.append(ms)
    return summarize(times) | {"errors": errors}


def summarize(times: list[float]) -> dict:
    ordered = sorted(times)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return {"p50": statistics.median(ordered), "p95": pick(0.95), "p99": pick(0.99), "n": len(ordered)}


def throughput(base: str, paths: list[str], clients: int = 8, seconds: float = 15.0) -> tuple[float, int]:
    """(requests per second, errors) with `clients` threads looping over `paths` for a bounded time."""
    stop = time.monotonic() + seconds
    counts, errors = [0] * clients, [0] * clients

    def work(number: int) -> None:
        client, index = Client(base), number
        while time.monotonic() < stop:
            status, _ms = client.get(paths[index % len(paths)])
            counts[number] += 1
            errors[number] += status >= 500
            index += clients

    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - start), sum(errors)
