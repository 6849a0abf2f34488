"""Search hits are read as plain rows (search/rows.py): the same values the ORM Article gives."""
import json
from pathlib import Path

import pytest

from archive import db
from archive.logic.near_duplicates import similar_counts
from archive.models import Article
from archive.models.entity import ACTOR_KINDS
from archive.search.rows import load_articles
from archive.views.serializers import entity_brief
from tests.views.news import bbc_articles, post_batch

STORIES = json.loads((Path(__file__).parents[1] / "fixtures" / "near_duplicates.json").read_text())
KINDS = (ACTOR_KINDS, ("place",), ("person",), ("organization",), ("person", "organization", "place"))


@pytest.fixture
def archive_ids(client, auth):
    """Twelve BBC articles, and a Reuters story with its re-send and another story on the same topic."""
    ids = post_batch(client, bbc_articles(12))
    for name in ("noranda_first", "noranda_copy", "noranda_other"):
        story = STORIES[name]
        record = {"title": story["title"], "body": story["body"], "published_at": story["published_at"],
                  "source": "Reuters"}
        response = client.post("/api/v1/articles", json=record, headers=auth)
        assert response.status_code == 201, response.get_json()
        ids.append(response.get_json()["id"])
    return ids


def test_rows_have_the_article_columns_and_entities_in_the_same_order(app, archive_ids):
    with app.app_context():
        session = db.session()
        rows = load_articles(session, [*archive_ids, 10**9])
        assert sorted(rows) == sorted(archive_ids)  # an id without an article is left out
        linked = 0
        for article_id in archive_ids:
            article, row = Article.by_id(session, article_id), rows[article_id]
            assert (row.id, row.title, row.url, row.source, row.published_at, row.body, row.dup_group_id) == \
                (article.id, article.title, article.url, article.source, article.published_at, article.body,
                 article.dup_group_id)
            for kinds in KINDS:
                expected = [entity_brief(e) for e in article.entities_of(*kinds)]
                assert [entity_brief(e) for e in row.entities_of(*kinds)] == expected
                assert [(e.id, e.name, e.kind) for e in row.entities_of(*kinds)] == \
                    [(e.id, e.name, e.kind) for e in article.entities_of(*kinds)]
            linked += len(row.links)
        assert linked > len(archive_ids)  # the articles do have entities to compare


def test_similar_count_is_the_other_versions_of_the_group(app, archive_ids):
    first, copy, other = archive_ids[-3:]
    with app.app_context():
        session = db.session()
        rows = load_articles(session, archive_ids)
        assert rows[copy].dup_group_id == first
        assert (rows[first].similar_count, rows[copy].similar_count, rows[other].similar_count) == (1, 1, 0)
        groups = {i: rows[i].dup_group_id or i for i in archive_ids}
        counts = similar_counts(session, groups.values())
        assert {i: rows[i].similar_count for i in archive_ids} == {i: counts[groups[i]] for i in archive_ids}


def test_no_ids_no_query(app):
    with app.app_context():
        assert load_articles(db.session(), []) == {}


def test_search_hits_serialise_as_their_orm_articles(app, client, archive_ids):
    data = client.get("/api/v1/search?per_page=50").get_json()
    assert len(data["results"]) == len(archive_ids) - 1  # the re-send is folded into its group's hit
    with app.app_context():
        session = db.session()
        for hit in data["results"]:
            article = Article.by_id(session, hit["id"])
            assert (hit["title"], hit["url"], hit["source"]) == (article.title, article.url, article.source)
            assert hit["published_at"] == article.published_at.isoformat() + "Z"
            assert hit["actors"] == [entity_brief(e) for e in article.entities_of(*ACTOR_KINDS)]
            assert hit["places"] == [entity_brief(e) for e in article.entities_of("place")]
