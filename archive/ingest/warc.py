"""Read WARC web archives (.warc, .warc.gz; warcio): each successful HTTP response holding an HTML
page becomes an article through the HTML reader; requests, metadata, images and the rest are skipped."""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.ingest.html import read_html
from archive.ingest.items import RawItem

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(origin: str, stream: BinaryIO) -> Iterator[RawItem]:
    """One RawItem per HTML response in the archive, keeping the capture URL (WARC-Target-URI, used
    when the page names no canonical URL) and time (WARC-Date, used when the page has no date)."""
    warc_records = 0
    try:
        for record in ArchiveIterator(stream):
            warc_records += record.format == "warc"
            if _is_html_page(record):
                url = record.rec_headers.get_header("WARC-Target-URI")
                captured_at = record.rec_headers.get_header("WARC-Date")
                content = record.content_stream().read()
                yield read_html(f"{origin}[{url}]", content, url=url, captured_at=captured_at)
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as exc:
        yield RawItem(origin, None, f"not a readable WARC file: {exc}")
        return
    if not warc_records:
        yield RawItem(origin, None, "not a WARC file: no WARC records in it")


def _is_html_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    return status.startswith("2") and content_type.split(";")[0].strip().lower() in HTML_TYPES
