"""Arbitrary search arguments: parse_args either parses or raises ValidationError, and the
search endpoint always answers 200 or a 400 in the one error shape, never a 500."""
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
              "{", "}", "\\", "/", "Kazakhstan", "Tokayev", "2022", "2022-01", "0", "-1", "10000", " "]
text = st.text(st.characters(codec="utf-8"), max_size=30)
value = st.one_of(text, st.lists(st.sampled_from(QUERY_BITS), max_size=8).map("".join),
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


def test_undecodable_query_bytes_are_not_an_error(seeded):
    response = seeded.get("/api/v1/search?q=%ff%feKazakhstan&actor=%c3%28")
    assert response.status_code == 200
