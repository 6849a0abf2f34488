"""Read NewsML-G2 documents: a newsItem is one article; a newsMessage gives each item it carries; a
packageItem only refers to items (each reference fails with a reason); picture, video and other
non-text items are skipped with a reason. The body is the NITF or XHTML in inlineXML, or inlineData."""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from archive.ingest.html import http_url
from archive.ingest.items import RawItem
from archive.ingest.nitf import located_dateline, nitf_children, nitf_parts, read_nitf, version_number, with_dateline
from archive.ingest.xmltree import attribute, child, children, descendants, local, paragraphs, text

_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_newsml(origin: str, root) -> Iterator[RawItem]:
    """The articles of a NewsML-G2 document (or of a fragment that holds NITF, such as a contentSet)."""
    kind = local(root)
    if kind == "newsItem":
        yield news_item(origin, root)
    elif kind == "newsMessage":
        items = list(descendants(root, "newsItem"))
        if not items:
            yield RawItem(origin, None, "the news message carries no newsItem")
        for number, item in enumerate(items, 1):
            yield news_item(f"{origin}[{number}]", item)
    elif kind == "packageItem":
        yield from _package(origin, root)
    elif found := nitf_children(root):
        for number, nitf in enumerate(found, 1):
            yield read_nitf(origin if len(found) == 1 else f"{origin}[{number}]", nitf)
    else:
        yield RawItem(origin, None, f"a NewsML-G2 <{kind}> with no story in it (no newsItem, no NITF)")


def news_item(origin: str, item) -> RawItem:
    """One article from a <newsItem>; a non-text item or one without text fails with the reason."""
    item_meta, content_meta = child(item, "itemMeta"), child(item, "contentMeta")
    item_class = attribute(child(item_meta, "itemClass"), "qcode") or ""
    if item_class and not item_class.endswith("text"):
        return RawItem(origin, None, f"skipped: a {item_class} item, not a text story")
    inline = _inline_body(child(item, "contentSet"))
    if not inline.get("body"):
        return RawItem(origin, None, "the news item carries no text (no NITF, XHTML or inlineData body)")
    title = text(child(content_meta, "headline")) or inline.get("title")
    body = _without_heading(inline["body"], title, inline.get("title"))
    published = (text(child(item_meta, "firstCreated")) or text(child(content_meta, "contentCreated"))
                 or inline.get("published_at") or text(child(item_meta, "versionCreated")))
    dateline = text(child(content_meta, "dateline")) or inline.get("dateline") or \
        located_dateline(text(child(content_meta, "located", "name")), published, body)
    data = {
        "body": with_dateline(body, dateline),
        "title": title,
        "author": text(child(content_meta, "by")) or inline.get("author") or _creator(content_meta),
        "published_at": published,
        "source": text(child(content_meta, "creditline")) or _provider(child(item_meta, "provider")),
        "url": http_url(item.get("guid")),
        "language": _language(item, content_meta),
        "guid": item.get("guid"),
        "version": version_number(item.get("version")),
        "version_created": text(child(item_meta, "versionCreated")),
    }
    return RawItem(origin, {key: value for key, value in data.items() if value is not None})


def _inline_body(content_set) -> dict:
    """The parts of the first text body: NITF (with its own head) or XHTML in inlineXML, or inlineData."""
    for inline in children(content_set, "inlineXML"):
        if nitfs := nitf_children(inline):
            return nitf_parts(nitfs[0])
        if (html := next(descendants(inline, "html"), None)) is not None:
            return {"body": paragraphs(child(html, "body")), "title": text(child(html, "head", "title"))}
    for inline in children(content_set, "inlineData"):
        if (body := "\n\n".join(p.strip() for p in (inline.text or "").split("\n\n") if p.strip())):
            return {"body": body}
    return {}


def _without_heading(body: str, *titles: str | None) -> str:
    """The body without a first paragraph that repeats the headline (an XHTML body's <h1>)."""
    first, _, rest = body.partition("\n\n")
    return rest if rest and first in titles else body


def _package(origin: str, package) -> Iterator[RawItem]:
    references = list(descendants(package, "itemRef"))
    if not references:
        yield RawItem(origin, None, "the package refers to no items")
    for number, reference in enumerate(references, 1):
        yield RawItem(f"{origin}[{number}]", None, f"the package refers to {reference.get('residref')} "
                                                   "without carrying it; ingest the item itself")


def _creator(content_meta) -> str | None:
    return next((name for creator in children(content_meta, "creator")
                 if (name := text(child(creator, "name")))), None)


def _provider(provider) -> str | None:
    """A provider's name, else its code ('nprov:REUTERS' -> 'REUTERS'), else its site's host."""
    if provider is None:
        return None
    if name := text(child(provider, "name")):
        return name
    if qcode := provider.get("qcode"):
        return qcode.split(":", 1)[-1].removeprefix("www.") or None
    host = urlsplit(provider.get("uri", "")).hostname
    return host.removeprefix("www.") if host else None


def _language(item, content_meta) -> str | None:
    language = child(content_meta, "language")
    return (language.get("tag") if language is not None else None) or item.get(_LANG)
