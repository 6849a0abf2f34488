"""export then import gives back the same archive: same articles, entities, dates and searches."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from archive import ROOT, db, services
from archive.logic.restore import import_articles
from archive.models import Article
from tests.conftest import make_app
from tests.databases import database_env, is_postgres
from tests.views.news import bbc_articles


def strip_ids(article: dict) -> dict:
    article = {k: v for k, v in article.items() if k not in ("id", "updated_at")}
    for key in ("actors", "places"):
        article[key] = [{k: v for k, v in e.items() if k != "id"} for e in article[key]]
    return article


def test_round_trip(seeded_app, tmp_path):
    source = seeded_app.test_client()
    path = tmp_path / "archive.jsonl"
    result = seeded_app.test_cli_runner().invoke(args=["archive", "export", str(path)])
    assert result.exit_code == 0 and "exported 1 articles" in result.output
    target_app = make_app(tmp_path / "restored")
    target = target_app.test_client()
    imported = target_app.test_cli_runner().invoke(args=["archive", "import", str(path)])
    assert imported.exit_code == 0 and "imported 1, skipped 0 as duplicates, failed 0" in imported.output
    again = target_app.test_cli_runner().invoke(args=["archive", "import", str(path)])
    assert "imported 0, skipped 1 as duplicates" in again.output
    for query in ("q=Kazakhstan", "q=Tokayev&sort=newest", "", "mentioned_from=2022-01-19&mentioned_to=2022-01-19"):
        before, after = source.get(f"/api/v1/search?{query}").get_json(), target.get(f"/api/v1/search?{query}").get_json()
        assert before["total"] == after["total"] >= 1
        assert [facet["label"] for facet in before["facets"]["actor"]["results"]] == \
            [facet["label"] for facet in after["facets"]["actor"]["results"]]
    old_id = source.get("/api/v1/search?q=Kazakhstan").get_json()["results"][0]["id"]
    new_id = target.get("/api/v1/search?q=Kazakhstan").get_json()["results"][0]["id"]
    old, new = source.get(f"/api/v1/articles/{old_id}").get_json(), target.get(f"/api/v1/articles/{new_id}").get_json()
    assert strip_ids(old) == strip_ids(new)
    target_app.extensions["archive.index"].close()


def test_broken_lines_fail_alone(app, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"body": "Fine text about Oslo.", "entities": [], "dates": []}\n{not json\n{"title": "no body"}\n')
    result = app.test_cli_runner().invoke(args=["archive", "import", str(path)])
    assert result.exit_code == 1
    assert "imported 1, skipped 0 as duplicates, failed 2" in result.output
    assert "line 2: not valid JSON: " in result.output and "line 3: body is required and must be text" in result.output


@pytest.fixture(scope="module")
def bbc_app(tmp_path_factory):
    """300 real BBC texts (297 distinct) ingested, and extracted by spaCy, through `archive ingest`."""
    folder = tmp_path_factory.mktemp("bbc")
    source = folder / "bbc.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in bbc_articles(300)), encoding="utf-8")
    app = make_app(folder / "data")
    result = app.test_cli_runner().invoke(args=["archive", "ingest", "--workers", "1", str(source)])
    assert result.exit_code == 0 and "failed 0" in result.output, result.output
    yield app
    app.extensions["archive.index"].close()


def export(app, path) -> list[dict]:
    result = app.test_cli_runner().invoke(args=["archive", "export", str(path)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_restore_leaves_no_drift_and_exports_the_same(bbc_app, tmp_path):
    first = export(bbc_app, tmp_path / "first.jsonl")
    count = len(first)
    assert count > 290 and sum(len(article["entities"]) for article in first) > 1000
    assert sum(len(article["dates"]) for article in first) > 100
    target = make_app(tmp_path / "restored")
    runner = target.test_cli_runner()
    imported = runner.invoke(args=["archive", "import", "--batch-size", "64", str(tmp_path / "first.jsonl")])
    assert imported.exit_code == 0 and f"imported {count}, skipped 0 as duplicates, failed 0" in imported.output
    check = runner.invoke(args=["archive", "check"])
    assert check.exit_code == 0 and "no drift" in check.output, check.output
    assert export(target, tmp_path / "second.jsonl") == first  # articles, entities, mentions, dates, times
    again = runner.invoke(args=["archive", "import", str(tmp_path / "first.jsonl")])
    assert again.exit_code == 0 and f"imported 0, skipped {count} as duplicates, failed 0" in again.output
    target.extensions["archive.index"].close()


def test_a_bad_extraction_fails_its_line_not_its_batch(app, tmp_path):
    good = {"body": "Fine text about Oslo.", "entities": [], "dates": []}
    no_mention = {"body": "Text about Bergen.", "entities": [{"kind": "place", "name": "Bergen", "key": "bergen",
                                                               "mentions": []}]}
    long_value = {"body": "Text dated today.", "dates": [{"text": "today", "value": "x" * 40, "start": 10, "end": 15}]}
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in (good, no_mention, long_value)))
    result = app.test_cli_runner().invoke(args=["archive", "import", str(path)])
    assert result.exit_code == 1
    assert "imported 1, skipped 0 as duplicates, failed 2" in result.output
    assert "line 2: an entity needs a list of one or more mentions" in result.output
    assert "line 3: value must be text of 1 to 32 characters" in result.output


def test_a_large_import_is_indexed_by_a_helper_process(bbc_app, tmp_path):
    first = export(bbc_app, tmp_path / "first.jsonl")
    target = make_app(tmp_path / "restored")
    with target.app_context(), (tmp_path / "first.jsonl").open(encoding="utf-8") as lines:
        session = db.new_session()
        summary = import_articles(session, services.index_store(), lines, batch_size=50, helper_from=50)
        session.close()
    assert summary.created == len(first) and summary.indexed_aside == len(first)  # all by the helper
    check = target.test_cli_runner().invoke(args=["archive", "check"])
    assert check.exit_code == 0 and "no drift" in check.output, check.output
    assert export(target, tmp_path / "second.jsonl") == first
    target.extensions["archive.index"].close()


@pytest.mark.skipif(not is_postgres(), reason="needs PostgreSQL (make test-postgres): SQLite stores a NUL in text")
def test_a_line_the_database_refuses_fails_alone(app, tmp_path):
    """PostgreSQL refuses a NUL in a mention's text: its batch is stored again line by line."""
    nul = {"body": "Text about Bergen.", "entities": [{"kind": "place", "name": "Bergen", "key": "bergen",
                                                       "mentions": [{"text": "Ber\x00gen", "start": 11, "end": 17}]}]}
    lines = ({"body": "Fine text about Oslo."}, nul, {"body": "More text about Oslo."})
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["archive", "import", str(path)])
    assert result.exit_code == 1 and "imported 2, skipped 0 as duplicates, failed 1" in result.output
    assert "line 2: the database refused it: DataError(" in result.output
    assert runner.invoke(args=["archive", "check"]).exit_code == 0


