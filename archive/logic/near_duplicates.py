"""Near-duplicate groups (syndicated and corrected copies of one story), kept in the database.

At ingest, in the article's own transaction: its MinHash signature's LSH bands are
looked up in `article_bands` (shared by every worker and machine), the candidates are
verified on their whole signatures, and the article joins the group of the most similar
one at or above ARCHIVE_NEAR_DUPLICATE_THRESHOLD. A group is named by the id of its first
article: that article has `dup_group_id` None, every later copy has the first one's id.
Exact duplicates never get here: ingest refuses them before (same URL or body hash).
"""
from __future__ import annotations

from collections.abc import Iterable

from flask import current_app, has_app_context
from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.orm import Session

from archive.ingest.similarity import band_hashes, best_match, signature
from archive.models import Article, ArticleBand, Change
from archive.models.change import UPSERT, lock_change_log
from archive.settings import SETTINGS

DEFAULT_THRESHOLD = next(s.default for s in SETTINGS if s.key == "NEAR_DUPLICATE_THRESHOLD")


def threshold() -> float:
    """The configured similarity threshold (the default outside an app)."""
    return current_app.config.get("NEAR_DUPLICATE_THRESHOLD", DEFAULT_THRESHOLD) if has_app_context() \
        else DEFAULT_THRESHOLD


def group_id(article: Article) -> int:
    """The group an article belongs to (its own id when it is the first or alone)."""
    return article.dup_group_id or article.id


def assign_groups(session: Session, articles: Iterable[Article], minimum: float | None = None) -> None:
    """Fingerprint flushed articles in order, each joining its best earlier near-duplicate's group."""
    minimum = threshold() if minimum is None else minimum
    for article in articles:
        sig = article.dup_signature = signature(article.body)
        if sig is None:
            continue
        bands = band_hashes(sig)
        match = best_match(sig, _candidates(session, article.id, bands), minimum)
        if match is not None:
            first = session.get(Article, match[0])
            article.dup_group_id = group_id(first)
        session.add_all(ArticleBand(article_id=article.id, band=band, band_hash=value) for band, value in bands)
        session.flush()  # the next article of a batch sees these bands


def _candidates(session: Session, article_id: int, bands: list[tuple[int, int]]) -> dict[int, bytes]:
    """Signatures of the other articles sharing at least one band."""
    ids = select(ArticleBand.article_id).where(tuple_(ArticleBand.band, ArticleBand.band_hash).in_(bands))
    query = select(Article.id, Article.dup_signature).where(Article.id.in_(ids), Article.id != article_id)
    return {row.id: row.dup_signature for row in session.execute(query)}


def members(session: Session, group: int) -> list[Article]:
    """Every article of a group, the first one first."""
    query = select(Article).where(or_(Article.id == group, Article.dup_group_id == group)).order_by(Article.id)
    return list(session.scalars(query))


def similar_versions(session: Session, article: Article) -> list[Article]:
    """The other articles of this article's group, oldest first (none when it is alone)."""
    return [member for member in members(session, group_id(article)) if member.id != article.id]


def similar_counts(session: Session, groups: Iterable[int]) -> dict[int, int]:
    """For each group id, how many other articles the group holds (0 for an article alone)."""
    wanted = sorted(set(groups))
    if not wanted:
        return {}
    query = (select(Article.dup_group_id, func.count()).where(Article.dup_group_id.in_(wanted))
             .group_by(Article.dup_group_id))
    counts = dict.fromkeys(wanted, 0)
    counts.update({group: count for group, count in session.execute(query)})
    return counts


def leave_group(session: Session, article: Article) -> None:
    """Before deleting an article: if it was its group's first, the next oldest copy becomes the first.

    The copies that move get an index update (their group id is in their index document)."""
    if article.dup_group_id is not None:
        return  # a later copy: the group keeps its first article and its name
    lock_change_log(session)  # before reading the group: another writer may be adding to it
    rest = [member for member in members(session, article.id) if member.id != article.id]
    if not rest:
        return
    first = rest[0]
    for member in rest:
        member.dup_group_id = None if member is first else first.id
        Change.record(session, member.id, UPSERT)
