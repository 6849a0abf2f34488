"""Read one web page: its main text without the boilerplate (navigation, footer, comments, ads),
with title, author, publication date, canonical URL and site name (trafilatura)."""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from trafilatura import bare_extraction

from archive.ingest.items import RawItem

# htmldate: the original publication date (not the last update), with its time when the page has one;
# no guessing from free text (a footer's "Copyright 2020" is not a publication date).
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def read_html(origin: str, content: bytes | str, url: str | None = None,
              captured_at: str | None = None) -> RawItem:
    """One article from an HTML page. `url` is where the page was found (used when it names no
    canonical URL), `captured_at` an ISO date used when the page carries no date of its own."""
    # fast + favor_precision: no fallback extractors, which return menus when a page has no article.
    page = bare_extraction(content, url=url, with_metadata=True, include_comments=False, fast=True,
                           favor_precision=True, date_extraction_params=_DATE_PARAMS)
    body = _body(page.text, page.title) if page is not None and page.text else ""
    if not body:
        return RawItem(origin, None, "no main text found in the page")
    page_url = http_url(urljoin(url or "", page.url or "")) or http_url(url)
    data = {
        "body": body,
        "title": page.title,
        "author": page.author,
        "published_at": page.date or captured_at,
        "url": page_url,
        "source": page.sitename or _hostname(page_url),
    }
    return RawItem(origin, {key: value for key, value in data.items() if value})


def _body(text: str, title: str | None) -> str:
    """One paragraph a line becomes paragraphs apart; a first line repeating the title goes."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    return "\n\n".join(lines)


def http_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL, else None."""
    if not url:
        return None
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.hostname else None


def _hostname(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
