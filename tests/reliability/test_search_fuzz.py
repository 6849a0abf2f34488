"""Arbitrary search arguments: parse_args either parses or raises ValidationError, and the
search endpoint and the search page always answer 200 or a 400 (the one error shape on the
API, the message on the page), never a 500; entity pages answer or 404 whatever the id; and
open-ended queries (a bare `*`, leading wildcards, ranges of words) are bounded (issue 16)."""
from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from archive.errors import ValidationError
from archive.search.parser import SearchParams, parse_args

KEYS = ["q", "actor", "place", "country", "source", "published_from", "published_to", "mentioned_from",
        "mentioned_to", "sort", "page", "per_page", "facet_size"]
QUERY_BITS = ['"', "(", ")", "OR", "AND", "NOT", "-", "title:", "body:", "*", "?", "~", "^", ":", "[", "]",
              "{", "}", "\\", "/", "Kazakhstan", "Tokayev", "2022", "2022-01", "0", "-1", "10000", " ",
              "TO", "[a", "z]", "Kazakstan-Tokaev", "%FF%FE", "\ufffd\ufffd"]
text = st.text(st.characters(codec="utf-8"), max_size=30)
value = st.one_of(text, st.lists(st.sampled_from(QUERY_BITS), max_size=8).map("".join),
                  st.lists(st.sampled_from(QUERY_BITS), max_size=8).map(" ".join),  # words of a query
                  st.integers(-10**20, 10**20).map(str))
pairs = st.lists(st.tuples(st.one_of(st.sampled_from(KEYS), text), value), max_size=8)
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(pairs=pairs)
def test_parse_args_parses_or_says_what_is_wrong(pairs):
    try:
        params = parse_args(MultiDict(pairs))
    except ValidationError as exc:
        assert exc.message and exc.field in KEYS
    else:
        assert isinstance(params, SearchParams)
        assert 1 <= params.per_page <= 100 and params.page * params.per_page <= 10_000


@FUZZ
@given(pairs=pairs)
def test_search_answers_200_or_a_400_with_the_error_shape(seeded_app, pairs):
    random.seed()  # hypothesis fixes the global seed; Whoosh would reuse segment names (see test_openapi_fuzz)
    response = seeded_app.test_client().get("/api/v1/search", query_string=MultiDict(pairs))
    assert response.status_code in (200, 400), response.get_data(as_text=True)
    data = response.get_json()
    if response.status_code == 400:
        assert set(data) == {"error"} and data["error"]["status"] == 400
        assert data["error"]["code"] == "invalid" and data["error"]["message"]
    else:
        assert {"total", "page", "per_page", "results", "facets"} <= set(data)


@FUZZ
@given(pairs=pairs)
def test_search_page_answers_200_or_a_400_with_the_message(seeded_app, pairs):
    random.seed()
    response = seeded_app.test_client().get("/", query_string=MultiDict(pairs))
    assert response.status_code in (200, 400), response.get_data(as_text=True)[-2000:]
    html = response.get_data(as_text=True)
    assert 'name="q"' in html  # the search form, with the results or with what is wrong
    if response.status_code == 400:
        assert 'class="error"' in html


@FUZZ
@given(q=value, path=st.sampled_from(["/api/v1/search", "/"]))
def test_any_query_text_answers_200_or_a_400(seeded_app, q, path):
    random.seed()
    response = seeded_app.test_client().get(path, query_string={"q": q})
    assert response.status_code in (200, 400), response.get_data(as_text=True)[-2000:]
    if response.status_code == 400 and path.startswith("/api"):
        assert response.get_json()["error"]["code"] == "invalid"


ENTITY_IDS = st.one_of(st.integers(0, 50), st.integers(2**63 - 5, 2**63 + 5), st.integers(0, 10**30))


@FUZZ
@given(kind=st.sampled_from(["actors", "places"]), entity_id=ENTITY_IDS)
def test_entity_pages_answer_or_404_whatever_the_id(seeded_app, kind, entity_id):
    response = seeded_app.test_client().get(f"/{kind}/{entity_id}")
    assert response.status_code in (200, 302, 404), response.get_data(as_text=True)[-2000:]
    if response.status_code == 404:
        assert "Back to search" in response.get_data(as_text=True)


WORD = st.sampled_from(["Kazakhstan", "Tokayev", "troops", "protests", "a", "z", "2022"])
STARS = st.lists(st.sampled_from(["*", " ", "**"]), min_size=1, max_size=4).map("".join)
OPEN_ENDED = st.one_of(
    st.builds(lambda ends, brackets: f"{brackets[0]}{ends[0]} TO {ends[1]}{brackets[1]}",
              st.lists(WORD, min_size=2, max_size=2, unique=True),  # (from a word to itself is that word)
              st.sampled_from(["[]", "{}", "[}", "{]"])),  # ranges of words
    st.builds(lambda wild, word: f"{wild}{word[1:]}", st.sampled_from(["*", "?", "*?", "?*"]),
              WORD.filter(lambda word: len(word) > 2)),  # leading wildcard (`*` alone is everything)
    st.builds(lambda word, wild: f"{word[0]}{wild}", WORD, st.sampled_from(["*", "?", "?*"])),  # one letter, then *
)


@FUZZ
@given(stars=STARS, path=st.sampled_from(["/api/v1/search", "/"]))
def test_a_bare_star_is_the_empty_query(seeded_app, stars, path):
    client = seeded_app.test_client()
    everything = client.get(path, query_string={"per_page": 5})
    starred = client.get(path, query_string={"q": stars, "per_page": 5})
    assert starred.status_code == 200, starred.get_data(as_text=True)[-2000:]
    if path.startswith("/api"):
        assert starred.get_json()["sort"] == "newest"
        assert [r["id"] for r in starred.get_json()["results"]] == [r["id"] for r in everything.get_json()["results"]]
        assert starred.get_json()["total"] == everything.get_json()["total"]


@FUZZ
@given(q=OPEN_ENDED, context=st.sampled_from(["{}", "Kazakhstan {}", "{} OR Tokayev", "title:{}", "NOT {}"]),
       path=st.sampled_from(["/api/v1/search", "/"]))
def test_open_ended_queries_are_refused_with_a_reason(seeded_app, q, context, path):
    """Ranges of words and wildcards without 2 letters before them walk the whole vocabulary."""
    response = seeded_app.test_client().get(path, query_string={"q": context.format(q)})
    assert response.status_code == 400, response.get_data(as_text=True)[-2000:]
    message = response.get_json()["error"]["message"] if path.startswith("/api") else response.get_data(as_text=True)
    assert "ranges of words" in message or "letters before" in message


def test_undecodable_query_bytes_are_not_an_error(seeded):
    response = seeded.get("/api/v1/search?q=%ff%feKazakhstan&actor=%c3%28")
    assert response.status_code == 200
