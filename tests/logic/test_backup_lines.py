"""One exported line read back (logic/backup.py read_record) and written out (export_articles), and
what an import (logic/restore.py) does with a malformed line: a failure with its reason, nothing stored."""
import io
import json

import pytest
from sqlalchemy import func, select

from archive.errors import ValidationError
from archive.logic.backup import export_articles, read_record
from archive.logic.restore import import_articles
from archive.models import Article, ArticleDate, Change, Entity, Mention
from tests.logic.stored import store

BODY = "Floods reached Porto on Monday, the mayor Rui Moreira said."


def line(**changes) -> str:
    """An exported line with one place, one person and one date, with `changes` applied."""
    data = {"title": "Floods", "body": BODY,
            "published_at": "2024-03-04T10:00:00", "ingested_at": "2024-03-05T08:00:00",
            "entities": [
                {"kind": "place", "name": "Porto", "key": "geonames:2735943", "place_kind": "city",
                 "country_code": "PT", "lat": 41.15, "lon": -8.61, "gazetteer_id": "geonames:2735943",
                 "mentions": [{"text": "Porto", "start": 15, "end": 20}]},
                {"kind": "person", "name": "Rui Moreira", "key": "rui moreira",
                 "mentions": [{"text": "Rui Moreira", "start": 42, "end": 53}]}],
            "dates": [{"text": "Monday", "value": "2024-03-04", "start": 24, "end": 30}]}
    data.update(changes)
    return json.dumps(data)


def entity(**changes) -> list[dict]:
    """The person of line() with `changes` applied."""
    return [{"kind": "person", "name": "Rui Moreira", "key": "rui moreira",
             "mentions": [{"text": "Rui Moreira", "start": 42, "end": 53}], **changes}]


def counts(session) -> tuple[int, ...]:
    return tuple(session.scalar(select(func.count()).select_from(table))
                 for table in (Article, Entity, Mention, ArticleDate, Change))


def test_a_whole_line_reads_back_as_the_article_and_its_extraction():
    record, extraction = read_record(line())
    assert (record.title, record.body, record.published_at.isoformat()) == ("Floods", BODY, "2024-03-04T10:00:00")
    assert record.ingested_at.isoformat() == "2024-03-05T08:00:00"
    [porto], [moreira] = extraction.places, extraction.actors
    assert (porto.place.country_code, porto.place.lat, porto.place.gazetteer_id) == ("PT", 41.15, "geonames:2735943")
    assert (moreira.key, moreira.place) == ("rui moreira", None)
    assert [(m.start, m.end) for m in moreira.mentions] == [(42, 53)]
    assert [(d.text, d.value, d.start) for d in extraction.dates] == [("Monday", "2024-03-04", 24)]


def test_a_malformed_line_fails_with_its_reason_and_stores_nothing(db_session, index):
    bad = line(entities=entity(kind="animal"))
    summary = import_articles(db_session, index, [bad])
    assert summary.failures == ["line 1: entity kind must be one of person, organization, place"]
    assert (summary.created, summary.duplicates) == (0, 0)
    assert counts(db_session) == (0, 0, 0, 0, 0) and index.doc_count() == 0


@pytest.mark.parametrize("text, reason", [
    ("[1, 2]", "an article must be a JSON object"),
    ("null", "an article must be a JSON object"),
    ('"just text"', "an article must be a JSON object"),
    ('{"body": "Text.", "entities": {"kind": "place"}}', "entities and dates must be lists"),
    ('{"body": "Text.", "dates": "Monday"}', "entities and dates must be lists"),
    ('{"body": "Text.", "entities": ["Porto"]}', "each of entities must be a JSON object"),
    ('{"body": "Text.", "dates": [3]}', "each of dates must be a JSON object"),
])
def test_json_of_the_wrong_shape_is_refused_with_what_is_wrong(text, reason):
    with pytest.raises(ValidationError) as refused:
        read_record(text)
    assert refused.value.message == reason


@pytest.mark.parametrize("mention", [
    {"text": "Rui", "start": 53, "end": 42},  # backwards
    {"text": "Rui", "start": -1, "end": 3},
    {"text": "Rui", "start": 42.0, "end": 53},
    {"text": "Rui", "start": True, "end": 53},  # a JSON true is no offset
    {"text": "Rui", "start": "42", "end": "53"},
    {"text": "Rui", "end": 53},
])
def test_mention_offsets_must_be_whole_numbers_in_order(mention):
    with pytest.raises(ValidationError, match="start and end must be whole numbers"):
        read_record(line(entities=entity(mentions=[mention])))


