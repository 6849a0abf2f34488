"""The new pages of a fetched sitemap as articles: sitemap indexes followed, only pages dated after
the last poll (undated ones on the first poll only), robots.txt honoured, each page fetched under the
usual limits, one at a time per host, and read with trafilatura."""
from __future__ import annotations

from datetime import datetime

from archive.ingest.fetch import Fetched, FetchError, FetchSettings, fetch
from archive.ingest.html import read_html
from archive.ingest.items import RawItem
from archive.ingest.polite import HostTurns, Robots
from archive.ingest.sitemaps import Page, read_sitemap
from archive.ingest.xmltree import XMLRefused

MAX_SITEMAPS = 20  # sitemaps read in one poll, the index's included


def sitemap_items(fetched: Fetched, since: datetime | None, settings: FetchSettings, turns: HostTurns,
                  max_pages: int) -> list[RawItem]:
    """One item per new page, newest first, at most `max_pages`; a page that cannot (or may not) be
    fetched is a failed item saying why. HostBusy (a host's turn did not come) puts off the whole poll."""
    pages, errors = _pages(fetched, settings, turns)
    new = sorted((page for page in pages if _new(page, since)), key=_newest_first)[:max_pages]
    robots = Robots(settings, turns)
    return errors + [_read_page(page, settings, turns, robots) for page in new]


def _pages(fetched: Fetched, settings: FetchSettings, turns: HostTurns) -> tuple[list[Page], list[RawItem]]:
    pages: list[Page] = []
    errors: list[RawItem] = []
    queue, seen = [fetched], {fetched.url_final}
    while queue:
        current = queue.pop(0)
        try:
            sitemap = read_sitemap(current.content)
        except XMLRefused as exc:
            errors.append(RawItem(current.url_final, None, str(exc)))
            continue
        pages += sitemap.pages
        for url in sitemap.sitemaps:
            if url in seen or len(seen) >= MAX_SITEMAPS:
                continue
            seen.add(url)
            try:
                with turns.turn(url):
                    queue.append(fetch(url, settings))
            except FetchError as exc:
                errors.append(RawItem(url, None, str(exc)))
    return pages, errors


def _new(page: Page, since: datetime | None) -> bool:
    return since is None or (page.date is not None and page.date > since)


def _newest_first(page: Page) -> float:
    return -page.date.timestamp() if page.date else 0.0


def _read_page(page: Page, settings: FetchSettings, turns: HostTurns, robots: Robots) -> RawItem:
    if not robots.allowed(page.url):
        return RawItem(page.url, None, f"{page.url}: robots.txt does not allow fetching it")
    try:
        with turns.turn(page.url):
            fetched = fetch(page.url, settings)
    except FetchError as exc:
        return RawItem(page.url, None, str(exc))
    item = read_html(page.url, fetched.content, url=fetched.url_final)
    if item.data is not None:
        defaults = {"title": page.title, "published_at": page.date.isoformat() + "Z" if page.date else None}
        item.data.update({k: v for k, v in defaults.items() if v and not item.data.get(k)})
    return item
