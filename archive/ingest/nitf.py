"""Read NITF 3.x (News Industry Text Format) documents: head and docdata metadata, body.head
(hedline, byline, dateline) and body.content, whether alone or inside a NewsML-G2 item."""
from __future__ import annotations

import re
from datetime import datetime

from archive.ingest.items import RawItem
from archive.ingest.xmltree import attribute, child, local, paragraphs, text

_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)


def read_nitf(origin: str, nitf) -> RawItem:
    """One article from a <nitf> element."""
    parts = nitf_parts(nitf)
    if not parts.get("body"):
        return RawItem(origin, None, "the NITF document has no text in its body.content")
    dateline = parts.pop("dateline")
    data = {**parts, "body": with_dateline(parts["body"], dateline)}
    return RawItem(origin, {key: value for key, value in data.items() if value is not None})


def nitf_parts(nitf) -> dict:
    """What a <nitf> element says: title, body, author, dateline, published_at, guid, version, language."""
    head, body = child(nitf, "head"), child(nitf, "body")
    docdata, body_head = child(head, "docdata"), child(body, "body.head")
    return {
        "title": text(child(body_head, "hedline", "hl1")) or text(child(head, "title")),
        "body": paragraphs(child(body, "body.content")),
        "author": byline_name(child(body_head, "byline")),
        "dateline": text(child(body_head, "dateline")),
        "published_at": attribute(child(docdata, "date.issue"), "norm"),
        "guid": attribute(child(docdata, "doc-id"), "id-string"),
        "version": version_number(attribute(child(docdata, "du-key"), "version")),
        "language": nitf.get("{http://www.w3.org/XML/1998/namespace}lang"),
    }


def byline_name(byline) -> str | None:
    """The person a byline names ("By Meredith Jameson, <byttl>Staff Reporter</byttl>" -> the name);
    the title (byttl) alone when the byline names no one."""
    if byline is None:
        return None
    pieces = [byline.text or ""]
    for part in byline:
        pieces += [" " + (text(part) or "") if local(part) != "byttl" else " ", part.tail or ""]
    name = _BY.sub("", " ".join("".join(pieces).split())).strip(" ,;:-")
    return name or text(child(byline, "byttl"))


def with_dateline(body: str, dateline: str | None) -> str:
    """The body opened by its dateline as wires print it ("LONDON, Jan 6 (Reuters) - ..."), unless
    the text already starts with it: the place extraction reads datelines at the start of a story."""
    if not dateline or dateline.casefold() in body[:len(dateline) + 40].casefold():
        return body
    return f"{dateline.rstrip(' -–—')} - {body}"


def located_dateline(place: str | None, published: str | None, body: str) -> str | None:
    """'BERLIN, Oct 18': a dateline made of the place a story was filed from (NewsML-G2 and ninjs
    `located`) and its day, for a story with no dateline whose text does not open with that place."""
    if not place or place.casefold() in body[:200].casefold():
        return None
    try:
        day = datetime.fromisoformat(published.strip()) if published else None
    except ValueError:
        day = None
    return f"{place.upper()}, {day:%b} {day.day}" if day else place.upper()


def version_number(value: str | None) -> int | None:
    """A version attribute as a number; None when it is not a plain one (0 to 9 digits)."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def nitf_children(element) -> list:
    """The <nitf> elements at or below `element` (an inlineXML, or a fragment holding one)."""
    return [found for found in element.iter() if local(found) == "nitf"]
