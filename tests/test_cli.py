"""The flask archive commands, through Flask's CLI runner on a real data folder."""
import json
from pathlib import Path

from whoosh.fields import NUMERIC
from whoosh.filedb.filestore import FileStorage

from archive.index.schema import build_schema
from tests.conftest import copy_seed

BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "bbc" / "business"


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=["archive", *args])


def test_ingest_formats_with_summary_and_exit_status(app, client, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text("Mayor Anne Hidalgo opened a new bridge in Paris on Tuesday.")
    (folder / "one.json").write_text(json.dumps({"title": "Bridge opens", "published_at": "2024-06-05",
                                                 "source": "City Desk"}))
    (folder / "two.json").write_text(json.dumps({"body": "Toyota raised its forecast in Tokyo.",
                                                 "published_at": "2024-06-01"}))
    (folder / "more.jsonl").write_text(
        json.dumps({"body": "Fire crews in Lisbon contained a blaze."}) + "\n"
        + "{oops\n"
        + json.dumps({"body": ""}) + "\n"
        + json.dumps({"body": "Toyota raised its forecast in Tokyo."}) + "\n")
    result = invoke(app, "ingest", str(folder))
    assert result.exit_code == 1
    assert "ingested 3, skipped 1 as duplicates, failed 2" in result.output
    assert "more.jsonl:2: not valid JSON" in result.output
    assert "more.jsonl:3: body is empty" in result.output
    bridge = client.get("/api/v1/search?q=bridge").get_json()["results"][0]
    assert bridge["title"] == "Bridge opens" and bridge["source"] == "City Desk"
    assert bridge["published_at"].startswith("2024-06-05")
    assert "Anne Hidalgo" in {a["name"] for a in bridge["actors"]}


def test_all_good_exits_zero_and_running_twice_creates_nothing(app, client, tmp_path):
    folder = copy_seed(tmp_path / "seeds")
    first = invoke(app, "ingest", str(folder))
    assert first.exit_code == 0 and "ingested 1, skipped 0 as duplicates, failed 0" in first.output
    second = invoke(app, "ingest", str(folder))
    assert second.exit_code == 0 and "ingested 0, skipped 1 as duplicates, failed 0" in second.output
    assert client.get("/healthz").get_json()["articles"] == 1


def test_seed_is_idempotent(app, client):
    assert "ingested 1" in invoke(app, "seed").output
    assert "skipped 1 as duplicates" in invoke(app, "seed").output
    assert client.get("/api/v1/search?q=Kazakhstan").get_json()["total"] == 1


def test_reindex_rebuilds_from_the_database(app, client, tmp_path):
    invoke(app, "seed")
    store = app.extensions["archive.index"]
    store.close()
    import shutil
    shutil.rmtree(store.path)
    assert client.get("/healthz").get_json()["indexed"] == 0
    result = invoke(app, "reindex")
    assert result.exit_code == 0 and "reindexed 1 articles" in result.output
    assert client.get("/api/v1/search?q=Tokayev").get_json()["total"] == 1
    assert client.get("/healthz").get_json()["status"] == "ok"


def test_missing_path_is_an_error(app):
    result = invoke(app, "ingest", "/no/such/path")
    assert result.exit_code == 2 and "does not exist" in result.output


def test_bulk_ingest_with_two_extraction_processes(app, client, tmp_path):
    cities = ["Lyon", "Bordeaux", "Nantes", "Lille", "Nice", "Toulouse", "Rennes", "Dijon", "Reims", "Brest"]
    lines = [json.dumps({"body": f"Mayor Claire Martin opened a tram line in {city} on Monday.",
                         "published_at": "2024-03-06"}) for city in cities]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines))
    result = invoke(app, "ingest", "--workers", "2", "--batch-size", "10", str(tmp_path / "batch.jsonl"))
    assert result.exit_code == 0 and "ingested 10, skipped 0 as duplicates, failed 0" in result.output
    found = client.get("/api/v1/search?actor=Claire Martin").get_json()
    assert found["total"] == 10
    assert {p["label"] for p in found["facets"]["place"]["results"]} >= {"Lyon", "Brest"}
    assert "2024-03-04" in {d["value"] for d in client.get(f"/api/v1/articles/{found['results'][0]['id']}")
                            .get_json()["dates"]}


def test_migrate_rebuilds_an_index_written_by_an_older_schema(app, client):
    invoke(app, "seed")
    store = app.extensions["archive.index"]
    assert "rebuilding" not in invoke(app, "migrate").output  # in step: left alone
    store.close()
    old = build_schema()
    old.remove("dup_group")
    old.add("dup_group", NUMERIC(bits=64, stored=True, sortable=True))  # its kind before it became a SortKey
    FileStorage(str(store.path)).create_index(old)
    assert store.outdated()
    result = invoke(app, "migrate")
    assert result.exit_code == 0 and "written by an older schema" in result.output
    assert "reindexed 1 articles" in result.output and not store.outdated()
    assert client.get("/api/v1/search?q=Tokayev").get_json()["total"] == 1
    assert client.get("/healthz").get_json()["index_lag"] == 0


def test_ingest_source_names_the_source_of_text_files_without_a_sidecar(app, client, tmp_path):
    bbc = tmp_path / "bbc"
    bbc.mkdir()
    (bbc / "001.txt").write_bytes((BBC / "001.txt").read_bytes())
    (bbc / "002.txt").write_text("Oslo airport shut\n\nSnow shut the airport in Oslo on Monday.")
    (bbc / "002.json").write_text(json.dumps({"source": "Oslo Times"}))
    result = invoke(app, "ingest", "--source", "BBC", str(bbc))
    assert result.exit_code == 0 and "ingested 2" in result.output
    [hit] = client.get("/api/v1/search?q=TimeWarner").get_json()["results"]
    assert (hit["title"], hit["source"]) == ("Ad sales boost Time Warner profit", "BBC")
    assert "Ad sales boost" not in hit["snippet"]
    [oslo] = client.get("/api/v1/search?q=Oslo").get_json()["results"]
    assert (oslo["title"], oslo["source"]) == ("Oslo airport shut", "Oslo Times")
    page = client.get("/?q=TimeWarner").get_data(as_text=True)
    assert "Unknown source" not in page and "BBC" in page
