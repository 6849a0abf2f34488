"""Hostile clients beside the load (issue 16): decompression bombs, expensive queries, deeply nested
JSON and odd unicode, while the ingest and search clients work.

Every answer must be a 2xx or a 4xx, or a 503 with the usual JSON error body (a deliberate time-budget
answer); any other 5xx is a failure. An odd-unicode article the server accepts is recorded as
acknowledged, so the end checks hold it to the same rules as the others (stored once, indexed once,
found by search). Bombs: a .warc.gz of 1 GB of zeros (about 1 MB) uploaded at /admin/upload by a
logged-in admin, and a gzip-encoded page of 1 GB of zeros fetched through POST /api/v1/jobs.
"""
from __future__ import annotations

import http.client
import http.cookiejar
import json
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from archive.errors import ArchiveError
from archive.ingest import validate
from bench.reliability.load import TIMEOUT, Article, Run, post_until_answered, request

ADMIN, PASSWORD = "hostile", "hostile admin password"
BOMB_BYTES = 1 << 30  # unpacked size of each bomb: 1 GB of zeros
ACCEPTED = {200, 201, 202, 400, 404, 405, 413, 414, 429}
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')

EXPENSIVE_QUERIES = [
    {"q": "a*"}, {"q": "s* t* c* p*"}, {"q": " OR ".join(f"w{n}*" for n in range(200))},
    {"q": "(" * 2000 + "oil" + ")" * 2000}, {"q": '"' + " ".join(["the"] * 500) + '"'},
    {"q": "oil " * 2000}, {"q": "NOT " * 1000 + "oil"}, {"q": "-" * 5000},
    {"q": "title:" * 1000 + "oil"}, {"q": "x" * 20_000},
    {"q": "oil", "per_page": "100000"}, {"q": "oil", "page": "99999999"}, {"q": "oil", "facet_size": "100000"},
    {"q": "oil", "sort": "newest", "page": "-1"}, {"q": "*"}, {"q": "?*?*?*"},
]
# Written with escapes: bidi overrides, zero-width joiners, combining marks, fullwidth forms, characters
# that NFKC expands, astral emoji, a lone surrogate and NUL (these two must be refused).
ODD = ["\u202eevil\u202c", "zero\u200dwidth\u200bjoin", "Z\u0351\u0360\u0310a\u036dl\u0308g\u0303o" * 20,
       "\uff21\uff22\uff23 \uff1d\uff11", "\ufdfa\ufdfb", "\U0001f4f0\U0001f30d\U0001f1fa\U0001f1e6",
       "\u0130stanbul \u0131\u0307", "\u00df\u1e9e\ufb00", "e\u0301 \u00e9", "\u2028line\u2029para"]
REFUSED_ODD = ["lone \ud800 surrogate", "nul \x00 inside", "bell \x07 ring"]


class HostileRun:
    """The hostile side of a run: the bomb site, and what the hostile clients saw."""

    def __init__(self, run: Run):
        self.run = run
        self.lock = threading.Lock()
        self.sent = {"expensive query": 0, "deep json": 0, "bomb upload": 0, "odd unicode": 0, "bomb fetch": 0}
        self.answers: Counter = Counter()  # (kind, status) -> count
        self.bombs_refused = 0  # bombs that failed with the decompression reason
        self.articles: list[Article] = []  # odd-unicode articles the server acknowledged
        self.warc_bomb = bomb_warc_gz(BOMB_BYTES)
        self.page_bomb = gzipped_zeros(BOMB_BYTES, b"<html><body><p>")
        self.site = _bomb_site(self.page_bomb)

    @property
    def bomb_url(self) -> str:
        return f"http://127.0.0.1:{self.site.server_address[1]}/bomb"

    def close(self) -> None:
        self.site.shutdown()
        self.site.server_close()

    def count(self, kind: str) -> None:
        with self.lock:
            self.sent[kind] += 1


