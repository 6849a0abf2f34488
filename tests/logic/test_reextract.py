"""Choosing the articles to re-extract and resuming a killed run (logic/reextract.py), on a real database."""
from datetime import timedelta

from sqlalchemy import update

from archive import db
from archive.ingest import validate
from archive.logic.ingest import ingest_articles
from archive.logic.reextract import Selection, article_ids, re_extract, resume_after, save_state
from archive.models import Article, ArticleDate, Change, Mention
from archive.models.base import utcnow

TEXTS = ["Storm closes the port of Rotterdam.", "Rail strike in Milan halts trains.",
         "Floods reach the centre of Porto.", "Snow shuts the airport in Oslo."]


def test_a_selection_picks_all_recent_or_given_articles_after_a_point(app):
    with app.app_context():
        session = db.new_session()
        ids = [r.article.id for r in ingest_articles(session, app.extensions["archive.index"],
                                                     [validate({"body": t}) for t in TEXTS], app.config["SPACY_MODEL"])]
        session.execute(update(Article).where(Article.id.in_(ids[:2])).values(ingested_at=utcnow() - timedelta(days=30)))
        session.commit()
        assert article_ids(session, Selection(all=True)) == ids
        assert article_ids(session, Selection(all=True), after=ids[1]) == ids[2:]
        since = (utcnow() - timedelta(days=1)).date().isoformat()
        assert article_ids(session, Selection(since=since)) == ids[2:]
        assert article_ids(session, Selection(ids=(ids[3], ids[0]))) == [ids[0], ids[3]]
        session.close()


def test_a_run_resumes_only_for_the_same_selection(tmp_path):
    state = tmp_path / "re-extract.json"
    assert resume_after(state, Selection(all=True)) == 0  # no state yet
    save_state(state, Selection(ids=(4, 9)), 4)
    assert resume_after(state, Selection(ids=(4, 9))) == 4
    assert resume_after(state, Selection(all=True)) == 0
    assert not state.with_suffix(".tmp").exists()
    state.write_text("{not json")
    assert resume_after(state, Selection(ids=(4, 9))) == 0


def test_re_extract_replaces_the_spans_in_batches_through_the_change_log(app, tmp_path):
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        ids = [r.article.id for r in ingest_articles(session, store, [validate({"body": t}) for t in TEXTS],
                                                     app.config["SPACY_MODEL"])]
        before = ({(m.article_id, m.text, m.start) for m in session.query(Mention)},
                  {(d.article_id, d.value) for d in session.query(ArticleDate)})
        changes = session.query(Change).count()
        state, done = tmp_path / "re-extract.json", []
        assert re_extract(session, store, ids, app.config["SPACY_MODEL"], state, Selection(all=True), batch=3,
                          progress=done.append) == 4
        assert done == [3, 1] and not state.exists()  # the state file goes once the run is complete
        after = ({(m.article_id, m.text, m.start) for m in session.query(Mention)},
                 {(d.article_id, d.value) for d in session.query(ArticleDate)})
        assert after == before  # the same rules find the same spans, written afresh
        assert session.query(Change).count() == changes + 4
        session.close()
