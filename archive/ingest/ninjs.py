"""Read IPTC ninjs (1.x) objects and JSON Feed 1.1 documents into article mappings.

Both are recognised by their keys (sniff.py); a ninjs object is routed here when it has a `uri`
and a headline or body and no `body` of its own (a plain article mapping has `body`)."""
from __future__ import annotations

from collections.abc import Iterator

from archive.ingest.html import http_url
from archive.ingest.items import RawItem
from archive.ingest.nitf import located_dateline, version_number, with_dateline
from archive.ingest.plaintext import html_to_text

NINJS_KEYS = ("headline", "body_text", "body_html")
JSON_FEED_VERSION = "https://jsonfeed.org/version/"


def is_ninjs(data: object) -> bool:
    return isinstance(data, dict) and "body" not in data and "uri" in data and any(k in data for k in NINJS_KEYS)


def is_json_feed(data: object) -> bool:
    return isinstance(data, dict) and str(data.get("version", "")).startswith(JSON_FEED_VERSION)


def read_ninjs(origin: str, data: dict) -> RawItem:
    """One article from a ninjs object; a picture, video... (`type` other than text) is skipped."""
    if data.get("type", "text") not in ("text", "composite"):
        return RawItem(origin, None, f"skipped: a ninjs {data.get('type')} item, not a text story")
    body = _text(data.get("body_text")) or _html(data.get("body_html"))
    if not body:
        return RawItem(origin, None, "the ninjs item has no body_text or body_html")
    uri, version, located = data.get("uri"), data.get("version"), data.get("located")
    published = data.get("firstcreated") or data.get("versioncreated")
    dateline = located_dateline(located, published if isinstance(published, str) else None, body) \
        if isinstance(located, str) else None
    mapped = {
        "body": with_dateline(body, dateline),
        "title": data.get("headline"),
        "author": data.get("byline"),
        "published_at": published,
        "url": http_url(uri) if isinstance(uri, str) else None,
        "language": data.get("language"),
        "guid": uri,
        "version": version_number(version) if isinstance(version, str) else version,  # a number as text in ninjs
        "version_created": data.get("versioncreated"),
    }
    return RawItem(origin, {key: value for key, value in mapped.items() if value is not None})


def read_json_feed(origin: str, feed: dict) -> Iterator[RawItem]:
    """One article per item of a JSON Feed (1.0 or 1.1); the feed's title is the source."""
    items = feed.get("items")
    if not isinstance(items, list) or not items:
        yield RawItem(origin, None, "the JSON Feed has no items")
        return
    for number, item in enumerate(items, 1):
        yield _feed_item(f"{origin}[{number}]", item, feed)


def _feed_item(origin: str, item: object, feed: dict) -> RawItem:
    if not isinstance(item, dict):
        return RawItem(origin, None, "a JSON Feed item must be an object")
    body = _text(item.get("content_text")) or _html(item.get("content_html"))
    if not body:
        return RawItem(origin, None, "the JSON Feed item has no content_text or content_html")
    url = item.get("url") if isinstance(item.get("url"), str) else None
    mapped = {
        "body": body,
        "title": item.get("title"),
        "author": _author(item) or _author(feed),
        "published_at": item.get("date_published") or item.get("date_modified"),
        "url": http_url(url),
        "source": feed.get("title"),
        "language": item.get("language") or feed.get("language"),
        "guid": str(item["id"]) if item.get("id") is not None else None,
        "version_created": item.get("date_modified"),
    }
    return RawItem(origin, {key: value for key, value in mapped.items() if value is not None})


def _author(holder: dict) -> str | None:
    """The names of `authors` (1.1), else of `author` (1.0), comma-separated."""
    authors = holder.get("authors") if isinstance(holder.get("authors"), list) else [holder.get("author")]
    names = [a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
    return ", ".join(names) or None


def _text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return "\n\n".join(part.strip() for part in value.replace("\r\n", "\n").split("\n\n") if part.strip())


def _html(value: object) -> str:
    return html_to_text(value) if isinstance(value, str) else ""
