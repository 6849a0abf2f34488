"""export then import gives back the same archive: same articles, entities, dates and searches."""
from tests.conftest import make_app


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
