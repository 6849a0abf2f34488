"""Polite fetching for followed sources: one request at a time per host with a delay between them
(within this process), and robots.txt honoured (urllib.robotparser) for pages listed by sitemaps."""
from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from archive.ingest.fetch import FetchError, FetchSettings, fetch

_LOCK = threading.Lock()
_HOSTS: dict[str, tuple[threading.Lock, list[float]]] = {}


@contextmanager
def host_turn(url: str, delay: float) -> Iterator[None]:
    """Wait for this host's turn: no other request to it in flight here, and `delay` seconds since the last."""
    host = (urlsplit(url).hostname or "").lower()
    with _LOCK:
        lock, last = _HOSTS.setdefault(host, (threading.Lock(), [0.0]))
    with lock:
        wait = last[0] + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            yield
        finally:
            last[0] = time.monotonic()


class Robots:
    """robots.txt rules by host, fetched once per poll under the same limits as any fetch.
    A robots.txt that cannot be fetched (none, 404, an error) allows everything."""

    def __init__(self, settings: FetchSettings, delay: float):
        self.settings, self.delay = settings, delay
        self._rules: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._rules:
            self._rules[root] = self._fetch(f"{root}/robots.txt")
        rules = self._rules[root]
        return rules is None or rules.can_fetch(self.settings.user_agent, url)

    def _fetch(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        try:
            with host_turn(url, self.delay):
                fetched = fetch(url, self.settings)
        except FetchError:
            return None
        rules = urllib.robotparser.RobotFileParser(url)
        rules.parse(fetched.content.decode("utf-8", "replace").splitlines())
        return rules
