"""Read WARC web archives (.warc, .warc.gz; warcio): each successful HTTP response holding an HTML
page becomes an article through the HTML reader; requests, metadata, images and the rest are skipped.

A compressed archive is unpacked here, within UnpackLimits (warcio would unpack without a limit), and
warcio is handed plain WARC; each page is read with a size limit, never whole."""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.ingest.html import read_html
from archive.ingest.items import RawItem
from archive.ingest.unpack import (GZIP_MAGIC, DecompressionLimit, GunzipReader, TooLarge, UnpackLimits,
                                   read_at_most)

HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_START = b"WARC/"


def read_warc(origin: str, stream: BinaryIO, limits: UnpackLimits = UnpackLimits()) -> Iterator[RawItem]:
    """One RawItem per HTML response in the archive, keeping the capture URL (WARC-Target-URI, used
    when the page names no canonical URL) and time (WARC-Date, used when the page has no date).
    An archive that unpacks beyond the limits fails (its pages read so far are kept)."""
    warc_records = 0
    try:
        plain = _plain_warc(stream, limits, origin)
        if plain is None:
            yield RawItem(origin, None, "not a WARC file: no WARC records in it")
            return
        for record in ArchiveIterator(plain):
            warc_records += record.format == "warc"
            if _is_html_page(record):
                yield _page(origin, record, limits)
    except DecompressionLimit as exc:
        yield RawItem(origin, None, str(exc))
        return
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as exc:
        yield RawItem(origin, None, f"not a readable WARC file: {exc}")
        return
    if not warc_records:
        yield RawItem(origin, None, "not a WARC file: no WARC records in it")


def _plain_warc(stream: BinaryIO, limits: UnpackLimits, origin: str) -> BinaryIO | None:
    """The archive as plain WARC (gunzipped within the limits), or None when it does not start as one.
    Nothing compressed reaches warcio, so it never unpacks anything itself."""
    start = stream.tell()
    compressed = stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    stream.seek(start)
    plain = io.BufferedReader(GunzipReader(stream, limits, origin)) if compressed else stream
    head = plain.peek(len(WARC_START)) if compressed else stream.read(len(WARC_START))
    if not compressed:
        stream.seek(start)
    return plain if head.startswith(WARC_START) else None


def _page(origin: str, record, limits: UnpackLimits) -> RawItem:
    """The article of one HTML response; a page too large or wrongly encoded fails alone (an archive
    that unpacks too far, while the page is read, fails as a whole: DecompressionLimit goes up)."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    captured_at = record.rec_headers.get_header("WARC-Date")
    what = f"the page {url}"
    try:
        raw = read_at_most(record.raw_stream, limits.max_record_bytes, what)
        content = _undo_http_encoding(raw, record.http_headers, limits, what)
    except (TooLarge, PageUnreadable) as exc:
        return RawItem(f"{origin}[{url}]", None, str(exc))
    return read_html(f"{origin}[{url}]", content, url=url, captured_at=captured_at)


class PageUnreadable(ValueError):
    """A page whose HTTP encoding this reader cannot undo."""


def _undo_http_encoding(raw: bytes, headers, limits: UnpackLimits, what: str) -> bytes:
    """The page as the server meant it: de-chunked and gunzipped here, within the limits (warcio's
    content_stream() would unpack a whole block, of any expansion, at once)."""
    if (headers.get_header("Transfer-Encoding") or "").strip().lower() == "chunked":
        raw = dechunk(raw)
    encoding = (headers.get_header("Content-Encoding") or "identity").strip().lower()
    if encoding in ("identity", ""):
        return raw
    if encoding not in ("gzip", "x-gzip"):
        raise PageUnreadable(f"{what} is {encoding}-encoded; only gzip is understood")
    try:
        return read_at_most(GunzipReader(io.BytesIO(raw), limits, what), limits.max_record_bytes, what)
    except DecompressionLimit as exc:
        raise TooLarge(str(exc)) from None  # the page's own encoding: the page fails, not the archive
    except (zlib.error, EOFError) as exc:
        raise PageUnreadable(f"{what} is not valid gzip: {exc}") from None


def dechunk(body: bytes) -> bytes:
    """The data of an HTTP chunked body; a body that does not parse as chunks is kept as it is
    (as warcio does: servers label plain bodies chunked)."""
    parts, position = [], 0
    while True:
        line_end = body.find(b"\r\n", position)
        try:
            size = int(body[position:line_end].split(b";")[0], 16) if line_end >= 0 else -1
        except ValueError:
            size = -1
        if size < 0:  # not chunked at all, or cut short after some chunks
            return b"".join(parts) if parts else body
        if size == 0:
            return b"".join(parts)
        start = line_end + 2
        parts.append(body[start:start + size])
        position = start + size + 2


def _is_html_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    return status.startswith("2") and content_type.split(";")[0].strip().lower() in HTML_TYPES
