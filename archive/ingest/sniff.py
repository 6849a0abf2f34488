"""Pick the reader of a document by its content, not its name: an XML document by its root element
(NITF, NewsML-G2, else RSS/Atom), a JSON document by its keys (JSON Feed, ninjs, else article
mappings). Files, uploads and fetched URLs all come through here."""
from __future__ import annotations

import json
from collections.abc import Iterator

from lxml import etree

from archive.ingest.feeds import read_feed
from archive.ingest.items import RawItem
from archive.ingest.jsondepth import loads
from archive.ingest.newsml import read_newsml
from archive.ingest.ninjs import is_json_feed, is_ninjs, read_json_feed, read_ninjs
from archive.ingest.nitf import nitf_children, read_nitf
from archive.ingest.xmltree import ENTITIES_REFUSED, XMLRefused, local, parse_xml

NEWSML_NAMESPACE = "http://iptc.org/std/nar/"
# NewsML-G2 roots, and the fragments its documentation shows alone (a contentSet holding NITF...).
NEWSML_ROOTS = ("newsItem", "newsMessage", "packageItem", "conceptItem", "knowledgeItem", "planningItem",
                "contentSet", "contentMeta", "itemMeta")
# A document that does not parse but names one of these is a broken wire document, not a broken feed.
_WIRE_MARKS = (b"<nitf", b"<newsItem", b"<newsMessage", b"<packageItem", b"iptc.org/std/")


def read_xml(origin: str, content: bytes, url: str | None = None) -> Iterator[RawItem]:
    """The articles of an XML document: NITF, NewsML-G2 (or a fragment holding NITF), RSS or Atom.
    A document that declares entities is refused; one that does not parse fails, unless it may be a
    feed: the feed reader reads broken feeds as well as it can."""
    try:
        root = parse_xml(content)
    except XMLRefused as exc:
        if str(exc) == ENTITIES_REFUSED or any(mark in content[:4096] for mark in _WIRE_MARKS):
            yield RawItem(origin, None, str(exc))
        else:
            yield from read_feed(origin, content, url=url)
        return
    kind = local(root)
    if kind == "nitf":
        yield read_nitf(origin, root)
    elif kind in NEWSML_ROOTS or (etree.QName(root).namespace or "").startswith(NEWSML_NAMESPACE) \
            or nitf_children(root):
        yield from read_newsml(origin, root)
    else:  # RSS, Atom, or anything else: the feed reader says what it is not
        yield from read_feed(origin, content, url=url)


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
