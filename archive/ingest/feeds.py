"""Read RSS and Atom feeds (feedparser): one article per entry, its HTML turned into plain text."""
from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime

import feedparser

from archive.ingest.html import http_url
from archive.ingest.items import RawItem
from archive.ingest.plaintext import html_to_text

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_feed(origin: str, content: bytes, url: str | None = None) -> Iterator[RawItem]:
    """One RawItem per entry of an RSS or Atom document; `url` (where the feed was fetched)
    resolves relative links. A document that is not a feed gives one RawItem with an error."""
    headers = {"content-location": url} if url else None
    # A stream, never the bytes themselves: feedparser would try a str or bytes as a file name or URL.
    feed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    if not feed.get("version") and not feed.entries:
        reason = f": {feed.bozo_exception}" if feed.get("bozo_exception") else ""
        yield RawItem(origin, None, f"not an RSS or Atom feed{reason}")
        return
    source = _text(feed.feed, "title")
    for number, entry in enumerate(feed.entries, 1):
        yield _entry(f"{origin}[{number}]", entry, source)


def _entry(origin: str, entry, source: str | None) -> RawItem:
    body = _content(entry)
    if not body:
        return RawItem(origin, None, "the feed entry has no text (no content or summary)")
    data = {
        "body": body,
        "title": _text(entry, "title"),
        "url": http_url(entry.get("link")),  # relative links are resolved against `url`; a link still not http(s) goes
        "author": entry.get("author_detail", {}).get("name") or entry.get("author"),
        "published_at": _date(entry),
        "source": source,
    }
    return RawItem(origin, {key: value for key, value in data.items() if value})


def _content(entry) -> str:
    """The entry's full content, else its summary, as plain text."""
    for part in [*entry.get("content", []), entry.get("summary_detail")]:
        if part and part.get("value", "").strip():
            return _plain(part["value"], part.get("type"))
    return ""


def _text(element, key: str) -> str | None:
    detail = element.get(f"{key}_detail") or {}
    value = element.get(key)
    return _plain(value, detail.get("type")) if value else None


def _plain(value: str, content_type: str | None) -> str:
    return html_to_text(value) if content_type in _HTML_TYPES else value.strip()


def _date(entry) -> str | None:
    """Published, else updated, as ISO 8601 UTC (feedparser normalises both to UTC)."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*parsed[:6], tzinfo=UTC).isoformat() if parsed else None
