"""Near-duplicate groups through export and import (logic/backup.py, near_duplicates.keep_groups): a line
carries the article's signature and its group's first, and an import keeps them instead of computing them."""
import base64
import io
import json

from sqlalchemy import func, select

from archive import db
from archive.ingest.similarity import SIGNATURE_BYTES
from archive.logic.backup import export_articles
from archive.logic.restore import import_articles
from archive.models import Article, ArticleBand
from tests.conftest import make_app
from tests.logic.test_near_duplicates import ingest

NAMES = ["noranda_first", "deak_first", "noranda_copy", "deak_copy", "noranda_other"]


def exported(app) -> list[dict]:
    with app.app_context():
        session = db.new_session()
        out = io.StringIO()
        export_articles(session, out)
        session.close()
    return [json.loads(line) for line in out.getvalue().splitlines()]


def imported(app, lines: list[dict], batch_size: int = 2):
    with app.app_context():
        session = db.new_session()
        summary = import_articles(session, app.extensions["archive.index"], [json.dumps(line) for line in lines],
                                  batch_size=batch_size)
        groups = [article.dup_group_id for article in session.scalars(select(Article).order_by(Article.id))]
        bands = session.scalar(select(func.count()).select_from(ArticleBand))
        session.close()
    return summary, groups, bands


def source_lines(app) -> list[dict]:
    with app.app_context():
        session = db.new_session()
        ingest(session, *NAMES)
        session.close()
    return exported(app)


def test_an_import_keeps_the_exported_groups_without_computing_them(app, tmp_path):
    lines = source_lines(app)
    first, copy = lines[NAMES.index("noranda_first")], lines[NAMES.index("noranda_copy")]
    with app.app_context():
        hashes = dict(db.new_session().execute(select(Article.id, Article.content_hash)).all())
    assert copy["near_duplicate_of"] == hashes[1] and "near_duplicate_of" not in first
    assert all(len(base64.b64decode(line["dup_signature"])) == SIGNATURE_BYTES for line in lines)
    # At a threshold no copy reaches, computing would leave every article alone: the groups come from the lines.
    target = make_app(tmp_path / "target", NEAR_DUPLICATE_THRESHOLD=1.0)
    summary, groups, bands = imported(target, lines)
    assert summary.created == 5 and not summary.failures
    assert groups == [None, None, 1, 2, None]
    assert bands == 5 * 20  # every article's bands, for later ingests to find them
    assert exported(target) == lines


def test_an_export_without_groups_is_grouped_as_at_ingest(app, tmp_path):
    """An export written before lines carried groups (no dup_signature, no near_duplicate_of)."""
    lines = [{key: value for key, value in line.items() if key not in ("dup_signature", "near_duplicate_of")}
             for line in source_lines(app)]
    summary, groups, bands = imported(make_app(tmp_path / "target"), lines)
    # As at ingest, the near-identical copy (deak_copy, 0.95 similar to its first) stores no bands.
    assert summary.created == 5 and groups == [None, None, 1, 2, None] and bands == 4 * 20


def test_a_resumed_import_finds_firsts_stored_before_and_a_copy_without_its_first_stays_alone(app, tmp_path):
    """An import run again after a crash: the first copies were stored by the first run (duplicates now)."""
    lines = source_lines(app)
    target = make_app(tmp_path / "target", NEAR_DUPLICATE_THRESHOLD=1.0)  # no group but the lines' own
    imported(target, lines[:2])
    summary, groups, _bands = imported(target, lines)
    assert (summary.created, summary.duplicates) == (3, 2)
    assert groups == [None, None, 1, 2, None]
    alone = make_app(tmp_path / "alone")
    assert imported(alone, [lines[NAMES.index("noranda_copy")]])[1] == [None]  # its first is not in the file


def test_into_an_empty_archive_a_first_stays_alone_and_into_another_it_is_matched(app, tmp_path):
    """A line the export has first or alone is matched against nothing when the archive was empty (the
    export's groups are the truth), and against the archive's articles as at ingest when it was not."""
    lines = source_lines(app)
    first, copy = lines[NAMES.index("noranda_first")], lines[NAMES.index("noranda_copy")]
    del copy["near_duplicate_of"]
    assert imported(make_app(tmp_path / "empty"), [first, copy])[1] == [None, None]
    other = make_app(tmp_path / "other")
    imported(other, [lines[NAMES.index("deak_first")]])
    assert imported(other, [first, copy])[1] == [None, None, 2]


def test_a_bad_signature_fails_its_line_alone(app, tmp_path):
    lines = source_lines(app)
    lines[1]["dup_signature"] = base64.b64encode(b"short").decode()
    lines[2]["dup_signature"] = "not base64!"
    summary, groups, _bands = imported(make_app(tmp_path / "target"), lines)
    assert [failure.split(":")[0] for failure in summary.failures] == ["line 2", "line 3"]
    assert "dup_signature" in summary.failures[0] and summary.created == 3
