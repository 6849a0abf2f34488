"""Importing exported lines (logic/restore.py): bad lines fail alone with their line number, blank
lines are skipped, articles already present are counted as duplicates, progress counts lines."""
import io

from archive import db
from archive.ingest import validate
from archive.logic.backup import export_articles
from archive.logic.ingest import ingest_articles
from archive.logic.restore import import_articles
from archive.models import Article
from tests.conftest import make_app

TEXTS = ["Storm closes the port of Rotterdam.", "Rail strike in Milan halts trains."]


def exported(app) -> list[str]:
    with app.app_context():
        session = db.new_session()
        ingest_articles(session, app.extensions["archive.index"], [validate({"body": t}) for t in TEXTS],
                        app.config["SPACY_MODEL"])
        out = io.StringIO()
        assert export_articles(session, out) == 2
        session.close()
    return out.getvalue().splitlines()


def test_bad_lines_fail_alone_and_the_rest_is_imported(app, tmp_path):
    first, second = exported(app)
    target = make_app(tmp_path / "target")
    with target.app_context():
        session, store = db.new_session(), target.extensions["archive.index"]
        read = []
        summary = import_articles(session, store, [first, "", "{not json", '{"title": "no body"}', second, first],
                                  batch_size=2, progress=read.append)
        assert (summary.created, summary.duplicates) == (2, 1)
        assert [failure.split(":")[0] for failure in summary.failures] == ["line 3", "line 4"]
        assert "not valid JSON" in summary.failures[0]
        assert summary.text() == "imported 2, skipped 1 as duplicates, failed 2"
        assert read == [2, 2, 2]
        assert session.query(Article).count() == 2 and store.doc_count() == 2
        session.close()
    target.extensions["archive.index"].close()
