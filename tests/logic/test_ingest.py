"""Ingesting through logic/ingest.py and logic/writes.py on a real archive: one outcome per item in
order, first copies only, and what an import stores as it was exported."""
from archive import db
from archive.errors import ValidationError
from archive.extract import Extraction
from archive.extract.dates import DateMention
from archive.extract.entities import FoundEntity
from archive.extract.spans import Span
from archive.ingest import validate
from archive.logic.duplicates import new_records
from archive.logic.ingest import extraction_item, ingest_batch
from archive.logic.writes import store_extracted
from archive.models import Article

BODY = "Storm closes the port of Rotterdam on Monday."


def test_a_batch_gives_one_outcome_per_item_in_order(app):
    with app.app_context():
        session = db.new_session()
        outcomes = ingest_batch(session, app.extensions["archive.index"],
                                [{"body": BODY}, {"body": ""}, {"body": BODY}, "not an object"],
                                app.config["MAX_ARTICLE_CHARS"], app.config["SPACY_MODEL"])
        assert outcomes[0].created and not outcomes[2].created
        assert outcomes[0].article.id == outcomes[2].article.id
        assert isinstance(outcomes[1], ValidationError) and isinstance(outcomes[3], ValidationError)
        assert session.query(Article).count() == 1
        session.close()


def test_new_records_are_the_first_copies_not_yet_stored():
    records = [validate({"body": "One."}), validate({"body": "Two.", "url": "https://example.com/a"}),
               validate({"body": "One."}), validate({"body": "Three.", "url": "https://example.com/a"}),
               validate({"body": "Four."})]
    assert new_records(records, [None, None, None, None, object()]) == [0, 1]


def test_the_extractor_gets_the_body_and_the_publication_day():
    record = validate({"body": BODY, "published_at": "2024-03-04T10:00:00Z"})
    assert extraction_item(record) == (BODY, record.published_at.date())
    assert extraction_item(validate({"body": BODY})) == (BODY, None)


def test_an_import_stores_entities_and_dates_as_given(app):
    found = FoundEntity(kind="place", name="Rotterdam", key="rotterdam", mentions=[Span("Rotterdam", 25, 34)])
    extraction = Extraction(actors=[], places=[found], dates=[DateMention("Monday", "2024-03-04", 38, 44)])
    with app.app_context():
        session = db.new_session()
        [stored] = store_extracted(session, [validate({"body": BODY})], [extraction])
        again = store_extracted(session, [validate({"body": BODY})], [extraction])
        article = session.get(Article, stored.article.id)
        assert stored.created and not again[0].created
        assert [(e.name, e.key) for e in article.entities_of("place")] == [("Rotterdam", "rotterdam")]
        assert [(d.text, d.value) for d in article.dates] == [("Monday", "2024-03-04")]
        assert [(m.text, m.start, m.end) for m in article.mentions] == [("Rotterdam", 25, 34)]
        session.close()
