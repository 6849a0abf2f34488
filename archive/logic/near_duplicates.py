"""Near-duplicate groups (syndicated and corrected copies of one story), kept in the database.

At ingest, in the article's own transaction: its MinHash signature's LSH bands are
looked up in `article_bands` (shared by every worker and machine), the candidates are
verified on their whole signatures, and the article joins the group of the most similar
one at or above ARCHIVE_NEAR_DUPLICATE_THRESHOLD. A group is named by the id of its first
article: that article has `dup_group_id` None, every later copy has the first one's id.
Exact duplicates never get here: ingest refuses them before (same URL or body hash).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import repeat

from flask import current_app, has_app_context
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from archive.ingest.similarity import band_hashes, best_match, signature
from archive.models import Article, ArticleBand, Change
from archive.models.base import insert_rows
from archive.models.change import UPSERT, lock_change_log
from archive.settings import SETTINGS

BAND_CHUNK = 1000  # band hashes per query (and a band number per term): well under every database's limit
DEFAULT_THRESHOLD = next(s.default for s in SETTINGS if s.key == "NEAR_DUPLICATE_THRESHOLD")
# A copy at least this similar to the article it matched stores no bands: whatever would find it finds
# that article, and the group. So the candidates of a story sent fifty times stay one, not fifty
# (a group's copies all shared every band, and each new copy read and compared them all). Its
# signature is kept; a group's first article always has bands (leave_group gives them to the next).
NEAR_IDENTICAL = 0.95


@dataclass(frozen=True)
class NearDuplicate:
    """An imported article's group as its export line gives it (logic/backup.py): its MinHash signature,
    and for a later copy the content hash of the group's first article (None when first or alone)."""
    signature: bytes | None = None
    first_hash: str | None = None
    alone: bool = False  # first or alone, into an archive empty when the import began: nothing to look up


def threshold() -> float:
    """The configured similarity threshold (the default outside an app)."""
    return current_app.config.get("NEAR_DUPLICATE_THRESHOLD", DEFAULT_THRESHOLD) if has_app_context() \
        else DEFAULT_THRESHOLD


def assign_groups(session: Session, articles: Iterable[Article], minimum: float | None = None,
                  signatures: list[bytes | None] | None = None) -> None:
    """Fingerprint flushed articles in order, each joining its best earlier near-duplicate's group
    (stored before, or earlier in `articles`); their bands are inserted in the session's transaction.
    `signatures`: those already known (an import's, stored with the article), None where not."""
    minimum = threshold() if minimum is None else minimum
    fingerprinted = []
    for article, known in zip(articles, signatures or repeat(None)):
        sig = known
        if sig is None:
            sig = article.dup_signature = signature(article.body)
        if sig is not None:
            fingerprinted.append((article, sig, band_hashes(sig)))
    stored = _stored_sharing(session, {band for _a, _s, bands in fingerprinted for band in bands})
    earlier: dict[tuple[int, int], list[Article]] = {}  # band -> articles of this batch having it
    rows = []
    for article, sig, bands in fingerprinted:
        candidates: dict[int, tuple[bytes | None, int]] = {}
        for band in bands:
            for other_id, other_sig, other_group in stored.get(band, ()):
                candidates[other_id] = (other_sig, other_group)
            for other in earlier.get(band, ()):
                candidates[other.id] = (other.dup_signature, other.group_id)
        candidates.pop(article.id, None)
        match = best_match(sig, {key: value[0] for key, value in candidates.items()}, minimum)
        if match is not None:
            article.dup_group_id = candidates[match[0]][1]
        if match is None or match[1] < NEAR_IDENTICAL:
            for band in bands:
                earlier.setdefault(band, []).append(article)
            rows += [{"article_id": article.id, "band": band, "band_hash": value} for band, value in bands]
    _insert_bands(session, rows)


def keep_groups(session: Session, articles: list[Article], near: list[NearDuplicate]) -> None:
    """Imported articles (flushed, their signatures stored): a later copy whose line names its group's
    first article, stored, joins that group with no MinHash and no look-up, and an article `alone`
    stays alone; any other is grouped as at ingest. One query for a batch where a look-up took a
    dozen and MinHash a millisecond an article."""
    in_batch = {article.content_hash: article for article in articles}
    stored = _groups_by_hash(session, {n.first_hash for n in near if n.first_hash and n.first_hash not in in_batch})
    kept, rest = [], []
    for article, found in zip(articles, near, strict=True):
        first = stored.get(found.first_hash) or in_batch.get(found.first_hash)
        if found.signature is not None and (found.alone or first is not None and first is not article):
            kept.append((article, None if found.alone else first, found.signature))
        else:
            rest.append((article, found.signature))
    assign_groups(session, [article for article, _sig in rest], signatures=[sig for _article, sig in rest])
    rows = []
    for article, first, sig in kept:  # after assign_groups: a first of this batch may have joined a group
        if first is not None:
            article.dup_group_id = first if isinstance(first, int) else first.group_id
        rows += [{"article_id": article.id, "band": band, "band_hash": value} for band, value in band_hashes(sig)]
    _insert_bands(session, rows)


