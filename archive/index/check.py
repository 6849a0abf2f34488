"""Compare the index with the database (the truth) and repair any drift.

Three kinds of drift: articles missing from the index, stale documents (older
than the row's `updated_at`, a different title, or the same id twice) and
orphaned documents (ids the database does not have). Both sides are read while
holding the index writer lock, so no index write lands halfway through.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.index.store import IndexStore
from archive.index.sync import BATCH, index_lag, load_documents
from archive.models import Article


@dataclass
class DriftReport:
    """What `archive check` found; ids are sorted."""
    articles: int = 0
    indexed: int = 0
    lag: int = 0
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.orphaned)

    def text(self) -> str:
        lines = [f"{self.articles} articles, {self.indexed} index documents, index lag {self.lag}"]
        for name in ("missing", "stale", "orphaned"):
            ids = getattr(self, name)
            if ids:
                shown = ", ".join(map(str, ids[:20])) + (" ..." if len(ids) > 20 else "")
                lines.append(f"{name}: {len(ids)} ({shown})")
        lines.append("no drift" if self.clean else "drift found")
        return "\n".join(lines)


def find_drift(session: Session, store: IndexStore) -> DriftReport:
    """Compare every article row with its index document."""
    with store.write_lock():
        documents = _index_documents(store)
        rows = session.execute(select(Article.id, Article.title, Article.updated_at, Article.ingested_at)).all()
        lag = index_lag(session, store)
    report = DriftReport(articles=len(rows), indexed=sum(len(docs) for docs in documents.values()), lag=lag)
    for article_id, title, updated_at, ingested_at in rows:
        docs = documents.pop(article_id, None)
        if docs is None:
            report.missing.append(article_id)
        elif len(docs) > 1 or _is_stale(docs[0], title, updated_at or ingested_at):
            report.stale.append(article_id)
    report.orphaned = sorted(documents)
    report.missing.sort()
    report.stale.sort()
    return report


def _index_documents(store: IndexStore) -> dict[int, list[dict]]:
    documents: dict[int, list[dict]] = {}
    for stored in store.searcher().all_stored_fields():
        documents.setdefault(int(stored["id"]), []).append(stored)
    return documents


def _is_stale(stored: dict, title: str, updated_at: datetime | None) -> bool:
    if stored.get("title") != title or "updated" not in stored:
        return True
    return updated_at is not None and datetime.fromisoformat(stored["updated"]) < updated_at


def repair(session: Session, store: IndexStore, report: DriftReport) -> DriftReport:
    """Re-index missing and stale articles, delete orphans; returns a fresh report."""
    with store.write_lock():
        upserts = report.missing + report.stale
        with store.writer() as writer:
            for start in range(0, len(upserts), BATCH):
                for doc in load_documents(session, upserts[start:start + BATCH]).values():
                    writer.update_document(**doc)
            for article_id in report.orphaned:
                writer.delete_by_term("id", str(article_id))
    return find_drift(session, store)
