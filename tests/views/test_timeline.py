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


def test_a_period_marks_the_months_within_it_selected(news):
    """Every facet's months are listed whatever the period (each facet counts without its own
    filter); the months inside published_from..published_to are the selected ones."""
    listed = search(news, "q=*")["facets"]["published"]["results"]
    months = [item["value"] for item in listed if item["value"] != "none"]
    low, high = months[0], months[len(months) // 2]
    facet = search(news, f"q=*&published_from={low}&published_to={high}")["facets"]["published"]["results"]
    assert {item["value"] for item in facet if item["selected"]} == {m for m in months if low <= m <= high}
    assert facet[-1]["value"] == "none" and not facet[-1]["selected"]


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


def bar_links(page: str) -> dict[str, str]:
    """Chart bar label -> the URL it leads to."""
    return {label: html.unescape(href) for href, label in re.findall(r'<a href="([^"]*)" aria-label="([^":]+): \d+ art', page)}


def test_a_long_span_is_drawn_a_bar_a_year_to_the_last_article(client, auth):
    for day in ("1987-02-10", "2004-06-01", "2022-01-19"):
        response = client.post("/api/v1/articles", headers=auth, json={
            "title": f"Harbour report {day}", "body": f"The harbour of Valletta reopened on {day}.", "published_at": day})
        assert response.status_code == 201
    page = client.get("/").get_data(as_text=True)
    bars = bar_links(page)
    assert list(bars)[0] == "1987" and list(bars)[-1] == "2022" and len(bars) == 36
    assert "a bar a year from 1987 to 2022" in page
    axis = re.findall(r'<text x="[\d.]+%" [^>]*class="axis"[^>]*>(\d{4})</text>', page)
    assert axis[0] == "1987" and "2000" in axis and axis[-1] == "2022"
    # Narrowing to a year draws its months.
    year = client.get(bars["2022"]).get_data(as_text=True)
    assert list(bar_links(year)) == [f"{month} 2022" for month in
                                     ("January", "February", "March", "April", "May", "June", "July", "August",
                                      "September", "October", "November", "December")]


def test_two_bars_choose_the_months_between(news):
    page = news.get("/").get_data(as_text=True)
    first = bar_links(page)["February 2005"]
    assert first == "/?published_from=2005-02-01&published_to=2005-02-28"
    chosen = news.get(first).get_data(as_text=True)
    second = bar_links(chosen)["May 2005"]
    assert second == "/?published_from=2005-02-01&published_to=2005-05-31"
    ranged = news.get(second).get_data(as_text=True)
    assert "Published: 2005-02-01 – 2005-05-31" in ranged
    assert search(news, "published_from=2005-02-01&published_to=2005-05-31")["total"] == 4
    assert f"{4} articles" in ranged
    assert ranged.count('class="bar selected"') == 4


def test_the_period_form_keeps_the_rest_of_the_search(news):
    page = news.get("/?q=*&source=BBC+tech&published_from=2005-02").get_data(as_text=True)
    form = page.split('<form class="period"')[1].split("</form>")[0]
    assert re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form) == [("q", "*"), ("source", "BBC tech")]
    assert 'id="published_from" name="published_from" type="date" value="2005-02-01"' in form
    assert '<label for="published_to">to</label>' in form


def test_an_entity_page_has_the_period_form_and_ranges_of_bars(news):
    actors = search(news, "q=*&published_from=2005&facet_size=50")["facets"]["actor"]["results"]
    pages = ((f"/actors/{actor['value']}", news.get(f"/actors/{actor['value']}").get_data(as_text=True))
             for actor in actors if actor["count"] > 1)
    path, page = next((path, page) for path, page in pages if len(bar_links(page)) > 1)
    form = page.split('<form class="period"')[1].split("</form>")[0]
    assert f'action="{path}"' in form and 'name="published_to" type="date"' in form
    assert "type=\"hidden\"" not in form  # the actor is in the path, newest first is the default
    bars = bar_links(page)
    first_month, *_, last_month = bars
    chosen = news.get(bars[first_month]).get_data(as_text=True)
    ranged = bar_links(chosen)[last_month]
    assert ranged.startswith(path + "?published_from=") and "published_to=" in ranged
    assert news.get(ranged).get_data(as_text=True).count('class="bar selected"') == len(bars)
