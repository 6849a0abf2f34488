"""Wire stories ingested into a real archive: the dateline feeds the place extraction, and a
corrected version of a story (same guid, newer version) updates the stored article, its entities
and the search index, while an older or equal version is a duplicate."""
import io
import shutil
from pathlib import Path

from archive import db
from archive.models import Article
from archive.logic.backup import export_articles, read_record
from tests.conftest import ADMIN_TOKEN
from tests.views.test_admin import log_in_admin, run_jobs, upload

WIRE = Path(__file__).parent / "fixtures" / "wire"
AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def _ingest(app, *paths: Path):
    return app.test_cli_runner().invoke(args=["archive", "ingest", *map(str, paths), "--workers", "1"])


def _search(client, query: str) -> list[dict]:
    return client.get("/api/v1/search", query_string={"q": query}).get_json()["results"]


def _article(client, hit: dict) -> dict:
    return client.get(f"/api/v1/articles/{hit['id']}").get_json()


def test_wire_files_are_ingested_with_their_metadata(app, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("story.nitf.xml", "stories.ninjs.jsonl", "feed.json"):
        shutil.copy(WIRE / name, folder / name)
    result = _ingest(app, folder)
    assert result.exit_code == 0, result.output
    assert "ingested 5, skipped 0 as duplicates, failed 0" in result.output
    client = app.test_client()
    [hit] = _search(client, "ferry crossings")
    strike = _article(client, hit)
    assert (strike["author"], strike["published_at"]) == ("Alice Marsh", "2022-01-06T09:30:00Z")
    assert strike["body"].startswith("DOVER, Jan 6 (Reuters) - Dock workers")
    assert "Dover" in {place["name"] for place in strike["places"]}  # read from the dateline
    [hit] = _search(client, "stone bridge")
    bridge = _article(client, hit)
    assert (bridge["source"], bridge["url"]) == ("Valley Gazette", "https://gazette.example.org/2022/01/10/bridge")
    assert len(_search(client, "orchards OR growers")) == 2


def test_a_corrected_version_updates_the_stored_article(app):
    client = app.test_client()
    assert _ingest(app, WIRE / "item-v1.xml").exit_code == 0
    [first] = _search(client, "maritime museum")
    assert _search(client, "astrolabes") == []

    result = _ingest(app, WIRE / "item-v2.xml")
    assert result.exit_code == 0 and "ingested 1, skipped 0 as duplicates" in result.output, result.output
    [hit] = _search(client, "astrolabes")  # the index follows the change log
    assert hit["id"] == first["id"]
    article = _article(client, hit)
    assert article["title"] == "Fire damages maritime museum, astrolabes saved"
    assert "saving the collection of astrolabes" in article["body"]
    assert "Carlos Moedas" in {actor["name"] for actor in article["actors"]}  # extracted again from the new text
    assert len(_search(client, "maritime museum")) == 1

    result = _ingest(app, WIRE / "item-v1.xml", WIRE / "item-v2.xml")  # older and equal versions
    assert "ingested 0, skipped 2 as duplicates" in result.output, result.output
    assert _article(client, hit)["title"] == "Fire damages maritime museum, astrolabes saved"


def test_the_api_takes_guid_and_version(client):
    story = {"body": "The ferry to the island was cancelled because of the storm.", "guid": "urn:example:ferry",
             "version": 1}
    created = client.post("/api/v1/articles", json=story, headers=AUTH)
    assert created.status_code == 201
    same = client.post("/api/v1/articles", json=story, headers=AUTH)
    assert same.status_code == 200 and same.get_json()["duplicate"] is True
    newer = {**story, "body": "The ferry to the island was cancelled again on Monday.", "version": 2}
    updated = client.post("/api/v1/articles", json=newer, headers=AUTH)
    assert updated.status_code == 200 and updated.get_json()["updated"] is True
    assert updated.get_json()["id"] == created.get_json()["id"]
    assert updated.get_json()["body"] == newer["body"]
    batch = client.post("/api/v1/articles/batch", headers=AUTH, json={"articles": [
        {**story, "body": "A third text for the ferry story.", "version": 3}, {**story, "version": "x"}]})
    assert [r["status"] for r in batch.get_json()["results"]] == ["updated", "failed"]
    assert batch.get_json()["results"][1]["error"]["message"] == "version must be a whole number from 0 to 2147483647"


def test_an_export_keeps_the_story_guid_and_version(app):
    assert _ingest(app, WIRE / "item-v2.xml").exit_code == 0
    with app.app_context():
        session = db.new_session()
        out = io.StringIO()
        assert export_articles(session, out) == 1
        session.close()
    record, _extraction = read_record(out.getvalue())
    assert (record.guid, record.version) == ("urn:newsml:wire.example.com:20220112:museum-fire", 2)
    assert record.version_created.isoformat() == "2022-01-12T18:30:00"


def test_the_admin_upload_reads_wire_documents(app, client):
    admin = log_in_admin(app, client)
    files = [(io.BytesIO((WIRE / "story.nitf.xml").read_bytes()), "wire.xml"),
             (io.BytesIO((WIRE / "stories.ninjs.json").read_bytes()), "wire.json"),
             (io.BytesIO((WIRE / "bomb.xml").read_bytes()), "bomb.xml")]
    report = upload(admin, files)  # the upload is queued as a job; its report shows each item
    run_jobs(app)
    html = admin.get(report).get_data(as_text=True)
    assert '<dd id="job-created">2</dd>' in html  # the NITF story and the ninjs text item
    assert '<dd id="job-failed">2</dd>' in html  # the ninjs picture, skipped; the entity bomb, refused
    assert "skipped: a ninjs picture item, not a text story" in html
    assert "refused (entity expansion is not allowed)" in html


def test_of_several_versions_in_one_batch_the_newest_wins(client):
    def version(number: int) -> dict:
        return {"body": f"Version {number} of the harbour story.", "guid": "urn:example:harbour", "version": number}

    def post(*numbers: int) -> list[dict]:
        response = client.post("/api/v1/articles/batch", headers=AUTH,
                               json={"articles": [version(number) for number in numbers]})
        return response.get_json()["results"]

    first = post(1, 3, 2)  # a new story: only its newest version is stored
    assert [r["status"] for r in first] == ["duplicate", "created", "duplicate"]
    assert len({r["id"] for r in first}) == 1
    assert client.get(f"/api/v1/articles/{first[0]['id']}").get_json()["body"] == "Version 3 of the harbour story."
    later = post(4, 5, 2)  # a stored story: updated to its newest version, the others are duplicates
    assert [r["status"] for r in later] == ["duplicate", "updated", "duplicate"]
    assert client.get(f"/api/v1/articles/{first[0]['id']}").get_json()["body"] == "Version 5 of the harbour story."


def test_a_correction_whose_text_is_another_stored_article_is_a_duplicate_of_it(client):
    other = client.post("/api/v1/articles", headers=AUTH, json={
        "body": "The bridge over the river reopened to traffic on Friday after repairs.",
        "url": "https://example.com/bridge"}).get_json()
    story = {"body": "The ferry to the island was cancelled because of the storm.", "guid": "urn:example:ferry",
             "version": 1}
    first = client.post("/api/v1/articles", json=story, headers=AUTH).get_json()
    same_body = client.post("/api/v1/articles", headers=AUTH, json={**story, "version": 2, "body": other["body"]})
    assert same_body.status_code == 200, same_body.get_json()
    assert same_body.get_json()["duplicate"] is True and same_body.get_json()["id"] == other["id"]
    same_url = client.post("/api/v1/articles", headers=AUTH, json={
        **story, "version": 3, "body": "The ferry runs again.", "url": "https://example.com/bridge"})
    assert same_url.status_code == 200 and same_url.get_json()["id"] == other["id"]
    assert client.get(f"/api/v1/articles/{first['id']}").get_json()["body"] == story["body"]  # untouched


def _group(app, article_id: int) -> int:
    with app.app_context():
        session = db.new_session()
        group = session.get(Article, article_id).group_id
        session.close()
    return group


def test_a_correction_joins_the_near_duplicate_group_of_its_new_text(app, client):
    text = ("Shares in the carmaker rose sharply on Tuesday after it reported record quarterly profits, "
            "beating analysts' forecasts as demand for its electric models grew in Europe and China. "
            "The company said it would raise its dividend and buy back shares worth two billion euros. "
            "Its chief executive told reporters that new factories in Spain and Hungary would open next year, "
            "and that the firm expected sales of its smaller cars to double by the end of the decade.")
    original = client.post("/api/v1/articles", headers=AUTH, json={"body": text}).get_json()
    story = {"body": "The ferry to the island was cancelled because of the storm on the coast.",
             "guid": "urn:example:ferry", "version": 1}
    first = client.post("/api/v1/articles", json=story, headers=AUTH).get_json()
    assert _group(app, first["id"]) == first["id"]  # alone
    corrected = {**story, "version": 2, "body": text + " Its shares closed up nine per cent."}
    assert client.post("/api/v1/articles", headers=AUTH, json=corrected).get_json()["updated"] is True
    assert _group(app, first["id"]) == original["id"]
