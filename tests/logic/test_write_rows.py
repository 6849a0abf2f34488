"""What the write path (logic/writes.py, duplicates.py) stores: limits of each column, one link per actor,
a batch that meets an article stored meanwhile, and which stored article a record duplicates."""
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select

from archive.extract import Extraction, FoundEntity, Span
from archive.extract.dates import DateMention
from archive.ingest import validate
from archive.logic.duplicates import find_duplicate, find_duplicates, new_records
from archive.logic.writes import day, store_all, store_extracted
from archive.models import Article, ArticleEntity, Entity, Mention
from archive.models.base import utcnow
from tests.logic.stored import extraction, store

BODY = "Floods reached Porto on Monday, the mayor Rui Moreira said."


def test_long_names_and_spans_are_cut_to_what_their_columns_hold(db_session):
    body = "x" * 700
    name = "N" * 400
    long = FoundEntity("organization", name, name.lower(), [Span(body[:600], 0, 600)])
    [result] = store_extracted(db_session, [validate({"body": body})],
                               [Extraction([long], [], [DateMention("y" * 250, "2024", 0, 250)])])
    entity = db_session.scalar(select(Entity))
    assert (len(entity.name), len(entity.key)) == (300, 300)
    assert [len(m.text) for m in db_session.scalars(select(Mention))] == [500]
    assert [len(d.text) for d in result.article.dates] == [200]


def test_a_person_and_an_organisation_of_one_name_in_one_article_are_one_link(db_session):
    body = "Goldman Sachs said Goldman Sachs would act, and Sachs agreed."
    as_org = FoundEntity("organization", "Goldman Sachs", "goldman sachs", [Span("Goldman Sachs", 0, 13)])
    as_person = FoundEntity("person", "Goldman Sachs", "goldman sachs", [Span("Goldman Sachs", 19, 32)])
    [result] = store_all(db_session, [validate({"body": body})], [Extraction([as_org, as_person], [], [])])
    [link] = db_session.scalars(select(ArticleEntity).where(ArticleEntity.article_id == result.article.id))
    assert (link.mention_count, link.first_start) == (2, 0)
    assert db_session.scalar(select(func.count()).select_from(Mention)) == 2


def test_a_batch_meeting_an_article_stored_meanwhile_stores_the_rest_and_returns_that_one(db_session):
    first = store(db_session, BODY)
    other = "Snow shut the airport in Oslo."
    results = store_all(db_session, [validate({"body": other}), validate({"body": BODY})],
                        [extraction(other, ("place", "Oslo")), extraction(BODY, ("place", "Porto"))])
    assert [(r.created, r.article.body) for r in results] == [(True, other), (False, BODY)]
    assert results[1].article.id == first.id
    assert db_session.scalar(select(func.count()).select_from(Article)) == 2


def test_the_ingestion_time_of_a_record_is_kept_and_a_missing_one_is_now(db_session):
    given = replace(validate({"body": BODY}), ingested_at=datetime(2020, 5, 6, 7, 8, 9))
    [kept] = store_extracted(db_session, [given], [extraction(BODY)])
    before = utcnow().replace(microsecond=0)
    fresh = store(db_session, "Another text.")
    assert kept.article.ingested_at == datetime(2020, 5, 6, 7, 8, 9) and fresh.ingested_at >= before


def test_the_day_given_to_extraction_is_the_publication_day_in_utc():
    assert day(validate({"body": BODY, "published_at": "2024-03-04T23:30:00-02:00"})).isoformat() == "2024-03-05"
    assert day(validate({"body": BODY})) is None


def test_a_records_url_finds_its_article_before_its_body_does(db_session):
    by_url = store(db_session, "One text.", url="https://example.com/one")
    by_body = store(db_session, BODY)
    record = validate({"body": BODY, "url": "https://example.com/one"})
    assert find_duplicate(db_session, record).id == by_url.id != by_body.id
    assert find_duplicates(db_session, [record]) == [find_duplicate(db_session, record)]
    assert find_duplicates(db_session, []) == []


def test_a_later_record_of_the_batch_with_the_same_url_is_no_first_copy():
    records = [validate({"body": "First version.", "url": "https://example.com/a"}),
               validate({"body": "Corrected version.", "url": "https://example.com/a"}),
               validate({"body": "Other story.", "url": "https://example.com/b"})]
    assert new_records(records, [None, None, None]) == [0, 2]
