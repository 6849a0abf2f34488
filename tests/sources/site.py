"""A local news site on 127.0.0.1 whose feed and news sitemap change between polls.

It answers conditional GETs (ETag, 304), keeps a count of requests by path, serves a robots.txt
that disallows /private/, and fails on /broken. `spans` keeps when each request began and when its answer
started (time.monotonic(), taken here, so comparable across the processes that call it); `hold` keeps each
request open that many seconds, so that two requests sent at once overlap. Besides /feed.rss it serves numbered feeds
/feed{n}.rss (bench/sources.py follows fifty of them), each with its own guids and links.
"""
from __future__ import annotations

import hashlib
import re
import threading
import time
from collections import Counter
from email.utils import format_datetime
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

LOCAL = {"FETCH_ALLOW_PRIVATE": True, "FETCH_TIMEOUT": 2, "SOURCE_HOST_DELAY": 0.0}
TEXTS = [
    "Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Monday to discuss energy prices.",
    "Toyota raised its profit forecast in Tokyo as the yen weakened against the dollar.",
    "Fire crews in Lisbon contained a blaze that had threatened homes near the Tagus river.",
    "The World Health Organization warned in Geneva that measles cases rose sharply in Europe.",
]


def rss(entries: list[tuple[str, str]], prefix: str = "") -> bytes:
    """A feed of (title, body) entries; `prefix` keeps the guids and links of numbered feeds apart."""
    first = datetime(2024, 5, 1, tzinfo=UTC)
    items = "".join(f"<item><title>{escape(title)}</title><link>http://example.org/{prefix}{n}</link>"
                    f"<guid>{prefix}n{n}</guid><description>{escape(body)}</description>"
                    f"<pubDate>{format_datetime(first + timedelta(days=n))}</pubDate></item>"
                    for n, (title, body) in enumerate(entries))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>'
            f"<link>http://example.org/</link>{items}</channel></rss>").encode()


def news_sitemap(base: str, pages: list[tuple[str, str]]) -> bytes:
    """pages: (path, ISO publication date)."""
    urls = "".join(f"<url><loc>{base}{path}</loc><news:news><news:publication><news:name>Local</news:name>"
                   f"<news:language>en</news:language></news:publication><news:publication_date>{date}"
                   f"</news:publication_date><news:title>Story {path}</news:title></news:news></url>"
                   for path, date in pages)
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode()


def page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{text} {n}: {text}</p>" for n in range(4))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}"
            "</article></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.began = time.monotonic()
        time.sleep(self.server.hold)
        self.respond()

    def end_headers(self):
        # Ended before the answer is sent: the client cannot have it, nor send another request, before this.
        with self.server.lock:
            self.server.spans.append((self.began, time.monotonic()))
        super().end_headers()

    def respond(self):
        server = self.server
        with server.lock:
            server.seen[self.path] += 1
        numbered = re.fullmatch(r"/feed(\d+)\.rss", self.path)
        if self.path == "/feed.rss":
            self.answer("application/rss+xml", rss(server.entries))
        elif numbered and int(numbered[1]) < len(server.feeds):
            self.answer("application/rss+xml", rss(server.feeds[int(numbered[1])], f"f{numbered[1]}-"))
        elif self.path == "/news-sitemap.xml":
            self.answer("application/xml", news_sitemap(server.base, server.pages))
        elif self.path == "/sitemap-index.xml":
            self.answer("application/xml", (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/'
                                             f'schemas/sitemap/0.9"><sitemap><loc>{server.base}/news-sitemap.xml'
                                             "</loc></sitemap></sitemapindex>").encode())
        elif self.path == "/robots.txt":
            self.answer("text/plain", b"User-agent: *\nDisallow: /private/\n")
        elif self.path.startswith(("/news/", "/private/")):
            number = int(self.path.rsplit("/", 1)[1])
            self.answer("text/html", page(f"Story {number}", TEXTS[number % len(TEXTS)]))
        else:
            self.send_response(500 if self.path == "/broken" else 404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def answer(self, content_type: str, body: bytes) -> None:
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            with self.server.lock:
                self.server.seen[f"304 {self.path}"] += 1
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class Site:
    """The running server: `base` URL, mutable `entries`, `pages` and `feeds` (a list of entry lists),
    `seen` requests by path (and "304 /path" for the answers that were 304)."""

    def __init__(self, feeds: list[list[tuple[str, str]]] | None = None):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = self.server.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.server.entries, self.server.pages, self.server.feeds = [], [], feeds or []
        self.server.seen, self.server.lock = Counter(), threading.Lock()
        self.server.spans, self.server.hold = [], 0.0
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    entries = property(lambda self: self.server.entries)
    pages = property(lambda self: self.server.pages)
    feeds = property(lambda self: self.server.feeds)
    seen = property(lambda self: self.server.seen)
    spans = property(lambda self: self.server.spans)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
