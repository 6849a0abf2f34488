"""Undated articles and excluded facet values (issue 18, items 1 and 9), on real BBC articles: some
with a publication date, some without (as the BBC files come)."""
import html
import re

import pytest

from tests.conftest import make_app
from tests.views.news import bbc_articles, post_batch

DATED, UNDATED = 12, 6


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("timeline") / "data")
    client = app.test_client()
    records = bbc_articles(DATED + UNDATED)
    for record in records[DATED:]:
        del record["published_at"]
    ids = post_batch(client, records)
    client.undated_ids = set(ids[DATED:])
    yield client
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


def search(client, query: str) -> dict:
    response = client.get("/api/v1/search?" + query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def links(page: str) -> dict[str, str]:
    return {html.unescape(re.sub(r"<[^>]+>", "", text)).strip(): html.unescape(href)
            for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', page)}


def test_the_published_facet_counts_undated_articles_as_a_last_value(news):
    facet = search(news, "q=*")["facets"]["published"]["results"]
    assert facet[-1] == {"value": "none", "label": "Undated", "count": UNDATED, "selected": False}
    assert sum(item["count"] for item in facet) == DATED + UNDATED


def test_published_none_keeps_only_the_undated_articles(news):
    data = search(news, "q=*&published=none&per_page=50")
    assert data["total"] == UNDATED
    assert {hit["id"] for hit in data["results"]} == news.undated_ids
    assert all(hit["published_at"] is None for hit in data["results"])
    assert data["facets"]["published"]["results"][-1]["selected"] is True


def test_undated_articles_come_last_newest_first(news):
    hits = search(news, "q=*&sort=newest&per_page=50")["results"]
    assert [hit["published_at"] is None for hit in hits] == [False] * DATED + [True] * UNDATED


@pytest.mark.parametrize("query, message", [
    ("published=none&published_from=2005", "cannot be combined"),
    ("published=never", "published must be one of none"),
])
def test_a_bad_undated_filter_is_a_400(news, query, message):
    response = news.get("/api/v1/search?" + query)
    assert response.status_code == 400
    assert message in response.get_json()["error"]["message"]
    assert response.get_json()["error"]["field"] == "published"


def test_the_search_page_links_to_the_undated_articles_and_labels_them(news):
    page = news.get("/").get_data(as_text=True)
    assert f"{UNDATED} articles without a publication date" in page
    undated = news.get(links(page)["Undated"]).get_data(as_text=True)
    assert f"{UNDATED} articles" in undated and "Published: undated" in undated
    assert undated.count('<span class="undated">Undated</span>') == UNDATED


def test_an_entity_page_counts_and_links_its_undated_articles(news):
    actor = search(news, "q=*&published=none&facet_size=1")["facets"]["actor"]["results"][0]
    page = news.get(f"/actors/{actor['value']}").get_data(as_text=True)
    assert "without a publication date" in page
    filtered = news.get(links(page)["Undated"]).get_data(as_text=True)
    assert f"{actor['count']} article" in filtered and "undated" in filtered


def test_not_actor_excludes_the_articles_of_an_actor(news):
    everything = search(news, "q=*&facet_size=1")
    actor = everything["facets"]["actor"]["results"][0]
    left = search(news, f"q=*&not_actor={actor['value']}&per_page=50")
    assert left["total"] == everything["total"] - actor["count"]
    assert actor["value"] not in {item["value"] for item in left["facets"]["actor"]["results"]}
    with_actor = {hit["id"] for hit in search(news, f"q=*&actor={actor['value']}&per_page=50")["results"]}
    assert not with_actor & {hit["id"] for hit in left["results"]}


def test_not_source_excludes_by_value(news):
    left = search(news, "q=*&not_source=BBC+business&not_source=BBC+sport")
    assert {item["value"] for item in left["facets"]["source"]["results"]} == {"BBC politics", "BBC tech",
                                                                               "BBC entertainment"}


def test_an_exclusion_is_a_chip_that_can_be_removed(news):
    actor = search(news, "q=*&facet_size=1")["facets"]["actor"]["results"][0]
    page = news.get("/").get_data(as_text=True)
    exclude = re.search(r'href="([^"]+)" aria-label="Exclude ' + re.escape(html.escape(actor["label"])) + '"', page)
    assert html.unescape(exclude.group(1)) == f"/?not_actor={actor['value']}"
    excluded = news.get(html.unescape(exclude.group(1))).get_data(as_text=True)
    assert f"Actor: not {actor['label']}" in excluded
    remove = re.search(r'href="([^"]+)" aria-label="Remove filter Actor: not', excluded).group(1)
    assert html.unescape(remove) == "/"
