"""Near-duplicates end to end: a real Reuters re-send is one search hit with "1 similar version"."""
import json
from pathlib import Path

import pytest

STORIES = json.loads((Path(__file__).parents[1] / "fixtures" / "near_duplicates.json").read_text())


def article(name):
    story = STORIES[name]
    return {"title": story["title"], "body": story["body"], "published_at": story["published_at"],
            "source": "Reuters"}


@pytest.fixture
def noranda(client, auth):
    """NEWID 12683 and its re-send 12692, and 12926: another story about the same mine fire."""
    ids = {}
    for name in ("noranda_first", "noranda_copy", "noranda_other"):
        response = client.post("/api/v1/articles", json=article(name), headers=auth)
        assert response.status_code == 201, response.get_json()
        ids[name] = response.get_json()["id"]
    return ids


def hits(client, q="miners"):
    data = client.get(f"/api/v1/search?q={q}").get_json()
    return data, {hit["id"]: hit for hit in data["results"]}


def test_copies_are_one_hit_with_similar_count(client, noranda):
    data, by_id = hits(client)
    assert data["total"] == 3 and data["groups"] == 2 and len(by_id) == 2  # total counts every article
    copies = {noranda["noranda_first"], noranda["noranda_copy"]}
    [shown] = copies & set(by_id)
    assert by_id[shown]["similar_count"] == 1 and by_id[shown]["dup_group"] == noranda["noranda_first"]
    other = by_id[noranda["noranda_other"]]
    assert other["similar_count"] == 0 and other["dup_group"] is None  # same topic, different story
    page = client.get("/?q=miners").get_data(as_text=True)
    assert "1 similar version<" in page and f'href="/articles/{shown}#similar"' in page
    article_page = client.get(f"/articles/{shown}").get_data(as_text=True)
    [hidden] = copies - {shown}
    assert 'id="similar"' in article_page and f'href="/articles/{hidden}"' in article_page


def test_exact_duplicate_is_still_refused(client, auth, noranda):
    again = client.post("/api/v1/articles", json=article("noranda_first"), headers=auth)
    assert again.status_code == 200 and again.get_json()["duplicate"] is True
    assert again.get_json()["id"] == noranda["noranda_first"]


def test_deleting_the_first_copy_leaves_the_other_alone_and_findable(client, auth, noranda):
    assert client.delete(f"/api/v1/articles/{noranda['noranda_first']}", headers=auth).status_code == 204
    data, by_id = hits(client)
    assert data["total"] == 2 and set(by_id) == {noranda["noranda_copy"], noranda["noranda_other"]}
    assert by_id[noranda["noranda_copy"]]["similar_count"] == 0 and by_id[noranda["noranda_copy"]]["dup_group"] is None
    assert 'id="similar"' not in client.get(f"/articles/{noranda['noranda_copy']}").get_data(as_text=True)


def test_groups_survive_a_reindex(app, client, noranda):
    result = app.test_cli_runner().invoke(args=["archive", "reindex"])
    assert result.exit_code == 0, result.output
    data, by_id = hits(client)
    assert data["total"] == 3 and len(by_id) == 2
    assert sorted(hit["similar_count"] for hit in by_id.values()) == [0, 1]