def test_each_entity_needs_mentions_and_named_text_fields(db_session):
    for changes, reason in [({"mentions": []}, "an entity needs a list of one or more mentions"),
                            ({"mentions": "Rui"}, "an entity needs a list of one or more mentions"),
                            ({"mentions": ["Rui"]}, "each of mentions must be a JSON object"),
                            ({"name": ""}, "name must be text of 1 to 300 characters"),
                            ({"name": "R" * 301}, "name must be text of 1 to 300 characters"),
                            ({"key": None}, "key must be text of 1 to 300 characters")]:
        with pytest.raises(ValidationError) as refused:
            read_record(line(entities=entity(**changes)))
        assert refused.value.message == reason, changes


def test_a_place_needs_numeric_coordinates_and_its_kind_defaults_to_other():
    porto = {"kind": "place", "name": "Porto", "key": "porto", "mentions": [{"text": "Porto", "start": 15, "end": 20}]}
    with pytest.raises(ValidationError, match="lat and lon must be numbers"):
        read_record(line(entities=[{**porto, "lat": "41.15", "lon": -8.61}]))
    [place] = read_record(line(entities=[porto]))[1].places
    assert (place.place.kind, place.place.lat, place.place.country_code) == ("other", None, None)
    with pytest.raises(ValidationError, match="country_code must be text of 1 to 2"):
        read_record(line(entities=[{**porto, "country_code": "PRT"}]))


def test_a_bad_ingested_at_is_refused_and_a_missing_one_left_to_the_store():
    with pytest.raises(ValidationError, match="ingested_at"):
        read_record(line(ingested_at="yesterday"))
    record, _extraction = read_record(json.dumps({"body": BODY}))
    assert record.ingested_at is None


def test_an_import_keeps_place_data_and_ingestion_time_as_exported(db_session, index):
    summary = import_articles(db_session, index, [line()])
    assert summary.created == 1 and summary.failures == []
    article = db_session.scalar(select(Article))
    assert article.ingested_at.isoformat() == "2024-03-05T08:00:00"
    porto = db_session.scalar(select(Entity).where(Entity.kind == "place"))
    assert (porto.name, porto.key, porto.place_kind, porto.country_code, porto.lat, porto.lon) == \
        ("Porto", "geonames:2735943", "city", "PT", 41.15, -8.61)


def test_copies_within_one_batch_are_stored_once(db_session, index):
    summary = import_articles(db_session, index, [line(), line(title="Same body, other title")], batch_size=10)
    assert (summary.created, summary.duplicates, summary.failures) == (1, 1, [])
    assert counts(db_session)[:2] == (1, 2) and index.doc_count() == 1


def test_export_lists_entities_by_first_mention_with_their_mentions(db_session):
    body = "Oslo and Bergen: Erna Solberg visited Bergen, then Oslo again."
    store(db_session, body, ("person", "Erna Solberg"), ("place", "Bergen"), ("place", "Oslo"),
          published_at="2024-01-02T03:04:05Z", url="https://example.com/a", source="NRK")
    out = io.StringIO()
    assert export_articles(db_session, out) == 1
    [exported] = [json.loads(text) for text in out.getvalue().splitlines()]
    assert [e["name"] for e in exported["entities"]] == ["Oslo", "Bergen", "Erna Solberg"]
    assert exported["entities"][0]["mentions"] == [{"text": "Oslo", "start": 0, "end": 4},
                                                   {"text": "Oslo", "start": 51, "end": 55}]
    assert (exported["url"], exported["source"], exported["published_at"]) == \
        ("https://example.com/a", "NRK", "2024-01-02T03:04:05")
    record, extraction = read_record(out.getvalue().splitlines()[0])  # what is written reads back
    assert record.body == body and len(extraction.places) == 2


def test_export_of_an_empty_archive_writes_nothing(db_session):
    out = io.StringIO()
    assert export_articles(db_session, out) == 0 and out.getvalue() == ""


def test_a_deeply_nested_line_fails_alone_as_bad_json(db_session, index):
    deep = '{"body": "Text.", "entities": ' + "[" * 100_000 + "]" * 100_000 + "}"
    summary = import_articles(db_session, index, [deep, line()])
    assert summary.failures == ["line 1: not valid JSON: nested 100001 levels deep, more than the limit of 64"]
    assert summary.created == 1
