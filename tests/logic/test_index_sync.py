"""The index follows the database through the change log: after a write, on catch-up, after a delete."""
from archive import db
from archive.index import IndexStore
from archive.index.sync import index_lag
from archive.ingest import validate
from archive.logic.delete import delete_article
from archive.logic.index_sync import catch_up, sync_index
from archive.logic.ingest import ingest_articles
from archive.models import Article

TEXTS = ["Storm closes the port of Rotterdam for a second day.", "Rail strike in Milan halts trains."]


def store_unindexed(app, session):
    return ingest_articles(session, app.extensions["archive.index"], [validate({"body": t}) for t in TEXTS],
                           app.config["SPACY_MODEL"], sync=False)


def test_catch_up_applies_what_was_committed_but_not_indexed(app):
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        sync_index(session, store)  # the index exists, in step with an empty database
        store_unindexed(app, session)
        assert index_lag(session, store) == 2 and store.doc_count() == 0
        assert catch_up(session, store) == 2
        assert index_lag(session, store) == 0 and store.doc_count() == 2
        assert catch_up(session, store) == 0  # in step: nothing to do
        session.close()


def test_sync_index_returns_how_many_changes_it_applied(app):
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        store_unindexed(app, session)
        assert sync_index(session, store) == 2 and sync_index(session, store) == 0
        session.close()


def test_delete_removes_the_article_from_database_and_index(app):
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        first, _second = (result.article for result in store_unindexed(app, session))
        sync_index(session, store)
        first_id = first.id
        delete_article(session, store, first)
        assert session.get(Article, first_id) is None
        assert index_lag(session, store) == 0 and store.doc_count() == 1
        session.close()



def test_catch_up_leaves_an_index_that_was_never_built_to_reindex(app, tmp_path):
    with app.app_context():
        session, empty = db.new_session(), IndexStore(tmp_path / "never-built")
        store_unindexed(app, session)
        assert catch_up(session, empty) == 0
        assert not empty.exists() and index_lag(session, empty) == 2
        session.close()


def test_catch_up_leaves_a_long_backlog_to_the_follower(app):
    """A node back after a day down serves its index as it is rather than applying the whole day
    before its first answer; the follower applies the backlog (archive/index/follow.py)."""
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        sync_index(session, store)
        store_unindexed(app, session)
        assert catch_up(session, store, limit=1) == 0
        assert index_lag(session, store) == 2 and store.doc_count() == 0
        assert catch_up(session, store, limit=2) == 2 and index_lag(session, store) == 0
        session.close()
