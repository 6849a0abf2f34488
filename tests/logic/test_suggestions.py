"""Merge suggestions (logic/suggestions.py) on a real archive: what is proposed, in what order, and
that merged-away and rejected entities are left out."""
import pytest

from archive import db
from archive.ingest import validate
from archive.logic.curation import merge_entities, reject_entity
from archive.logic.ingest import ingest_articles
from archive.logic.suggestions import merge_suggestions

TEXTS = ["Blair said on Monday that the plan would work.",
         "Tony Blair met union leaders in London on Tuesday.",
         "The WFP said food aid would reach Sudan next week.",
         "The World Food Programme said aid would reach Darfur.",
         "The World Food Programme sent trucks to Chad on Friday."]


@pytest.fixture
def session(app):
    with app.app_context():
        session = db.new_session()
        for text in TEXTS:  # one at a time, as posted: a batch would match 'Blair' to 'Tony Blair' at once
            ingest_articles(session, app.extensions["archive.index"], [validate({"body": text})],
                            app.config["SPACY_MODEL"])
        session.store = app.extensions["archive.index"]
        yield session
        session.close()


def pairs(session, **limit):
    return [(s.reason, s.entity.name, s.into.name) for s in merge_suggestions(session, **limit)]


def test_pairs_with_most_articles_come_first_and_the_limit_cuts_the_list(session):
    assert pairs(session) == [("acronym", "WFP", "World Food Programme"), ("surname", "Blair", "Tony Blair")]
    first = merge_suggestions(session)[0]
    assert (first.entity_articles, first.into_articles) == (1, 2)
    assert pairs(session, limit=1) == [("acronym", "WFP", "World Food Programme")]


def test_merged_and_rejected_entities_are_not_suggested(session):
    wfp, blair = merge_suggestions(session)
    merge_entities(session, session.store, wfp.entity, wfp.into, "admin")
    assert pairs(session) == [("surname", "Blair", "Tony Blair")]
    reject_entity(session, session.store, blair.entity, "admin")
    assert pairs(session) == []
