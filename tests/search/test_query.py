"""The query syntax: words all required, phrases, OR, NOT / -word, title:, and clear errors."""
import pytest
from whoosh import query as wq
from whoosh.fields import TEXT, Schema

from archive.errors import ValidationError
from archive.index.schema import build_schema
from archive.search.parser import check_syntax
from archive.search.query import positive_terms, text_query

SCHEMA = build_schema()


def test_words_are_all_required_and_stemmed():
    q = text_query("protests Kazakhstan", SCHEMA)
    assert isinstance(q, wq.And)
    assert positive_terms(q, "body") == {"protest", "kazakhstan"}


def test_minus_and_not_exclude():
    for text in ("kazakhstan -almaty", "kazakhstan NOT almaty"):
        q = text_query(text, SCHEMA)
        assert positive_terms(q, "body") == {"kazakhstan"}
        assert "NOT" in str(q)


def test_or_phrase_and_title():
    assert isinstance(text_query("almaty OR moscow", SCHEMA), wq.Or)
    assert 'body:"storm build"' in str(text_query('"stormed buildings"', SCHEMA))
    assert str(text_query("title:protests", SCHEMA)) == "title:protest"


def test_empty_query_matches_everything():
    assert isinstance(text_query("  ", SCHEMA), wq.Every)


@pytest.mark.parametrize("text, message", [
    ('"unbalanced', "quote"),
    ("(a OR b", "parentheses"),
    ("a)", "parentheses"),
    ("author:smith", "unknown field"),
])
def test_malformed_queries(text, message):
    with pytest.raises(ValidationError, match=message):
        check_syntax(text)


def test_a_query_is_parsed_once_per_text_and_schema():
    first = text_query("wheat exports", SCHEMA)
    assert text_query("wheat exports", SCHEMA) is first
    assert text_query("wheat  exports", SCHEMA) is not first and text_query("wheat  exports", SCHEMA) == first
    plain = Schema(title=TEXT(stored=True), body=TEXT)  # no stemming: parsed again, with its own analyser
    assert str(text_query("stormed buildings", plain)) == \
        "((title:stormed OR body:stormed) AND (title:buildings OR body:buildings))"
    assert str(text_query("stormed buildings", SCHEMA)) == \
        "((title:storm OR body:storm) AND (title:build OR body:build))"