IMPORT = """
from archive import create_app, db, services
from archive.logic.restore import import_articles
import sys
app = create_app()
with app.app_context(), open(sys.argv[1], encoding="utf-8") as lines:
    import_articles(db.new_session(), services.index_store(), lines, batch_size=1, helper_from=20)
"""


def stored(app) -> int:
    with app.app_context():
        session = db.new_session()
        count = session.scalar(select(func.count()).select_from(Article))
        session.close()
    return count


def test_an_import_killed_halfway_resumes_into_a_consistent_archive(bbc_app, tmp_path):
    """The importing process and its index helper killed at once, mid-import (as by a crash): running
    the import again stores the rest, and the archive is as if it had never stopped."""
    first = export(bbc_app, tmp_path / "first.jsonl")
    target = make_app(tmp_path / "restored")
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(tmp_path / "restored"), **database_env(tmp_path / "restored")}
    process = subprocess.Popen([sys.executable, "-c", IMPORT, str(tmp_path / "first.jsonl")], cwd=ROOT, env=env,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while stored(target) < 60 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the helper too: it shares the session
    process.wait()
    before = stored(target)
    assert 60 <= before < len(first)  # killed halfway
    runner = target.test_cli_runner()
    again = runner.invoke(args=["archive", "import", str(tmp_path / "first.jsonl")])
    assert again.exit_code == 0, again.output
    assert f"imported {len(first) - before}, skipped {before} as duplicates, failed 0" in again.output
    check = runner.invoke(args=["archive", "check"])
    assert check.exit_code == 0 and "no drift" in check.output, check.output
    assert export(target, tmp_path / "second.jsonl") == first
    total = target.test_client().get("/api/v1/search?q=government").get_json()["total"]
    assert total == bbc_app.test_client().get("/api/v1/search?q=government").get_json()["total"] > 0
    target.extensions["archive.index"].close()
