"""Read sitemaps: a plain sitemap (<urlset>, each <url> with <loc> and maybe <lastmod>), a news
sitemap (the same with <news:news>: publication date and title) and a sitemap index (<sitemapindex>,
whose <sitemap><loc> are further sitemaps). Pure parsing: fetching is archive/logic/polling.py's."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from archive.errors import ValidationError
from archive.ingest.records import parse_datetime
from archive.ingest.xmltree import XMLRefused, child, children, local, parse_xml, text

SITEMAP_ROOTS = ("urlset", "sitemapindex")


@dataclass(frozen=True)
class Page:
    url: str
    date: datetime | None = None    # the news publication date, else lastmod (naive UTC)
    title: str | None = None        # the news title


@dataclass(frozen=True)
class Sitemap:
    pages: list[Page]
    sitemaps: list[str]             # a sitemap index's further sitemaps


def sitemap_kind(content: bytes) -> str | None:
    """'urlset' (a sitemap), 'sitemapindex' or None (not a sitemap), by the root element."""
    try:
        root = local(parse_xml(content))
    except XMLRefused:
        return None
    return root if root in SITEMAP_ROOTS else None


def read_sitemap(content: bytes) -> Sitemap:
    """The pages (or further sitemaps) a sitemap lists; XMLRefused when it does not parse."""
    root = parse_xml(content)
    if local(root) == "sitemapindex":
        return Sitemap([], [loc for entry in children(root, "sitemap") if (loc := text(child(entry, "loc")))])
    return Sitemap([page for entry in children(root, "url") if (page := _page(entry))], [])


def _page(entry) -> Page | None:
    url = text(child(entry, "loc"))
    if not url:
        return None
    news = child(entry, "news")
    published = text(child(news, "publication_date")) if news is not None else None
    return Page(url, _date(published) or _date(text(child(entry, "lastmod"))),
                text(child(news, "title")) if news is not None else None)


def _date(value: str | None) -> datetime | None:
    try:
        return parse_datetime(value, "date")
    except ValidationError:
        return None