def _groups_by_hash(session: Session, hashes: set[str]) -> dict[str, int]:
    """The group of each stored article with one of these content hashes."""
    found, ordered = {}, sorted(hashes)
    for first in range(0, len(ordered), BAND_CHUNK):
        query = (select(Article.content_hash, func.coalesce(Article.dup_group_id, Article.id))
                 .where(Article.content_hash.in_(ordered[first:first + BAND_CHUNK])))
        found.update(session.execute(query).all())
    return found


def _insert_bands(session: Session, rows: list[dict]) -> None:
    insert_rows(session, ArticleBand.__table__, rows)  # no ORM (nor Core) work per band


def _stored_sharing(session: Session, bands: set[tuple[int, int]]) -> dict[tuple[int, int], list[tuple]]:
    """For each band, the (id, signature, group) of the stored articles having it, in a few queries."""
    sharing: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for query in sharing_queries(bands):
        for band, band_hash, article_id, group in session.execute(query):
            sharing.setdefault((band, band_hash), []).append((article_id, group))
    # Each signature once (512 bytes), not once per band shared: a copy shares all twenty.
    ids = sorted({article_id for found in sharing.values() for article_id, _group in found})
    signatures = {}
    for first in range(0, len(ids), BAND_CHUNK):
        query = select(Article.id, Article.dup_signature).where(Article.id.in_(ids[first:first + BAND_CHUNK]))
        signatures.update((article_id, sig) for article_id, sig in session.execute(query))
    return {band: [(article_id, signatures.get(article_id), group) for article_id, group in found]
            for band, found in sharing.items()}


def sharing_queries(bands: set[tuple[int, int]]) -> Iterator[Select]:
    """The look-ups of `bands`, as "band = b AND band_hash IN (...)" terms ORed together: each term
    searches the (band, band_hash) index. A (band, band_hash) IN (pairs) scanned the whole table on
    SQLite (2 million rows at 100,000 articles, 0.2 s a query, three quarters of ingesting there)."""
    by_band: dict[int, list[int]] = defaultdict(list)
    for band, band_hash in sorted(bands):
        by_band[band].append(band_hash)
    terms, size = [], 0
    for band, hashes in by_band.items():
        for first in range(0, len(hashes), BAND_CHUNK):
            chunk = hashes[first:first + BAND_CHUNK]
            terms.append(and_(ArticleBand.band == band, ArticleBand.band_hash.in_(chunk)))
            size += len(chunk) + 1
            if size >= BAND_CHUNK:
                yield _sharing(terms)
                terms, size = [], 0
    if terms:
        yield _sharing(terms)


def _sharing(terms: list) -> Select:
    return (select(ArticleBand.band, ArticleBand.band_hash, Article.id, func.coalesce(Article.dup_group_id, Article.id))
            .join(Article, Article.id == ArticleBand.article_id).where(or_(*terms)))


def members(session: Session, group: int) -> list[Article]:
    """Every article of a group, the first one first."""
    query = select(Article).where(or_(Article.id == group, Article.dup_group_id == group)).order_by(Article.id)
    return list(session.scalars(query))


def similar_versions(session: Session, article: Article) -> list[Article]:
    """The other articles of this article's group, oldest first (none when it is alone)."""
    return [member for member in members(session, article.group_id) if member.id != article.id]


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
    has_bands = session.scalar(select(ArticleBand.article_id).where(ArticleBand.article_id == first.id).limit(1))
    if has_bands is None and first.dup_signature is not None:  # a near-identical copy stored none
        _insert_bands(session, [{"article_id": first.id, "band": band, "band_hash": value}
                                for band, value in band_hashes(first.dup_signature)])


def lead_group(session: Session, article: Article) -> None:
    """After an article comes back under its old id (logic/deleted.py): when it joined a group of newer
    articles, it is that group's first again (it was, until leave_group handed the name on at its
    delete): the group takes its id, and the copies that move get an index update."""
    group = article.dup_group_id
    if group is None or group < article.id:
        return
    for member in members(session, group):
        if member.id != article.id:
            member.dup_group_id = article.id
            Change.record(session, member.id, UPSERT)
    article.dup_group_id = None
