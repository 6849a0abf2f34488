"""The facet registry (archive/facets.py) drives the API, the search page, the OpenAPI document and
the index: the author and language facets, each one declaration, end to end on a real app."""
from urllib.parse import quote

from whoosh.filedb.filestore import FileStorage

from archive.facets import FACETS
from archive.index.schema import build_schema

ARTICLES = [
    {"body": "Mayor Anne Hidalgo opened a new bridge in Paris on Tuesday.", "author": "Jane Roe",
     "language": "en", "source": "City Desk", "published_at": "2024-06-05"},
    {"body": "Anne Hidalgo a inauguré mardi une piscine olympique à Paris.", "author": "Jean Dupont",
     "language": "fr", "source": "City Desk", "published_at": "2024-07-02"},
    {"body": "Chancellor Olaf Scholz visited a car factory in Leipzig on Friday.", "author": "Jane Roe",
     "language": "en", "source": "Wire", "published_at": "2024-07-19"},
]


def ingest(client, auth):
    for article in ARTICLES:
        assert client.post("/api/v1/articles", json=article, headers=auth).status_code == 201


def counts(data, name):
    return {item["value"]: (item["count"], item["selected"]) for item in data["facets"][name]["results"]}


def test_author_and_language_filter_and_count_through_the_api(client, auth):
    ingest(client, auth)
    everything = client.get("/api/v1/search").get_json()
    assert list(everything["facets"]) == [facet.name for facet in FACETS]
    assert counts(everything, "author") == {"Jane Roe": (2, False), "Jean Dupont": (1, False)}
    assert counts(everything, "language") == {"en": (2, False), "fr": (1, False)}
    roe = client.get("/api/v1/search?author=Jane Roe").get_json()
    assert roe["total"] == 2
    # Counted without its own filter, the other author stays choosable; other facets are narrowed.
    assert counts(roe, "author") == {"Jane Roe": (2, True), "Jean Dupont": (1, False)}
    assert counts(roe, "language") == {"en": (2, False)}
    french = client.get("/api/v1/search?language=fr").get_json()
    assert french["total"] == 1 and counts(french, "author") == {"Jean Dupont": (1, False)}
    assert counts(french, "language") == {"en": (2, False), "fr": (1, True)}
    both = client.get("/api/v1/search?author=Jane Roe&author=Jean Dupont&language=en").get_json()
    assert both["total"] == 2  # values of one facet are alternatives, facets narrow each other
    too_many = client.get("/api/v1/search?" + "&".join(f"author=a{n}" for n in range(21)))
    assert too_many.status_code == 400 and too_many.get_json()["error"]["field"] == "author"


def test_author_and_language_on_the_search_page(client, auth):
    ingest(client, auth)
    html = client.get("/?author=Jane Roe").get_data(as_text=True)
    assert "2 articles" in html
    assert '<h2 id="facet-author">Authors</h2>' in html and '<h2 id="facet-language">Languages</h2>' in html
    assert "Author: Jane Roe" in html  # the chip
    assert '<input type="hidden" name="author" value="Jane Roe">' in html
    assert 'href="/?author=Jane+Roe&amp;author=Jean+Dupont"' in html  # adds the other author
    assert 'href="/?author=Jane+Roe&amp;language=en"' in html
    assert '<a href="/">Clear all</a>' in html
    html = client.get("/?author=Jane Roe&language=en&published_from=2024-07").get_data(as_text=True)
    assert "1 article<" in html and "Language: en" in html
    assert '<a href="/">Clear all</a>' in html


def test_every_facet_of_the_registry_is_in_the_openapi_document_and_on_the_page(client, auth):
    ingest(client, auth)
    document = client.get("/api/v1/openapi.json").get_json()
    for path in ("/search", "/search.csv", "/search.jsonl"):
        described = {p["name"]: p["description"] for p in document["paths"][path]["get"]["parameters"]}
        for facet in FACETS:
            assert [described.get(name) for name in facet.parameters] == list(facet.description), (path, facet)
    html = client.get("/?" + "&".join(f"{facet.name}={quote('x')}" for facet in FACETS if facet.kind == "value")
                      ).get_data(as_text=True)
    for facet in FACETS:
        if facet.kind == "value":  # a filter of every facet with values given as they are: chip and hidden input
            assert f"{facet.title}: {'X' if facet.normalise == 'upper' else 'x'}" in html
            assert f'<input type="hidden" name="{facet.name}"' in html
    html = client.get("/").get_data(as_text=True)
    shown = [facet for facet in FACETS if facet.heading]
    assert all(f'<h2 id="facet-{facet.name}">{facet.heading}</h2>' in html for facet in shown)
    assert [html.index(f'id="facet-{facet.name}"') for facet in shown] == sorted(
        html.index(f'id="facet-{facet.name}"') for facet in shown)


def test_migrate_rebuilds_an_index_without_the_new_facet_fields(app, client, auth):
    ingest(client, auth)
    store = app.extensions["archive.index"]
    store.close()
    old = build_schema()
    old.remove("author")
    old.remove("language")
    FileStorage(str(store.path)).create_index(old)  # as the schema was before these facets
    assert store.outdated()
    result = app.test_cli_runner().invoke(args=["archive", "migrate"])
    assert result.exit_code == 0 and "written by an older schema" in result.output
    assert not store.outdated()
    data = client.get("/api/v1/search?author=Jane Roe").get_json()
    assert data["total"] == 2 and counts(data, "language") == {"en": (2, False)}
