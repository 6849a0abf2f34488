"""Ingesting through logic/ingest.py with the real model: a batch of nothing valid stores nothing, copies
already stored and copies within the batch point at the one stored article, sync=False leaves the index."""
from sqlalchemy import func, select

from archive.errors import ValidationError
from archive.index.sync import index_lag
from archive.ingest import validate
from archive.logic.ingest import ingest_articles, ingest_batch
from archive.models import Article, Change

BODY = "Storm closes the port of Rotterdam on Monday."
OTHER = "Rail strike in Milan halts trains."


def test_a_batch_with_nothing_valid_stores_and_logs_nothing(app, db_session, index):
    outcomes = ingest_batch(db_session, index, [{"body": ""}, {"title": "no body"}, ["not", "an", "object"]],
                            app.config["MAX_ARTICLE_CHARS"], app.config["SPACY_MODEL"])
    assert [outcome.message for outcome in outcomes] == ["body is empty", "body is required and must be text",
                                                         "an article must be a JSON object"]
    assert all(isinstance(outcome, ValidationError) for outcome in outcomes)
    assert [db_session.scalar(select(func.count()).select_from(t)) for t in (Article, Change)] == [0, 0]


def test_copies_stored_before_and_within_the_batch_all_point_at_the_stored_article(app, db_session, index):
    model = app.config["SPACY_MODEL"]
    [stored] = ingest_articles(db_session, index, [validate({"body": BODY, "url": "https://example.com/a"})], model)
    results = ingest_articles(db_session, index, [
        validate({"body": OTHER}), validate({"body": "Changed text, same address.", "url": "https://example.com/a"}),
        validate({"body": OTHER, "url": "https://example.com/b"}), validate({"body": BODY})], model)
    assert [r.created for r in results] == [True, False, False, False]
    assert [r.article.id for r in results[1:]] == [stored.article.id, results[0].article.id, stored.article.id]
    assert db_session.scalar(select(func.count()).select_from(Article)) == 2 and index.doc_count() == 2


def test_sync_false_stores_and_logs_the_articles_and_leaves_the_index_behind(app, db_session, index):
    berlin = "Olaf Scholz met Emmanuel Macron in Berlin on Monday."
    results = ingest_articles(db_session, index, [validate({"body": berlin}), validate({"body": OTHER})],
                              app.config["SPACY_MODEL"], sync=False)
    assert all(r.created for r in results) and index_lag(db_session, index) == 2
    db_session.expire_all()
    assert [e.name for e in db_session.get(Article, results[0].article.id).entities_of("place")] == ["Berlin"]
