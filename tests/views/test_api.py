"""The JSON API end to end on a real SQLite file, Whoosh index and spaCy model."""
import pytest

SEED_ACTORS = {"Kassym-Jomart Tokayev", "Nursultan Nazarbayev", "Nikol Pashinyan", "Askar Mamin",
               "Rafik Jarylkasyn", "Collective Security Treaty Organisation", "European Union",
               "United Nations"}  # AFP: only the source (issue 15)
SEED_PLACES = {"Kazakhstan", "Almaty", "Mangystau", "Russia", "Moscow", "Washington", "Central Asia"}

ARTICLE = {"body": "Finance minister Olena Kovalenko met officials of the World Bank in Kyiv on Monday "
                   "to discuss grain exports.\n\nKovalenko said talks would continue in Warsaw next week.",
           "title": "Kovalenko meets World Bank", "source": "Test Wire",
           "url": "https://example.org/news/1", "published_at": "2023-03-15"}


def facet(data, name):
    return {item["label"]: item for item in data["facets"][name]["results"]}


def test_search_finds_the_seed_with_facets(seeded):
    data = seeded.get("/api/v1/search?q=Kazakhstan").get_json()
    assert data["total"] == 1 and data["page"] == 1 and data["per_page"] == 20
    hit = data["results"][0]
    assert "<mark>Kazakhstan</mark>" in hit["snippet"] and hit["source"] == "AFP"
    assert hit["published_at"].startswith("2022-01-06")
    assert {"Kassym-Jomart Tokayev"} <= {a["name"] for a in hit["actors"]}
    assert "Kassym-Jomart Tokayev" in facet(data, "actor")
    assert "Almaty" in facet(data, "place")
    assert facet(data, "published")["January 2022"]["value"] == "2022-01"
    assert {"2022-01", "2019"} <= {i["value"] for i in data["facets"]["mentioned"]["results"]}
    for shape in data["facets"].values():
        assert set(shape) >= {"results", "truncated"}
        assert all(set(item) == {"value", "label", "count", "selected"} for item in shape["results"])


def test_article_has_actors_places_and_dates(seeded, seed_id):
    data = seeded.get(f"/api/v1/articles/{seed_id}").get_json()
    body = data["body"]
    actors = {a["name"]: a for a in data["actors"]}
    places = {p["name"]: p for p in data["places"]}
    assert SEED_ACTORS <= set(actors)
    assert SEED_PLACES <= set(places)
    tokayev = actors["Kassym-Jomart Tokayev"]
    assert tokayev["kind"] == "person" and len(tokayev["mentions"]) == 5
    for entity in data["actors"] + data["places"]:
        for m in entity["mentions"]:
            assert body[m["start"]:m["end"]] == m["text"]
    almaty = places["Almaty"]
    assert almaty["country_code"] == "KZ"
    assert almaty["lat"] == pytest.approx(43.25, abs=0.1) and almaty["lon"] == pytest.approx(76.91, abs=0.1)
    values = {d["value"] for d in data["dates"]}
    assert {"2022-01-06", "2022-01-05", "2022-01-19", "2019", "1989", "2020"} <= values
    junk = {"Stun", "Kazakhstan Wakes", "Kazakh", "Kazakhs"}
    assert not junk & (set(actors) | set(places))


def test_filters_narrow_and_facets_exclude_their_own_filter(app, client, auth):
    client.post("/api/v1/articles", json=ARTICLE, headers=auth)
    other = {"body": "Olena Kovalenko spoke in Warsaw about trade with Poland.", "published_at": "2023-04-02",
             "source": "Other Wire"}
    client.post("/api/v1/articles", json=other, headers=auth)
    everything = client.get("/api/v1/search").get_json()
    assert everything["total"] == 2
    world_bank = facet(everything, "actor")["World Bank"]
    narrowed = client.get(f"/api/v1/search?actor={world_bank['value']}").get_json()
    assert narrowed["total"] == 1
    actor_facet = facet(narrowed, "actor")
    # Counted without the actor filter: Kovalenko is in both articles, World Bank is selected.
    assert actor_facet["Olena Kovalenko"]["count"] == 2 and not actor_facet["Olena Kovalenko"]["selected"]
    assert actor_facet["World Bank"]["selected"]
    # Other facets are counted under the actor filter.
    assert set(facet(narrowed, "source")) == {"Test Wire"}
    by_name = client.get("/api/v1/search?actor=world bank").get_json()
    assert by_name["total"] == 1
    month = client.get("/api/v1/search?published_from=2023-04&published_to=2023-04").get_json()
    assert month["total"] == 1 and facet(month, "published")["April 2023"]["selected"]
    assert facet(month, "published")["March 2023"]["count"] == 1
    mentioned = client.get("/api/v1/search?mentioned_from=2023-03-13&mentioned_to=2023-03-13").get_json()
    assert mentioned["total"] == 1  # "Monday" before 2023-03-15


def test_sort_and_pagination(client, auth):
    for day in range(1, 4):
        client.post("/api/v1/articles", headers=auth,
                    json={"body": f"Harbour report number {day} about shipping.", "published_at": f"2021-05-0{day}"})
    client.post("/api/v1/articles", headers=auth, json={"body": "Harbour report without a date about shipping."})
    newest = client.get("/api/v1/search?q=harbour&sort=newest&per_page=2").get_json()
    assert newest["total"] == 4 and newest["pages"] == 2
    assert [r["published_at"][:10] for r in newest["results"]] == ["2021-05-03", "2021-05-02"]
    second = client.get("/api/v1/search?q=harbour&sort=newest&per_page=2&page=2").get_json()
    assert second["results"][0]["published_at"][:10] == "2021-05-01"
    assert second["results"][1]["published_at"] is None  # unknown dates sort last
    oldest = client.get("/api/v1/search?q=harbour&sort=oldest").get_json()
    assert oldest["results"][0]["published_at"][:10] == "2021-05-01"
    assert oldest["results"][-1]["published_at"] is None
    listing = client.get("/api/v1/search").get_json()
    assert listing["sort"] == "newest" and listing["results"][0]["published_at"][:10] == "2021-05-03"


