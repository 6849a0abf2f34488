"""Pick the reader of a document by its content, not its name: an XML document by its root element
(NITF, NewsML-G2, else RSS/Atom), a JSON document by its keys (JSON Feed, ninjs, else article
mappings). Files, uploads and fetched URLs all come through here."""
from __future__ import annotations

import json
from collections.abc import Iterator

from archive.ingest.feeds import read_feed
from archive.ingest.items import RawItem
from archive.ingest.jsondepth import loads
from archive.ingest.newsml import read_newsml
from archive.ingest.ninjs import is_json_feed, is_ninjs, read_json_feed, read_ninjs
from archive.ingest.nitf import read_nitf
from archive.ingest.xmltree import ENTITIES_REFUSED, XMLRefused, local, parse_xml

FEED_ROOTS = ("rss", "feed", "RDF")


def read_xml(origin: str, content: bytes, url: str | None = None) -> Iterator[RawItem]:
    """The articles of an XML document: NITF, NewsML-G2 (or a fragment holding NITF), RSS or Atom.
    A document that does not parse is left to the feed reader, which reads broken feeds as well as it can;
    one that declares entities is refused."""
    try:
        root = parse_xml(content)
    except XMLRefused as exc:
        if str(exc) == ENTITIES_REFUSED:
            yield RawItem(origin, None, str(exc))
        else:
            yield from read_feed(origin, content, url=url)
        return
    kind = local(root)
    if kind == "nitf":
        yield read_nitf(origin, root)
    elif kind in FEED_ROOTS:
        yield from read_feed(origin, content, url=url)
    else:
        yield from read_newsml(origin, root)


def read_json(origin: str, text: str | bytes) -> Iterator[RawItem]:
    """A JSON Feed, or one article object (plain or ninjs), or a list of them."""
    try:
        data = loads(text)
    except json.JSONDecodeError as exc:  # TooDeep is one too
        yield RawItem(origin, None, f"not valid JSON: {exc}")
        return
    if is_json_feed(data):
        yield from read_json_feed(origin, data)
        return
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, 1):
        yield article_item(origin if len(items) == 1 else f"{origin}[{number}]", item)


def read_json_lines(origin: str, text: str) -> Iterator[RawItem]:
    """One article object (plain or ninjs) a line; a broken line fails alone."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = loads(line)
        except json.JSONDecodeError as exc:  # TooDeep is one too
            yield RawItem(f"{origin}:{number}", None, f"not valid JSON: {exc}")
            continue
        yield article_item(f"{origin}:{number}", item)


def article_item(origin: str, item: object) -> RawItem:
    """One JSON object as an article: a ninjs object read as such, any other object as a mapping."""
    if not isinstance(item, dict):
        return RawItem(origin, None, "an article must be a JSON object")
    return read_ninjs(origin, item) if is_ninjs(item) else RawItem(origin, item)
