"""The import's index helper: whole writers while the import stores, what is left in one writer at the end."""
import multiprocessing

from archive import db
from archive.index import helper
from archive.index.sync import index_lag
from archive.ingest import validate
from archive.logic.ingest import ingest_articles

BODIES = ["Rail strike in Milan halts trains.", "Storm closes the port of Rotterdam.",
          "Wheat exports from Canada rose in March.", "Floods cut roads north of Lyon.",
          "Ferry service to Bergen resumes after storm."]


def test_once_stopping_what_is_left_is_written_by_one_writer(app, monkeypatch):
    """Asked to stop, the helper applies all that is left in one commit (one writer over both cores),
    not in writers of PER_WRITER: each more segment costs a share per distinct term."""
    monkeypatch.setattr(helper, "PER_WRITER", 2)
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        records = [validate({"body": body}) for body in BODIES]
        ingest_articles(session, store, records, app.config["SPACY_MODEL"], sync=False)
        before = store.open().latest_generation()
        stop, applied = multiprocessing.Event(), multiprocessing.Value("q", 0)
        stop.set()
        url = session.get_bind().url.render_as_string(hide_password=False)
        helper.follow_changes(url, store.path, stop, applied, 0)
        store.close()
        assert applied.value == len(BODIES) and index_lag(session, store) == 0
        assert store.open().latest_generation() == before + 1
        assert store.doc_count() == len(BODIES)
        session.close()
