"""The clients: ingest threads that record every acknowledged article, search threads, shared counters.

A connection error (the server is being killed, or is not back yet) is counted apart from
HTTP errors; an ingest client then re-sends the same article until it gets an answer, so an
article whose first request died with the server ends up acknowledged (201, or 200 duplicate
when that first request had committed) instead of in doubt.
"""
from __future__ import annotations

import http.client
import json
import random
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from archive.errors import ArchiveError
from archive.ingest import validate

TIMEOUT = 90  # above a first extraction (spaCy load), below gunicorn's 120 s worker timeout
RETRY_PAUSE = 0.1
_WORD = re.compile(r"[A-Za-z]{4,}")


def request(base: str, method: str, path: str, body: dict | None = None,
            token: str | None = None) -> tuple[int, dict]:
    """One request on a fresh connection; raises OSError or http.client.HTTPException when the server is gone."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        connection.request(method, path, body=json.dumps(body).encode() if body is not None else None,
                           headers=headers)
        response = connection.getresponse()
        raw = response.read()
    finally:
        connection.close()
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        data = {"raw": raw[:200].decode(errors="replace")}
    return response.status, data


@dataclass
class Article:
    data: dict
    hash: str


def prepare(raw: list[dict], max_chars: int = 200_000) -> list[Article]:
    """Articles the server will accept, each with the content hash it will store."""
    out = []
    for data in raw:
        try:
            record = validate(data, max_chars)
        except ArchiveError:  # the server would answer 400 (or 413): such texts stay out of the load
            continue
        out.append(Article(data, record.content_hash))
    return out


def query_words(articles: list[Article], limit: int = 3000) -> list[str]:
    words = set()
    for article in articles[:limit]:
        words.update(w.lower() for w in _WORD.findall(article.data["body"]))
    return sorted(words)


@dataclass
class Run:
    """Shared state of one run: where the server is, when it was down, what happened."""
    base: str
    token: str
    stop: threading.Event = field(default_factory=threading.Event)  # end of the load: no new work
    give_up: threading.Event = field(default_factory=threading.Event)  # hard stop: no more retries
    lock: threading.Lock = field(default_factory=threading.Lock)
    killed_at: float | None = None
    back_at: float | None = None  # the restarted server answered /healthz
    served: Counter = field(default_factory=Counter)  # (kind, status) -> count
    outage_errors: Counter = field(default_factory=Counter)  # kind -> connection errors while down
    other_errors: Counter = field(default_factory=Counter)  # kind -> connection errors while up
    error_samples: list[str] = field(default_factory=list)
    bad_answers: list[str] = field(default_factory=list)  # HTTP answers that are not what was expected
    times: dict = field(default_factory=lambda: {"ingest": [], "search": [], "hostile": []})
    acknowledged: dict = field(default_factory=dict)  # content hash -> article id
    outcomes: Counter = field(default_factory=Counter)  # created / duplicate / retried-created / ...
    in_doubt: set = field(default_factory=set)  # hashes sent, never answered

    def answered(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.served[kind, status] += 1
            self.times[kind].append(seconds)

    def connection_error(self, kind: str, error: Exception) -> None:
        now = time.monotonic()
        with self.lock:
            down = self.killed_at is not None and now >= self.killed_at and (
                self.back_at is None or now <= self.back_at)
            (self.outage_errors if down else self.other_errors)[kind] += 1
            if not down and len(self.error_samples) < 10:
                self.error_samples.append(f"{kind}: {type(error).__name__}: {error}")

    def bad(self, text: str) -> None:
        with self.lock:
            if len(self.bad_answers) < 20:
                self.bad_answers.append(text)


def ingest_client(run: Run, articles: list[Article]) -> None:
    for article in articles:
        if run.stop.is_set():
            return
        post_until_answered(run, article)


def post_until_answered(run: Run, article: Article) -> None:
    retried = False
    while not run.give_up.is_set():
        start = time.monotonic()
        try:
            status, body = request(run.base, "POST", "/api/v1/articles", article.data, run.token)
        except (OSError, http.client.HTTPException) as error:
            run.connection_error("ingest", error)
            with run.lock:
                run.in_doubt.add(article.hash)
            retried = True
            run.give_up.wait(RETRY_PAUSE)
            continue
        run.answered("ingest", status, time.monotonic() - start)
        with run.lock:
            run.in_doubt.discard(article.hash)
            if status in (200, 201) and isinstance(body.get("id"), int) and (status == 201 or body.get("duplicate")):
                known = run.acknowledged.setdefault(article.hash, body["id"])
                outcome = "created" if status == 201 else "duplicate"
                run.outcomes[("re-sent, " if retried else "") + outcome] += 1
                if known != body["id"]:
                    run.bad_answers.append(f"one text acknowledged as {known} and as {body['id']}")
            else:
                run.bad_answers.append(f"POST /api/v1/articles -> {status} {json.dumps(body)[:300]}")
        return


def search_client(run: Run, words: list[str], seed: int) -> None:
    rng = random.Random(seed)
    while not run.stop.is_set():
        params = {"q": " ".join(rng.sample(words, rng.choice((1, 1, 1, 2))))}
        if rng.random() < 0.2:
            params["sort"] = "newest"
        if rng.random() < 0.3:
            params["facets"] = "none"
        start = time.monotonic()
        try:
            status, body = request(run.base, "GET", "/api/v1/search?" + urlencode(params))
        except (OSError, http.client.HTTPException) as error:
            run.connection_error("search", error)
            run.stop.wait(RETRY_PAUSE)
            continue
        run.answered("search", status, time.monotonic() - start)
        if status != 200 or not isinstance(body.get("results"), list):
            run.bad(f"GET /api/v1/search {params} -> {status} {json.dumps(body)[:300]}")
