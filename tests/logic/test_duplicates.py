"""Duplicates of a batch are found in two queries with find_duplicate's answer for each record:
the article with the same URL first, else the one with the same body."""
from archive import db
from archive.ingest import validate
from archive.logic.duplicates import find_duplicate, find_duplicates
from archive.logic.ingest import ingest_articles


def test_a_batch_finds_what_each_record_would_find(app):
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        model = app.config["SPACY_MODEL"]
        stored = ingest_articles(session, store, [
            validate({"body": "Rail strike in Milan halts trains.", "url": "https://example.com/milan"}),
            validate({"body": "Storm closes the port of Rotterdam."})], model)
        milan, rotterdam = (result.article for result in stored)
        records = [
            validate({"body": "A new text at the same address.", "url": "https://example.com/milan"}),
            validate({"body": "Storm closes the port of Rotterdam.", "url": "https://example.com/new"}),
            validate({"body": "Storm closes the port of Rotterdam."}),
            validate({"body": "Storm closes the port of Rotterdam.", "url": "https://example.com/milan"}),
            validate({"body": "Nothing like it was stored.", "url": "https://example.com/other"}),
            validate({"body": "Nor was this."}),
        ]
        found = find_duplicates(session, records)
        assert [a.id if a else None for a in found] == [milan.id, rotterdam.id, rotterdam.id, milan.id, None, None]
        assert found == [find_duplicate(session, record) for record in records]
        session.close()
