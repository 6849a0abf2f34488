"""Polite fetching for followed sources: one request at a time per host with a delay between them,
across processes and nodes (the hosts table, archive/models/host.py), and robots.txt honoured
(urllib.robotparser) for pages listed by sitemaps."""
from __future__ import annotations

import time
import urllib.robotparser
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from archive.ingest.fetch import FetchError, FetchSettings, fetch
from archive.models.base import utcnow
from archive.models.host import Host

STEP = 0.05  # seconds between looks at a host while another poller's request to it is in flight
LEASE_MARGIN = 10  # seconds a turn outlasts the fetch timeout (then a dead poller's turn is free again)


class HostBusy(Exception):
    """The host's turn did not come within the wait allowed: the poll is put off, not failed."""


@dataclass(frozen=True)
class HostTurns:
    """Turns at hosts for one poller. Each look at the hosts table is committed on `session` (so the
    session must hold no pending change): no transaction stays open while waiting or fetching."""
    session: Session
    delay: float       # seconds from the end of one request to a host to the start of the next
    max_wait: float    # seconds to wait for a turn before HostBusy
    timeout: float     # the fetch timeout: a turn lasts at most that (plus a margin)

    @contextmanager
    def turn(self, url: str) -> Iterator[None]:
        """Wait for this host's turn (HostBusy past max_wait), fetch, then start the delay."""
        host, token = (urlsplit(url).hostname or "").lower(), uuid.uuid4().hex
        self._wait(host, token)
        try:
            yield
        finally:
            Host.release(self.session, host, token, utcnow() + timedelta(seconds=self.delay))

    def _wait(self, host: str, token: str) -> None:
        lease, deadline = timedelta(seconds=self.timeout + LEASE_MARGIN), time.monotonic() + self.max_wait
        while not Host.claim(self.session, host, token, lease, utcnow()):
            now = utcnow()
            in_flight, next_request_at = Host.state(self.session, host, now)
            pause = STEP if in_flight or next_request_at is None else (next_request_at - now).total_seconds()
            if time.monotonic() + pause > deadline:
                raise HostBusy(f"{host} was busy with other polls for more than {self.max_wait:g} s")
            time.sleep(max(pause, 0.005))


class Robots:
    """robots.txt rules by host, fetched once per poll under the same limits as any fetch.
    A robots.txt that cannot be fetched (none, 404, an error) allows everything."""

    def __init__(self, settings: FetchSettings, turns: HostTurns):
        self.settings, self.turns = settings, turns
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
            with self.turns.turn(url):
                fetched = fetch(url, self.settings)
        except FetchError:
            return None
        rules = urllib.robotparser.RobotFileParser(url)
        rules.parse(fetched.content.decode("utf-8", "replace").splitlines())
        return rules
