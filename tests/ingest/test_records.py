"""Validation of incoming articles: clear errors, normalised records."""
from datetime import datetime

import pytest

from archive.errors import ValidationError
from archive.ingest.records import content_hash, derive_title, validate


def test_minimal_article_gets_a_title_and_defaults():
    record = validate({"body": "  Floods hit the valley.\n\nMore rain is expected.  "})
    assert record.body == "Floods hit the valley.\n\nMore rain is expected."
    assert record.title == "Floods hit the valley."
    assert record.language == "en" and record.published_at is None and record.url is None


def test_published_at_accepts_dates_and_timezones():
    assert validate({"body": "x", "published_at": "2022-01-06"}).published_at == datetime(2022, 1, 6)
    record = validate({"body": "x", "published_at": "2022-01-06T10:00:00+02:00"})
    assert record.published_at == datetime(2022, 1, 6, 8, 0)


@pytest.mark.parametrize("data, field", [
    ({}, "body"),
    ({"body": "   "}, "body"),
    ({"body": 5}, "body"),
    ({"body": "a\x00b"}, "body"),
    ({"body": "ok", "url": "ftp://example.org/x"}, "url"),
    ({"body": "ok", "url": "not a url"}, "url"),
    ({"body": "ok", "published_at": "0000-01-01"}, "published_at"),
    ({"body": "ok", "published_at": "30000-01-01"}, "published_at"),
    ({"body": "ok", "published_at": "yesterday"}, "published_at"),
    ({"body": "ok", "title": ["x"]}, "title"),
    ({"body": "ok", "language": "english!"}, "language"),
])
def test_bad_input_names_the_field(data, field):
    with pytest.raises(ValidationError) as info:
        validate(data)
    assert info.value.field == field


def test_too_long_body():
    with pytest.raises(ValidationError, match="longer than 10"):
        validate({"body": "x" * 11}, max_chars=10)


def test_not_an_object():
    with pytest.raises(ValidationError, match="JSON object"):
        validate(["body"])


def test_hash_ignores_case_and_whitespace():
    assert content_hash("Hello  World\n") == content_hash("hello world")
    assert content_hash("hello world") != content_hash("hello there")


def test_derived_title_is_cut_at_a_word():
    title = derive_title("word " * 100)
    assert title.endswith("…") and len(title) <= 121