def test_post_article_is_searchable_at_once_and_dedups(client, auth):
    created = client.post("/api/v1/articles", json=ARTICLE, headers=auth)
    assert created.status_code == 201
    article = created.get_json()
    assert created.headers["Location"] == f"/api/v1/articles/{article['id']}"
    assert {"Olena Kovalenko", "World Bank"} <= {a["name"] for a in article["actors"]}
    found = client.get("/api/v1/search?q=grain exports").get_json()
    assert [r["id"] for r in found["results"]] == [article["id"]]
    by_actor = client.get("/api/v1/search?actor=Olena Kovalenko").get_json()
    assert by_actor["total"] == 1
    again = client.post("/api/v1/articles", json=ARTICLE, headers=auth)
    assert again.status_code == 200 and again.get_json()["duplicate"] is True
    assert again.get_json()["id"] == article["id"]
    same_url = client.post("/api/v1/articles", json={**ARTICLE, "body": "Different text."}, headers=auth)
    assert same_url.status_code == 200 and same_url.get_json()["id"] == article["id"]
    assert client.get("/api/v1/search").get_json()["total"] == 1


def test_admin_endpoints_need_a_token(client):
    for method, url in (("post", "/api/v1/articles"), ("post", "/api/v1/extract"),
                        ("delete", "/api/v1/articles/1")):
        response = getattr(client, method)(url, json=ARTICLE)
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "unauthorized"
    wrong = client.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert client.get("/api/v1/search").get_json()["total"] == 0


def test_created_token_works_and_is_stored_hashed(app, client):
    token = app.test_cli_runner().invoke(args=["archive", "create-token", "robot"]).output.strip()
    response = client.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201
    from sqlalchemy import text
    with app.extensions["archive.engine"].connect() as connection:
        stored = connection.execute(text("select token_hash from api_tokens")).scalar()
    assert stored != token and len(stored) == 64


def test_delete_removes_from_database_and_index(client, auth):
    article_id = client.post("/api/v1/articles", json=ARTICLE, headers=auth).get_json()["id"]
    assert client.delete(f"/api/v1/articles/{article_id}", headers=auth).status_code == 204
    assert client.get(f"/api/v1/articles/{article_id}").status_code == 404
    assert client.get("/api/v1/search?q=grain").get_json()["total"] == 0
    assert client.get("/healthz").get_json()["indexed"] == 0


def test_extract_stores_nothing(client, auth):
    response = client.post("/api/v1/extract", headers=auth,
                           json={"body": ARTICLE["body"], "published_at": "2023-03-15"})
    data = response.get_json()
    assert response.status_code == 200
    assert "Olena Kovalenko" in {a["name"] for a in data["actors"]}
    assert {"Kyiv", "Warsaw"} <= {p["name"] for p in data["places"]}
    assert "2023-03-13" in {d["value"] for d in data["dates"]}
    assert client.get("/healthz").get_json()["articles"] == 0


def test_entity_lookup(seeded):
    actors = seeded.get("/api/v1/actors?q=tok").get_json()["results"]
    assert [a["name"] for a in actors] == ["Kassym-Jomart Tokayev"] and actors[0]["article_count"] == 1
    places = seeded.get("/api/v1/places?q=Alm").get_json()["results"]
    assert places[0]["name"] == "Almaty" and places[0]["country_code"] == "KZ"
    assert seeded.get("/api/v1/places?q=zzz").get_json()["results"] == []


@pytest.mark.parametrize("url", [
    '/api/v1/search?q=(unbalanced',
    "/api/v1/search?per_page=100000",
    "/api/v1/search?page=-1",
    "/api/v1/search?sort=sideways",
    "/api/v1/search?published_from=2022-99",
])
def test_bad_search_input_is_a_400_with_a_message(seeded, url):
    response = seeded.get(url)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["status"] == 400 and error["message"]


@pytest.mark.parametrize("kwargs, status", [
    ({"data": "{not json", "content_type": "application/json"}, 400),
    ({"data": "", "content_type": "application/json"}, 400),
    ({"json": []}, 400),
    ({"json": {"body": ""}}, 400),
    ({"json": {"body": "text", "published_at": "30000-01-01"}}, 400),
    ({"data": b'{"body": "\xff\xfe"}', "content_type": "application/json"}, 400),
    ({"json": {"body": "x" * 6_000_000}}, 413),
])
def test_bad_post_bodies_store_nothing(client, auth, kwargs, status):
    response = client.post("/api/v1/articles", headers=auth, **kwargs)
    assert response.status_code == status
    assert response.get_json()["error"]["message"]
    assert client.get("/healthz").get_json()["articles"] == 0


def test_unknown_things_are_json_404s(client):
    for url in ("/api/v1/articles/999", "/api/v1/nothing-here"):
        response = client.get(url)
        assert response.status_code == 404 and response.get_json()["error"]["status"] == 404


def test_openapi_describes_every_route(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    documented = {(path, method) for path, ops in document["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = rule.rule[len("/api/v1"):].replace("<int:", "{").replace(">", "}")
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert (path, method.lower()) in documented


def test_healthz(seeded):
    data = seeded.get("/healthz").get_json()
    assert data == {**data, "status": "ok", "articles": 1, "indexed": 1, "index_lag": 0}