def gzipped_zeros(size: int, head: bytes = b"") -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    parts, chunk = [packer.compress(head)], bytes(1 << 20)
    for _ in range(size // len(chunk)):
        parts.append(packer.compress(chunk))
    return b"".join(parts) + packer.flush()


def bomb_warc_gz(size: int) -> bytes:
    """One gzip member holding one WARC response record: an HTML page of `size` zeros."""
    http_head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    warc_head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example.org/zeros\r\n"
                 f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
                 "Content-Type: application/http; msgtype=response\r\n"
                 f"Content-Length: {len(http_head) + size}\r\n\r\n").encode()
    return gzipped_zeros(size, warc_head + http_head)


def _bomb_site(body: bytes) -> ThreadingHTTPServer:
    class Bomb(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                pass  # the fetcher stopped reading, as it should

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Bomb)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return server


def hostile_client(hostile: HostileRun, seed: int) -> None:
    """Until the load stops: one hostile request after another, of every kind in turn."""
    rng, run = random.Random(seed), hostile.run
    admin = AdminSession(run.base)
    steps = [lambda: expensive_query(hostile, rng), lambda: deep_json(hostile, rng),
             lambda: bomb_upload(hostile, admin), lambda: odd_unicode(hostile, rng), lambda: bomb_fetch(hostile)]
    turn = 2 * seed  # clients start at different kinds: a short run still sees each
    while not run.stop.is_set():
        step = steps[turn % len(steps)]
        turn += 1
        try:
            step()
        except (OSError, http.client.HTTPException) as error:
            run.connection_error("hostile", error)
            run.stop.wait(0.2)
        except Exception as error:  # a bug of this client, not an answer: shown, and the client goes on
            run.bad(f"hostile client: {type(error).__name__}: {error}")


def judge(hostile: HostileRun, kind: str, what: str, status: int, body: dict, seconds: float) -> None:
    """Record the answer; anything but a 2xx/4xx, or a 503 with the JSON error body, is a failure."""
    run = hostile.run
    run.answered("hostile", status, seconds)
    with hostile.lock:
        hostile.answers[kind, status] += 1
    time_budget = status == 503 and isinstance(body.get("error"), dict)
    if status not in ACCEPTED and not time_budget:
        run.bad(f"hostile {what} -> {status} {json.dumps(body)[:300]}")


def bomb_upload(hostile: HostileRun, admin: AdminSession) -> None:
    hostile.count("bomb upload")
    start = time.monotonic()
    status, html = admin.upload("bomb.warc.gz", hostile.warc_bomb)
    shown = {"raw": html[:300]} if status >= 500 else {}
    judge(hostile, "bomb upload", "bomb upload", status, shown, time.monotonic() - start)
    # The upload is queued as a job and the answer is its report (after the redirect), which lists
    # the item that failed at upload with its reason.
    if status == 200 and 'id="job-failed"' in html and "unpacks to more than" in html:
        with hostile.lock:
            hostile.bombs_refused += 1
    elif status == 200:
        hostile.run.bad("hostile bomb upload -> 200 without the decompression failure")


def bomb_fetch(hostile: HostileRun) -> None:
    hostile.count("bomb fetch")
    start = time.monotonic()
    status, body = request(hostile.run.base, "POST", "/api/v1/jobs", {"urls": [hostile.bomb_url]}, hostile.run.token)
    judge(hostile, "bomb fetch", "bomb fetch", status, body, time.monotonic() - start)
    reasons = [failure.get("reason", "") for failure in body.get("failures", [])]
    if status == 202 and any("unpacks to more than" in reason or "larger than the limit" in reason
                             for reason in reasons):
        with hostile.lock:
            hostile.bombs_refused += 1
    elif status == 202:
        hostile.run.bad(f"hostile bomb fetch -> 202 without the decompression failure: {reasons}")


def expensive_query(hostile: HostileRun, rng: random.Random) -> None:
    hostile.count("expensive query")
    params = rng.choice(EXPENSIVE_QUERIES)
    path = rng.choice(("/api/v1/search", "/api/v1/search.csv"))
    start = time.monotonic()
    status, body = request(hostile.run.base, "GET", path + "?" + urllib.parse.urlencode(params))
    judge(hostile, "expensive query", f"GET {path} {str(params)[:80]}", status, body, time.monotonic() - start)


