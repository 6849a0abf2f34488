"""`archive re-extract`: stored articles brought up to date, the index following, curation kept."""
from pathlib import Path

import pytest

from archive import db, services
from archive.extract import Extraction
from archive.ingest.records import validate
from archive.logic import reextract
from archive.logic.index_sync import sync_index
from archive.logic.writes import store_extracted

TEXTS = [
    "The Federal Reserve raised interest rates on Wednesday. Fed officials said inflation was still too high.",
    "Markets in New York fell after the Fed signalled more increases, according to Goldman Sachs.",
    "Prime Minister Jacinda Ardern visited Auckland on Monday. Ardern said the government would act.",
]


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=["archive", "re-extract", *args])


def stale(app) -> list[int]:
    """Articles stored by an import with an empty extraction, as an older, weaker extractor left them."""
    with app.app_context():
        session = db.session()
        stored = store_extracted(session, [validate({"body": text}) for text in TEXTS],
                                 [Extraction([], [], []) for _ in TEXTS])
        sync_index(session, services.index_store())
        return [result.article.id for result in stored]


def actors(client, article_id) -> set[str]:
    return {a["name"] for a in client.get(f"/api/v1/articles/{article_id}").get_json()["actors"]}


def hits(client, name) -> int:
    data = client.get("/api/v1/search", query_string={"actor": name}).get_json()
    return data["total"]


def test_re_extract_all_fills_entities_and_the_index_follows(app, client):
    ids = stale(app)
    assert actors(client, ids[2]) == set() and hits(client, "Jacinda Ardern") == 0
    result = invoke(app, "--all")
    assert result.exit_code == 0, result.output
    assert "re-extracted 3 articles" in result.output and "Re-extracting" in result.output
    assert "Jacinda Ardern" in actors(client, ids[2])
    assert hits(client, "Jacinda Ardern") == 1  # the search index followed through the change log


def test_re_extract_ids_touches_only_those(app, client):
    ids = stale(app)
    assert invoke(app, "--ids", f"{ids[0]},{ids[2]}").exit_code == 0
    assert actors(client, ids[0]) and actors(client, ids[2]) and not actors(client, ids[1])


def test_re_extract_since_a_later_day_touches_nothing(app, client):
    ids = stale(app)
    result = invoke(app, "--since", "2999-01-01")
    assert result.exit_code == 0 and "re-extracted 0 articles" in result.output
    assert not actors(client, ids[0])


def test_merges_renames_and_rejects_win_over_re_extraction(app, client, auth):
    ids = [client.post("/api/v1/articles", headers=auth, json={"body": body}).get_json()["id"] for body in TEXTS]
    names = {a["name"]: a["id"] for i in ids for a in client.get(f"/api/v1/articles/{i}").get_json()["actors"]}
    client.post(f"/api/v1/entities/{names['Fed']}/merge", headers=auth, json={"into": names["Federal Reserve"]})
    client.post(f"/api/v1/entities/{names['Jacinda Ardern']}/rename", headers=auth,
                json={"name": "Jacinda Kate Ardern"})
    client.post(f"/api/v1/entities/{names['Goldman Sachs']}/reject", headers=auth)
    assert invoke(app, "--all").exit_code == 0
    assert actors(client, ids[0]) == actors(client, ids[1]) - {"Goldman Sachs"} == {"Federal Reserve"}
    assert "Goldman Sachs" not in actors(client, ids[1])
    assert actors(client, ids[2]) == {"Jacinda Kate Ardern"}
    assert hits(client, str(names["Federal Reserve"])) == 2


def test_a_killed_run_resumes_after_the_last_finished_batch(app, client):
    ids = stale(app)
    done = []

    def killed_after_first_batch(count):
        done.append(count)
        raise KeyboardInterrupt

    with app.app_context(), pytest.raises(KeyboardInterrupt):
        session = db.session()
        state = Path(app.config["DATA_DIR"]) / reextract.STATE_FILE
        selection = reextract.Selection(all=True)
        reextract.re_extract(session, services.index_store(), reextract.article_ids(session, selection),
                             services.model_name(), state, selection, batch=1, progress=killed_after_first_batch)
    assert actors(client, ids[0]) and not actors(client, ids[1])
    result = invoke(app, "--all")
    assert result.exit_code == 0, result.output
    assert f"resuming after article {ids[0]}" in result.output and "re-extracted 2 articles" in result.output
    assert all(actors(client, i) for i in ids)
    assert invoke(app, "--all").output.count("resuming") == 0  # a finished run leaves no state behind


@pytest.mark.parametrize("args", [[], ["--all", "--ids", "1"], ["--ids", "x"], ["--ids", ","],
                                  ["--since", "yesterday"], ["--batch-size", "0", "--all"]])
def test_bad_choices_are_refused_with_a_message(app, args):
    result = invoke(app, *args)
    assert result.exit_code == 2 and "Error" in result.output
