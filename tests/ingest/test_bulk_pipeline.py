"""Bulk ingestion with extraction processes, pipelined (the workers extract the next batch while
this process stores the current one): it stores exactly what one process stores."""
import json
from concurrent.futures import Future
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from archive import db, services
from archive.errors import ValidationError
from archive.extract import extract_many
from archive.ingest.files import RawItem
from archive.ingest.records import validate
from archive.logic.bulk import BulkIngest, PipelinedRunner, _Ahead, _to_extract
from archive.logic.pool import ExtractionPool, Pending
from archive.models import Article, ArticleBand, ArticleDate, Change, Mention
from tests.conftest import make_app

STORIES = json.loads((Path(__file__).parents[1] / "fixtures" / "near_duplicates.json").read_text())
CITIES = ["Lyon", "Bordeaux", "Nantes", "Lille", "Nice", "Toulouse", "Rennes", "Dijon", "Reims", "Brest", "Metz"]


def items() -> list[RawItem]:
    """Near-duplicate copies split across batches, an exact repeat, invalid items, plain articles."""
    rows = [{"body": f"Mayor Claire Martin opened a tram line in {city} on Monday, the council said.",
             "published_at": "2024-03-06", "source": "City Desk"} for city in CITIES]
    stories = [{"title": story["title"], "body": story["body"], "published_at": story["published_at"],
                "source": "Reuters"} for name, story in STORIES.items() if not name.startswith("_")]
    rows[2:2] = stories[:4]
    rows += [{"body": ""}, stories[4], rows[0], {"body": "Prices rose in Paris.", "published_at": "not a date"}]
    rows += stories[5:]
    return [RawItem(f"item {n}", row) for n, row in enumerate(rows)] + [RawItem("unreadable", None, "not JSON")]


def stored(app) -> dict:
    """Everything ingestion writes, keyed by the item's body (ids differ between archives)."""
    with app.app_context():
        session = db.new_session()
        articles = list(session.scalars(select(Article).order_by(Article.id)))
        body_of = {article.id: article.body for article in articles}
        rows = {}
        for article in articles:
            mentions = session.scalars(select(Mention).where(Mention.article_id == article.id).order_by(Mention.start))
            dates = session.scalars(select(ArticleDate).where(ArticleDate.article_id == article.id)
                                    .order_by(ArticleDate.start))
            bands = session.scalars(select(ArticleBand.band_hash).where(ArticleBand.article_id == article.id))
            rows[article.body] = {
                "title": article.title, "published_at": article.published_at,
                "group": body_of[article.dup_group_id] if article.dup_group_id else None,
                "signature": article.dup_signature, "bands": sorted(bands),
                "entities": sorted((link.entity.kind, link.entity.name, link.mention_count, link.first_start)
                                   for link in article.entity_links),
                "mentions": [(m.entity.name, m.text, m.start, m.end) for m in mentions],
                "dates": [(d.text, d.value, d.start, d.end) for d in dates],
                "changes": len(list(session.scalars(select(Change.seq).where(Change.article_id == article.id)))),
            }
        session.close()
        return rows


def ingest(app, workers: int):
    with app.app_context():
        return BulkIngest(batch_size=8, workers=workers).run_items(items())


@pytest.fixture
def other_app(tmp_path):
    other = make_app(tmp_path / "other")
    yield other
    other.extensions["archive.index"].close()
    other.extensions["archive.engine"].dispose()


def test_two_processes_store_what_one_process_stores(app, other_app, client):
    pipelined, alone = ingest(app, workers=2), ingest(other_app, workers=1)
    assert [(o.origin, o.status, o.reason) for o in pipelined.outcomes] == \
        [(o.origin, o.status, o.reason) for o in alone.outcomes]
    assert pipelined.count("created") == 19 and pipelined.count("duplicate") == 1 and pipelined.count("failed") == 3
    assert stored(app) == stored(other_app)
    groups = {body[:30]: row["group"][:30] for body, row in stored(app).items() if row["group"]}
    assert groups == {STORIES[name]["body"][:30]: STORIES[first]["body"][:30] for name, first in
                      [("noranda_copy", "noranda_first"), ("deak_copy", "deak_first"),
                       ("deak_second_copy", "deak_first")]}


def test_every_stored_article_is_searchable_when_the_run_returns(app, client):
    summary = ingest(app, workers=2)
    assert client.get("/api/v1/search?actor=Claire Martin").get_json()["total"] == len(CITIES)
    assert client.get("/api/v1/search?q=Noranda").get_json()["total"] >= 2
    assert client.get("/healthz").get_json()["articles"] == summary.count("created")


def valid_records(raw_items, max_chars):
    records = []
    for item in raw_items:
        try:
            records.append(validate(item.data, max_chars))
        except ValidationError:
            continue
    return records


def test_running_again_finds_only_duplicates_and_extracts_nothing(app):
    ingest(app, workers=2)
    with app.app_context():
        session = db.new_session()
        assert _to_extract(session, valid_records(items(), services.max_article_chars())) == []
        session.close()
    again = ingest(app, workers=2)
    assert again.count("created") == 0 and again.count("duplicate") == 20 and again.count("failed") == 3


def test_a_failed_advance_extraction_is_done_again_when_asked(app):
    item = ("Mayor Claire Martin opened a tram line in Lyon on Monday.", date(2024, 3, 6))
    other = ("Toyota raised its forecast in Tokyo.", None)
    died = Future()
    died.set_exception(RuntimeError("a worker died"))
    with app.app_context():
        ahead = _Ahead(ExtractionPool(services.model_name(), processes=1), [item], Pending([died]))
        assert ahead([item, other]) == extract_many([item, other], services.model_name())


def test_the_index_is_written_every_few_batches_not_after_each(app, client):
    store = app.extensions["archive.index"]
    before = store.open().latest_generation()
    with app.app_context():
        BulkIngest(batch_size=1, workers=2).run_items(items())  # 22 batches of 1 (the unreadable item is not claimed)
    assert (PipelinedRunner.index_every, PipelinedRunner.depth) == (16, 2)
    # After batch 16; then after each from batch 21, when claiming two batches ahead finds none left.
    assert store.open().latest_generation() - before == 3
    assert client.get("/api/v1/search?actor=Claire Martin").get_json()["total"] == len(CITIES)
