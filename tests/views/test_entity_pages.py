"""Actor and place pages, the article page's marks, charts and related articles."""
import re


def entity_id(seeded, kind, name):
    results = seeded.get(f"/api/v1/{kind}?q={name}").get_json()["results"]
    return next(r["id"] for r in results if r["name"] == name)


def test_actor_page(seeded):
    html = seeded.get(f"/actors/{entity_id(seeded, 'actors', 'Kassym-Jomart Tokayev')}").get_data(as_text=True)
    assert "<h1>Kassym-Jomart Tokayev</h1>" in html and "person" in html and "1 article" in html
    assert re.search(r"Tokayev <span class=\"n\">4</span>", html)  # alias seen four times
    assert "Nursultan Nazarbayev" in html and "Almaty" in html  # co-occurring actors and places
    assert "<svg" in html and "January 2022" in html  # articles per month chart


def test_place_page_has_country_coordinates_and_map(seeded):
    html = seeded.get(f"/places/{entity_id(seeded, 'places', 'Almaty')}").get_data(as_text=True)
    assert "<h1>Almaty</h1>" in html and "KZ" in html and "43.2525, 76.9115" in html
    assert 'class="pin"' in html and "/static/world.svg" in html


def test_wrong_kind_or_missing_entity_is_404(seeded):
    place = entity_id(seeded, "places", "Almaty")
    assert seeded.get(f"/actors/{place}").status_code == 404
    assert seeded.get("/places/99999").status_code == 404


def test_article_marks_every_kind(seeded, seed_id):
    html = seeded.get(f"/articles/{seed_id}").get_data(as_text=True)
    for kind in ("person", "organization", "place", "date"):
        assert f'class="m {kind}"' in html
    assert re.search(r'<a href="/actors/\d+" class="m person" title="Kassym-Jomart Tokayev">Tokayev</a>', html)
    assert 'href="/?mentioned_from=2022-01-19&amp;mentioned_to=2022-01-19"' in html
    assert "5 mentions" in html


def test_related_articles_exclude_the_article(client, auth):
    ids = [client.post("/api/v1/articles", headers=auth, json={"body": body}).get_json()["id"] for body in (
        "Grain exports through the Black Sea resumed after talks in Istanbul.",
        "Talks in Istanbul on Black Sea grain exports continued on Tuesday.",
        "A new bakery opened in Leeds.")]
    html = client.get(f"/articles/{ids[0]}").get_data(as_text=True)
    related = html.split("Related articles")[1]
    assert f'/articles/{ids[1]}"' in related and f'/articles/{ids[0]}"' not in related


def test_search_page_chart_chips_and_did_you_mean(seeded):
    html = seeded.get("/?q=kazakstan").get_data(as_text=True)
    assert "Did you mean" in html and ">kazakhstan</a>" in html
    html = seeded.get("/?q=Kazakhstan&published_from=2022-01&published_to=2022-01").get_data(as_text=True)
    assert "Published: 2022-01-01 – 2022-01-31" in html
    # The chosen month's bar is marked, and choosing it again drops the period (issue 18, item 3).
    assert re.search(r'<a href="/\?q=Kazakhstan" aria-label="January 2022: 1 article" aria-current="true"', html)
