"""Re-run extraction on stored articles (`archive re-extract`), keeping what admins decided.

Each batch is one transaction: the articles' links, mentions and dates are replaced by a
fresh extraction, resolved to entities exactly as ingest does (names an admin marked "not an
entity" are skipped, names of merged entities land on the survivor, renamed entities keep
their new names), and a change-log row per article lets the index follow. A small state
file in the data folder records the selection and the last article done, so a run that was
killed resumes after it.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from archive.extract import extract_many
from archive.index import IndexStore
from archive.logic.curated import without_rejected
from archive.logic.identity import resolve
from archive.logic.index_sync import sync_index
from archive.logic.writes import write_spans
from archive.models import Article, ArticleDate, ArticleEntity, Change, Mention
from archive.models.change import UPSERT, lock_change_log

BATCH = 50
STATE_FILE = "re-extract.json"


@dataclass(frozen=True)
class Selection:
    """Which articles: all of them, those stored since a day, or given ids."""
    all: bool = False
    since: str | None = None  # ISO date: articles ingested on or after it
    ids: tuple[int, ...] = ()

    def query(self, after: int):
        query = select(Article.id).where(Article.id > after).order_by(Article.id)
        if self.since:
            query = query.where(Article.ingested_at >= datetime.fromisoformat(self.since))
        if self.ids:
            query = query.where(Article.id.in_(self.ids))
        return query


def article_ids(session: Session, selection: Selection, after: int = 0) -> list[int]:
    return list(session.scalars(selection.query(after)))


def re_extract(session: Session, store: IndexStore, ids: list[int], model: str, state: Path, selection: Selection,
               batch: int = BATCH, progress: Callable[[int], None] = lambda n: None) -> int:
    """Re-extract the articles `ids` (ascending) batch by batch; returns how many were done."""
    done = 0
    for first in range(0, len(ids), batch):
        chunk = ids[first:first + batch]
        re_extract_batch(session, store, chunk, model)
        save_state(state, selection, chunk[-1])
        done += len(chunk)
        progress(len(chunk))
    state.unlink(missing_ok=True)
    return done


def re_extract_batch(session: Session, store: IndexStore, ids: list[int], model: str) -> None:
    articles = list(session.scalars(select(Article).where(Article.id.in_(ids)).order_by(Article.id)))
    days = [a.published_at.date() if a.published_at else None for a in articles]
    extractions = extract_many([(a.body, day) for a, day in zip(articles, days, strict=True)], model)
    lock_change_log(session)
    extractions = without_rejected(session, extractions)
    found = [a.id for a in articles]
    for model_class in (Mention, ArticleEntity, ArticleDate):
        session.execute(delete(model_class).where(model_class.article_id.in_(found)))
    with session.no_autoflush:
        entities = resolve(session, extractions, days)
    session.flush()
    write_spans(session, articles, extractions, entities)
    Change.record_many(session, found, UPSERT)
    session.commit()
    session.expire_all()
    sync_index(session, store)


def save_state(path: Path, selection: Selection, last_id: int) -> None:
    """Written to a temporary file and renamed: a kill never leaves half a state file."""
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps({"selection": asdict(selection), "last_id": last_id}), encoding="utf-8")
    partial.replace(path)


def resume_after(path: Path, selection: Selection) -> int:
    """The last article a killed run of the same selection finished (0: start from the beginning)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    try:
        saved = data["selection"]
        same = Selection(bool(saved["all"]), saved["since"], tuple(saved["ids"])) == selection
        return int(data["last_id"]) if same else 0
    except (KeyError, TypeError, ValueError):
        return 0
