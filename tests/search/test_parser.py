"""Search arguments are parsed, clamped and validated without HTTP."""
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from archive.errors import ValidationError
from archive.search.parser import parse_args


def parse(**kwargs):
    return parse_args(MultiDict(kwargs))


def test_defaults():
    params = parse()
    assert (params.q, params.page, params.per_page, params.sort) == ("", 1, 20, "relevance")
    assert params.effective_sort == "newest"


def test_repeated_values_and_periods():
    params = parse_args(MultiDict([("actor", "1"), ("actor", "Tokayev"), ("published_from", "2022-01"),
                                   ("published_to", "2022-01"), ("mentioned_to", "2021")]))
    assert params.actor == ("1", "Tokayev")
    assert params.published_from == date(2022, 1, 1) and params.published_to == date(2022, 1, 31)
    assert params.mentioned_to == date(2021, 12, 31)


@pytest.mark.parametrize("args, field", [
    ({"per_page": "100000"}, "per_page"),
    ({"per_page": "0"}, "per_page"),
    ({"page": "-1"}, "page"),
    ({"page": "abc"}, "page"),
    ({"sort": "random"}, "sort"),
    ({"published_from": "2022-13"}, "published_from"),
    ({"published_from": "2022-02-30"}, "published_from"),
    ({"mentioned_to": "0000"}, "mentioned_to"),
    ({"published_from": "2022-02", "published_to": "2022-01"}, "published_from"),
    ({"page": "500", "per_page": "100"}, "page"),
    ({"q": "x" * 1001}, "q"),
])
def test_bad_arguments(args, field):
    with pytest.raises(ValidationError) as info:
        parse(**args)
    assert info.value.field == field