def deep_json(hostile: HostileRun, rng: random.Random) -> None:
    hostile.count("deep json")
    body = rng.choice(["[" * 100_000, '{"body": "Deep.", "title": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001])
    path = rng.choice(("/api/v1/articles", "/api/v1/articles/batch", "/api/v1/jobs"))
    start = time.monotonic()
    status, answer = raw_request(hostile.run.base, "POST", path, body.encode(), hostile.run.token)
    judge(hostile, "deep json", f"deep json at {path}", status, answer, time.monotonic() - start)
    if status != 400:
        hostile.run.bad(f"hostile deep json at {path} -> {status}, not 400")


def odd_unicode(hostile: HostileRun, rng: random.Random) -> None:
    """An article with odd unicode (accepted or refused, never a 5xx), or a search for it."""
    hostile.count("odd unicode")
    run, odd = hostile.run, rng.choice(ODD + REFUSED_ODD)
    if rng.random() < 0.3:
        start = time.monotonic()
        query = urllib.parse.urlencode({"q": odd}, errors="surrogatepass")  # a lone surrogate: invalid UTF-8
        status, body = request(run.base, "GET", "/api/v1/search?" + query)
        judge(hostile, "odd unicode", f"search for {odd[:20]!r}", status, body, time.monotonic() - start)
        return
    data = {"title": f"Harbour {odd[:40]} report", "source": odd[:50],
            "body": f"Harbour pilots in Valparaiso {odd} reported {rng.randrange(10**9)} containers {odd} waiting."}
    try:
        article = Article(data, validate(data).content_hash)
    except ArchiveError:  # the server must refuse it too
        start = time.monotonic()
        status, body = request(run.base, "POST", "/api/v1/articles", data, run.token)
        judge(hostile, "odd unicode", f"article with {odd[:20]!r}", status, body, time.monotonic() - start)
        if status != 400:
            run.bad(f"hostile article with {odd[:20]!r} -> {status}, not 400")
        return
    with hostile.lock:
        hostile.articles.append(article)  # before it is sent: the end checks look it up by its hash
    post_until_answered(run, article)  # as an ingest client: re-sent across the kill, acknowledged once


def raw_request(base: str, method: str, path: str, body: bytes, token: str) -> tuple[int, dict]:
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": "application/json",
                                                             "Authorization": f"Bearer {token}"})
        response = connection.getresponse()
        raw = response.read()
    finally:
        connection.close()
    try:
        return response.status, json.loads(raw) if raw else {}
    except ValueError:
        return response.status, {"raw": raw[:200].decode(errors="replace")}


class AdminSession:
    """A logged-in admin in a browser's shoes: session cookie and CSRF token from the pages."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.logged_in = False

    def upload(self, filename: str, content: bytes) -> tuple[int, str]:
        if not self.logged_in:
            self._log_in()
        token = self._csrf("/admin")
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{filename}\"\r\n"
                "Content-Type: application/gzip\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        return self._send("/admin/upload", body, f"multipart/form-data; boundary={boundary}")

    def _log_in(self) -> None:
        token = self._csrf("/admin/login")
        form = urllib.parse.urlencode({"username": ADMIN, "password": PASSWORD, "csrf_token": token})
        status, html = self._send("/admin/login", form.encode(), "application/x-www-form-urlencoded")
        if status != 200 or "Log out" not in html:
            raise http.client.HTTPException(f"admin login failed: {status}")
        self.logged_in = True

    def _csrf(self, path: str) -> str:
        status, html = self._send(path)
        match = _CSRF.search(html)
        if match is None:
            self.logged_in = False
            raise http.client.HTTPException(f"no CSRF token at {path} ({status})")
        return match.group(1) or match.group(2)

    def _send(self, path: str, body: bytes | None = None, content_type: str | None = None) -> tuple[int, str]:
        headers = {"Content-Type": content_type} if content_type else {}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode(errors="replace")
