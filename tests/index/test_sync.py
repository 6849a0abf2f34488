"""The index follows the database through the change log, and can always catch up."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from whoosh.fields import NUMERIC
from whoosh.filedb.filestore import FileStorage
from whoosh.query import Term

from archive import db
from archive.index import sidecar, sync
from archive.index.check import find_drift
from archive.index.schema import article_document, build_schema
from archive.index.sync import apply_changes, index_lag, load_documents, rebuild
from archive.ingest import validate
from archive.logic.delete import delete_article
from archive.logic.ingest import ingest_article, ingest_articles
from archive.models import Article, ArticleEntity, Change
from archive.models.change import UPSERT


def test_a_failed_index_write_is_applied_later(app, client, auth):
    store = app.extensions["archive.index"]
    # Break the index folder for real: a file where the folder should be.
    store.close()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("not an index")
    response = client.post("/api/v1/articles", json={"body": "Storm closes the port of Rotterdam."}, headers=auth)
    assert response.status_code == 201  # the database holds the article
    with app.app_context():
        session = db.new_session()
        assert index_lag(session, store) == 1
        session.close()
    store.path.unlink()
    # The next search applies the pending change first.
    assert client.get("/api/v1/search?q=Rotterdam").get_json()["total"] == 1
    assert client.get("/healthz").get_json()["index_lag"] == 0


def test_applying_twice_is_harmless(app):
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        record = validate({"body": "Rail strike in Milan halts trains."})
        ingest_article(session, store, record, app.config["SPACY_MODEL"])
        store.set_applied_seq(0)  # as if the process died before recording progress
        assert index_lag(session, store) == 1
        assert apply_changes(session, store) == 1
        assert store.doc_count() == 1 and index_lag(session, store) == 0
        assert Change.last_seq(session) == 1
        session.close()


def test_documents_from_plain_rows_equal_those_from_articles(seeded_app):
    with seeded_app.app_context():
        session = db.new_session()
        articles = list(session.scalars(select(Article).options(
            selectinload(Article.entity_links).joinedload(ArticleEntity.entity), selectinload(Article.dates))))
        assert any(a.entity_links for a in articles) and any(a.dates for a in articles)
        documents = load_documents(session, [a.id for a in articles] + [10**9])
        assert documents == {a.id: article_document(a) for a in articles}
        session.close()


def test_a_parallel_rebuild_gives_every_segment_a_sidecar(app):
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        for body in ("Rail strike in Milan halts trains.", "Storm closes the port of Rotterdam.",
                     "Wheat exports from Canada rose in March."):
            ingest_article(session, store, validate({"body": body}), app.config["SPACY_MODEL"])
        before = sorted(doc["id"] for doc in store.searcher().all_stored_fields())
        assert rebuild(session, store, procs=2) == 3
        leaves = store.searcher().reader().leaf_readers()
        assert leaves and all(sidecar.for_leaf(leaf) is not None for leaf, _offset in leaves)
        assert sorted(doc["id"] for doc in store.searcher().all_stored_fields()) == before
        assert client_total(app, "Rotterdam") == 1
        session.close()


def client_total(app, q: str) -> int:
    return app.test_client().get(f"/api/v1/search?q={q}").get_json()["total"]


def test_an_index_whose_field_changed_kind_is_rebuilt_from_the_change_log(app):
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        ingest_article(session, store, validate({"body": "Rail strike in Milan halts trains."}),
                       app.config["SPACY_MODEL"])
        store.close()
        # An index written when `newest` was a searchable NUMERIC field (before it became a SortKey).
        old = build_schema()
        old.remove("newest")
        old.add("newest", NUMERIC(bits=64, signed=True, sortable=True))
        FileStorage(str(store.path)).create_index(old)
        assert store.doc_count() == 0  # opened: recreated empty, with the whole change log to apply
        assert not store.open().schema["newest"].indexed
        assert index_lag(session, store) == 1
        assert apply_changes(session, store) == 1
        assert store.searcher().search(Term("body", "milan")).scored_length() == 1
        session.close()


def test_pending_changes_are_applied_by_one_writer_each_article_once(app, monkeypatch):
    monkeypatch.setattr(sync, "BATCH", 1)  # articles read from the database one at a time
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        records = [validate({"body": body}) for body in ("Rail strike in Milan halts trains.",
                                                          "Storm closes the port of Rotterdam.")]
        first, second = ingest_articles(session, store, records, app.config["SPACY_MODEL"], sync=False)
        for title in ("Milan strike, day two", "Milan strike ends"):  # changed twice after it was stored
            session.get(Article, first.article.id).title = title
            Change.record(session, first.article.id, UPSERT)
            session.commit()
        before = store.open().latest_generation()
        assert apply_changes(session, store) == 4
        assert store.open().latest_generation() == before + 1  # one commit, one segment
        searcher = store.searcher()
        assert sorted(fields["title"] for fields in searcher.all_stored_fields()) == \
            sorted(["Milan strike ends", second.article.title])
        session.close()


def _stored_unindexed(app, session, bodies: list[str]) -> list[Article]:
    records = [validate({"body": body}) for body in bodies]
    results = ingest_articles(session, app.extensions["archive.index"], records, app.config["SPACY_MODEL"], sync=False)
    return [result.article for result in results]


BODIES = ["Rail strike in Milan halts trains.", "Storm closes the port of Rotterdam.",
          "Wheat exports from Canada rose in March.", "Floods cut roads north of Lyon.",
          "Ferry service to Bergen resumes after storm."]


def test_only_whole_writers_are_applied_when_asked(app, monkeypatch):
    """The import's helper writes full segments only; what is left waits for the next call."""
    monkeypatch.setattr(sync, "COMMIT_CHANGES", 2)
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        _stored_unindexed(app, session, BODIES)
        before = store.open().latest_generation()
        assert apply_changes(session, store, whole_only=True) == 4
        assert store.open().latest_generation() == before + 2  # two writers of two
        assert index_lag(session, store) == 1 and store.doc_count() == 4
        assert apply_changes(session, store, whole_only=True) == 0
        assert apply_changes(session, store) == 1
        assert index_lag(session, store) == 0 and store.doc_count() == 5
        session.close()


def test_new_changed_and_deleted_articles_in_one_writer_applied_twice(app):
    """New articles are added without looking for a document to replace; replaying the same changes
    (a process killed after the index commit, before recording progress) adds none twice."""
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        kept, changed, deleted = _stored_unindexed(app, session, BODIES[:3])
        assert apply_changes(session, store) == 3
        session.get(Article, changed.id).title = "Rotterdam port reopens"
        Change.record(session, changed.id, UPSERT)
        session.commit()
        delete_article(session, store, session.get(Article, deleted.id))
        new = _stored_unindexed(app, session, BODIES[3:])
        for _replay in range(2):
            store.set_applied_seq(3)  # the changes after the first three, once more
            assert apply_changes(session, store) == 4
            titles = sorted(fields["title"] for fields in store.searcher().all_stored_fields())
            assert titles == sorted([kept.title, "Rotterdam port reopens", *(article.title for article in new)])
            assert find_drift(session, store).clean
        session.close()


def test_writers_of_a_given_size(app):
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        _stored_unindexed(app, session, BODIES)
        before = store.open().latest_generation()
        assert apply_changes(session, store, whole_only=True, per_writer=3) == 3
        assert apply_changes(session, store, per_writer=3) == 2
        assert store.open().latest_generation() == before + 2 and store.doc_count() == 5
        session.close()
