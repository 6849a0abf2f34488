"""Ingest texts into one real, throwaway archive and read back which stored entity each mention got.

This is the path an article takes in production (validate, extract, store through
archive.logic), so cross-document identity is what the archive's facets would show.
"""
from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from archive import create_app, migrate
from archive.db import new_session
from archive.extract import DEFAULT_MODEL
from archive.ingest.records import validate
from archive.logic.ingest import ingest_articles
from archive.models import Entity, Mention
from archive.services import index_store, model_name
from archive.settings import database_url


@dataclass(frozen=True)
class StoredMention:
    start: int
    end: int
    entity_id: int  # after admin merges (none here): the entity the facet shows
    kind: str       # person | organization | place


def stored_mentions(items: Sequence[tuple[str, str, date | None]],
                    model: str = DEFAULT_MODEL) -> list[list[StoredMention]]:
    """(body, title, published) -> the stored mentions of each article, in order, extracted with `model`."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"DATA_DIR": folder, "DATABASE_URL": None, "INDEX_FOLLOW_INTERVAL": 0,
                          "JOB_WORKER": "external", "SPACY_MODEL": model})
        migrate.upgrade(database_url(app.config))
        try:
            with app.app_context():
                return _ingest_and_read(items)
        finally:
            app.extensions["archive.index"].close()
            app.extensions["archive.engine"].dispose()


def _ingest_and_read(items: Sequence[tuple[str, str, date | None]]) -> list[list[StoredMention]]:
    session = new_session()
    try:
        records = [validate({"body": body, "title": title or None,
                             "published_at": published.isoformat() if published else None})
                   for body, title, published in items]
        assert all(r.body == body for r, (body, _t, _p) in zip(records, items)), "bodies must be stored as given"
        results = ingest_articles(session, index_store(), records, model_name())
        by_article: dict[int, list[StoredMention]] = {result.article.id: [] for result in results}
        query = (select(Mention.article_id, Mention.start, Mention.end, Entity.id, Entity.kind)
                 .join(Entity, Entity.id == Mention.entity_id).where(Mention.article_id.in_(list(by_article))))
        for article_id, start, end, entity_id, kind in session.execute(query):
            by_article[article_id].append(StoredMention(start, end, entity_id, kind))
        return [by_article[result.article.id] for result in results]
    finally:
        session.close()
