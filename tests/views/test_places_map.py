"""The search page's map of places (issue 18, item 17), on real BBC articles: a point per place with
coordinates, sized by its matching articles, linking to the search narrowed to it."""
import html
import math
import re

import pytest

from archive import db
from archive.extract.gazetteer import shipped_country_points
from archive.models import Entity
from archive.views.places_map import MAX_RADIUS, MIN_RADIUS
from tests.conftest import ADMIN_TOKEN, make_app
from tests.views.news import bbc_articles, post_batch

POINT = re.compile(r'<a href="([^"]+)" aria-label="([^"]+) — (\d+) articles?"( aria-current="true")? tabindex="-1">'
                   r'<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"')


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("places_map") / "data")
    client = app.test_client()
    post_batch(client, bbc_articles(20))
    yield client
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


def page(client, query: str) -> str:
    response = client.get("/?" + query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def points(page_html: str) -> list[dict]:
    section = page_html[page_html.index('<section class="places-map"'):]
    return [{"url": html.unescape(url), "name": html.unescape(name), "count": int(count), "selected": bool(current),
             "x": float(x), "y": float(y), "r": float(r)}
            for url, name, count, current, x, y, r in POINT.findall(section[:section.index("</svg>")])]


def places(client, query: str) -> dict[str, dict]:
    """Every place of the search's articles by name (the API's place facet, all of it), with its coordinates."""
    facet = client.get(f"/api/v1/search?{query}&facet_size=100").get_json()["facets"]["place"]
    assert not facet["truncated"]
    found = {}
    with client.application.app_context():
        for item in facet["results"]:
            entity = Entity.by_id(db.session(), int(item["value"]))
            found[item["label"]] = {**item, "lat": entity.lat, "lon": entity.lon, "country": entity.country_code}
    return found


def facet_links(page_html: str) -> dict[str, str]:
    section = page_html[page_html.index('id="facet-place"'):]
    section = section[:section.index("</section>")]
    found = re.findall(r'<a href="([^"]+)">([^<]+)</a>', section)
    return {html.unescape(name): html.unescape(url) for url, name in found}


def test_a_point_per_place_with_coordinates_sized_by_its_articles(news):
    drawn = points(page(news, "q=*&sort=newest&source=BBC+politics&source=BBC+business"))
    known = places(news, "q=*&source=BBC+politics&source=BBC+business")
    with_points = {name for name, place in known.items() if place["lat"] is not None}
    assert len(drawn) >= 5 and with_points <= {point["name"] for point in drawn}
    assert [p["count"] for p in drawn] == sorted((p["count"] for p in drawn), reverse=True)  # biggest first
    top = drawn[0]["count"]
    for point in drawn:
        place = known[point["name"]]
        assert point["count"] == place["count"]  # every matching article counted, not just a page of them
        assert point["r"] == pytest.approx(max(MIN_RADIUS, MAX_RADIUS * math.sqrt(point["count"] / top)), abs=.01)
        if place["lat"] is not None:  # x = longitude, y = -latitude, as on the place pages
            assert (point["x"], point["y"]) == pytest.approx((place["lon"], -place["lat"]), abs=.01)
        # The search narrowed to the place, every other parameter kept: the place facet's own link.
        assert point["url"] == f"/?q=%2A&source=BBC+politics&source=BBC+business&sort=newest&place={place['value']}"
    links = facet_links(page(news, "q=*&sort=newest&source=BBC+politics&source=BBC+business"))
    assert all(links[point["name"]] == point["url"] for point in drawn if point["name"] in links)
    assert drawn[-1]["r"] >= MIN_RADIUS


def test_the_chosen_place_is_marked_and_its_point_unchooses_it(news):
    first = points(page(news, "q=*"))[0]
    value = re.search(r"place=(\d+)", first["url"]).group(1)
    drawn = {p["name"]: p for p in points(page(news, f"q=*&place={value}"))}
    assert drawn[first["name"]]["selected"] and drawn[first["name"]]["url"] == "/?q=%2A"
    assert not any(p["selected"] for name, p in drawn.items() if name != first["name"])


def test_a_place_without_coordinates_is_not_drawn_but_counted(news):
    known = places(news, "q=*")
    nowhere = sorted(name for name, place in known.items() if place["lat"] is None and not place["country"])
    assert nowhere  # BBC texts name places no gazetteer knows ("Downing Street" and the like)
    text = page(news, "q=*")
    drawn = {point["name"] for point in points(text)}
    assert not drawn & set(nowhere)
    assert f"{len(known) - len(drawn)} more places not drawn (without coordinates)." in text
    assert len(drawn) == len(known) - len(nowhere)  # a place known by its country alone is drawn at the country


def test_the_map_draws_the_places_named_most_and_says_how_many_more(news):
    known = places(news, "q=*")
    news.application.config["MAP_PLACES"] = 4
    try:
        text = page(news, "q=*")
    finally:
        news.application.config["MAP_PLACES"] = 200
    drawn = points(text)
    assert len(drawn) <= 4
    most = sorted(place["count"] for place in known.values())[-4:]
    assert min(p["count"] for p in drawn) >= most[0]
    assert (f"{len(known) - len(drawn)} more places not drawn (named by fewer articles, or without coordinates)."
            in text)
    table = text[text.index("Places on the map as a list"):]
    assert table[:table.index("</table>")].count("<a href") == len(drawn)  # the keyboard's list of the same links


def test_the_map_is_shown_only_when_matching_articles_name_places(news):
    assert '<section class="places-map"' in page(news, "q=*")
    assert '<section class="places-map"' not in page(news, "q=zzzzqqqq")
    assert '<section class="places-map"' not in page(news, "q=*&published_from=2030")


def test_place_names_are_escaped(news):
    auth = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    first = points(page(news, "q=*"))[0]
    value = int(re.search(r"place=(\d+)", first["url"]).group(1))
    edit = news.post(f"/api/v1/entities/{value}/rename", headers=auth, json={"name": 'Lon<b>don</b> & "Co"'})
    assert edit.status_code == 200, edit.get_data(as_text=True)
    try:
        text = page(news, "q=*")
        section = text[text.index('<section class="places-map"'):]
        assert "<b>don" not in section
        assert 'aria-label="Lon&lt;b&gt;don&lt;/b&gt; &amp; &#34;Co&#34; — ' in section
        assert points(text)[0]["name"] == 'Lon<b>don</b> & "Co"'
    finally:
        news.post(f"/api/v1/edits/{edit.get_json()['id']}/undo", headers=auth)


def test_a_place_known_only_by_its_country_is_drawn_at_the_country_centre(news):
    post_batch(news, [{"title": "Storm warning", "body": "Storms closed roads across Dorset on Tuesday, the county "
                       "council said, and more rain is expected.", "source": "Local desk"}])
    known = places(news, "q=storms+dorset")
    assert known["Dorset"]["lat"] is None and known["Dorset"]["country"] == "GB"  # a region without a point
    dorset = next(point for point in points(page(news, "q=storms+dorset")) if point["name"] == "Dorset")
    lat, lon = shipped_country_points()["GB"]
    assert (dorset["x"], dorset["y"]) == pytest.approx((lon, -lat), abs=.01)
