"""Saved searches as Atom 1.0 feeds: /feeds/search.atom takes the search page's parameters.

Entries are the newest matching articles first, whatever `sort` says; feedgen
(lxml) writes the XML, so every text is escaped by the serializer.
"""
from __future__ import annotations

from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, request, url_for

from archive.errors import ArchiveError, ValidationError
from archive.models import Article, Entity
from archive.models.entity import ACTOR_KINDS
from archive.search import SearchParams
from archive.views.exports import articles_in_order, matches_now, search_params
from archive.views.urls import filter_chips, search_url, state_url

bp = Blueprint("feeds", __name__, url_prefix="/feeds")

DEFAULT_ENTRIES = 50
MAX_ENTRIES = 200
SUMMARY_CHARS = 300


@bp.app_context_processor
def feed_links() -> dict:
    """For the search page's export and feed links."""
    return {"state_url": state_url, "feed_url": feed_url}


@bp.errorhandler(ArchiveError)
def plain_error(exc: ArchiveError):
    """Feed readers show a plain sentence better than an HTML page or JSON."""
    return f"{exc.message}\n", exc.status, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/search.atom")
def search_feed():
    limit = entry_limit(request.args.get("limit"))
    params = search_params().with_changes(sort="newest")
    matches = matches_now(params)
    articles = list(articles_in_order(matches.ids[:limit]))
    feed = atom_feed(params, matches.selected, articles, limit)
    return Response(feed.atom_str(pretty=True), mimetype="application/atom+xml")


def entry_limit(value: str | None) -> int:
    if value is None or value == "":
        return DEFAULT_ENTRIES
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_ENTRIES):
        raise ValidationError(f"limit must be a whole number between 1 and {MAX_ENTRIES}", "limit")
    return int(value)


def feed_url(params: SearchParams, limit: int = DEFAULT_ENTRIES) -> str:
    """The feed of a search (its sort is dropped: feeds are newest first)."""
    url = state_url(url_for("feeds.search_feed"), params.with_changes(sort="relevance"))
    if limit != DEFAULT_ENTRIES:
        url += ("&" if "?" in url else "?") + f"limit={limit}"
    return url


def feed_title(params: SearchParams, selected: dict[str, list[Entity]]) -> str:
    parts = [f"“{params.q}”"] if params.q else []
    parts += [chip.label for chip in filter_chips(params, selected)]
    return "News archive: " + (" · ".join(parts) if parts else "newest articles")


def atom_feed(params: SearchParams, selected: dict[str, list[Entity]], articles: list[Article],
              limit: int) -> FeedGenerator:
    root = request.host_url.rstrip("/")
    self_url = root + feed_url(params, limit)
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(feed_title(params, selected))
    feed.author({"name": "News archive"})  # entries without a known author inherit it (RFC 4287 4.1.1)
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.link(href=root + search_url(params), rel="alternate", type="text/html")
    feed.generator("News archive")
    feed.updated(max((_updated(a) for a in articles), default=datetime.now(UTC)))
    for article in articles:
        add_entry(feed, article, root)
    return feed


def add_entry(feed: FeedGenerator, article: Article, root: str) -> None:
    page = url_for("pages.article_page", article_id=article.id, _external=True)
    entry = feed.add_entry(order="append")
    entry.id(page)  # article ids are never reused, so the page's URL names one article for good
    entry.title(article.title)
    entry.link(href=page, rel="alternate", type="text/html")
    entry.updated(_updated(article))
    if article.published_at:
        entry.published(article.published_at.replace(tzinfo=UTC))
    if article.author:
        entry.author({"name": article.author})
    entry.summary(summary(article.body), type="text")
    for kind, entities in (("actors", article.entities_of(*ACTOR_KINDS)), ("places", article.entities_of("place"))):
        for entity in entities:
            entry.category(term=entity.name, scheme=f"{root}/{kind}/", label=entity.name)


def summary(body: str) -> str:
    """The first SUMMARY_CHARS characters of the text, cut at a word."""
    text = " ".join(body.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def _updated(article: Article) -> datetime:
    return (article.updated_at or article.ingested_at).replace(tzinfo=UTC)

