"""Actor and place pages page through all their articles, newest first, under the search page's
filters (issue 18, item 10), on an archive of real BBC articles."""
import html
import re

import pytest

from tests.conftest import make_app
from tests.views.news import bbc_articles, post_batch


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("entity-paging") / "data")
    client = app.test_client()
    post_batch(client, bbc_articles(40))
    yield client
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


def busiest(client, facet: str) -> tuple[str, int]:
    """The actor or place in most articles, and how many."""
    top = client.get("/api/v1/search?q=*&facet_size=1&per_page=1").get_json()["facets"][facet]["results"][0]
    return top["value"], top["count"]


def listed(page: str) -> list[int]:
    section = page.split('id="articles"')[1].split("</ul>")[0]
    return [int(n) for n in re.findall(r'href="/articles/(\d+)"', section)]


def next_link(page: str) -> str | None:
    found = re.search(r'<a href="([^"]+)" rel="next">', page)
    return html.unescape(found.group(1)) if found else None


def walk(client, url: str) -> tuple[list[int], list[str]]:
    """Follow the Next links from `url`: every article listed, and the pages' URLs."""
    ids, urls = [], []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        ids += listed(page)
        urls.append(url)
        url = next_link(page)
    return ids, urls


def search_ids(client, query: str) -> list[int]:
    found = client.get(f"/api/v1/search?{query}&sort=newest&per_page=100").get_json()
    return [hit["id"] for hit in found["results"]]


@pytest.mark.parametrize("facet,path", [("actor", "actors"), ("place", "places")])
def test_an_entity_page_pages_through_all_its_articles_newest_first(news, facet, path):
    entity_id, count = busiest(news, facet)
    assert count >= 5
    ids, urls = walk(news, f"/{path}/{entity_id}?per_page=2")
    assert len(urls) == -(-count // 2) and len(ids) == count == len(set(ids))
    assert ids == search_ids(news, f"{facet}={entity_id}")  # the search's newest first
    assert urls[1] == f"/{path}/{entity_id}?per_page=2&page=2"


def test_an_entity_page_takes_the_search_filters_and_keeps_them_while_paging(news):
    place, _count = busiest(news, "place")
    filters = "published_from=2005-03&published_to=2005-09&source=BBC+politics&source=BBC+business"
    wanted = search_ids(news, f"place={place}&{filters}")
    assert 2 < len(wanted) < _count
    ids, urls = walk(news, f"/places/{place}?{filters}&per_page=2")
    assert ids == wanted
    assert all("published_from=2005-03" in url and "source=BBC+politics" in url for url in urls)
    page = news.get(urls[0]).get_data(as_text=True)
    assert "Source: BBC politics" in page and f'<a href="/places/{place}">show all</a>' in page


def test_an_entity_page_refuses_a_bad_filter_with_a_readable_400(news):
    place, _count = busiest(news, "place")
    response = news.get(f"/places/{place}?published_from=yesterday")
    assert response.status_code == 400 and "published_from must be a date" in response.get_data(as_text=True)
    assert news.get(f"/places/{place}?page=0").status_code == 400
