"""Entity lookups on a real archive: prefix search, the ways a name was written, counts, co-mentions."""
import pytest

from archive import db
from archive.ingest import validate
from archive.logic.curation import rename_entity
from archive.logic.entities import aliases, article_count, co_occurring, lookup
from archive.logic.ingest import ingest_articles
from archive.models.entity import ACTOR_KINDS

TEXTS = [
    "Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Monday to discuss energy prices.",
    "President Emmanuel Macron opened a bridge in Lyon. Macron spoke for ten minutes.",
]


@pytest.fixture
def session(app):
    with app.app_context():
        session = db.new_session()
        ingest_articles(session, app.extensions["archive.index"], [validate({"body": text}) for text in TEXTS],
                        app.config["SPACY_MODEL"])
        yield session
        session.close()


def named(results, name):
    return next(n for entity, n in results if entity.name == name)


def test_lookup_finds_a_prefix_of_any_word_most_articles_first(session):
    found = lookup(session, "mac", ACTOR_KINDS)
    assert found[0][0].name == "Emmanuel Macron" and found[0][1] == 2
    assert [entity.name for entity, _n in lookup(session, "sch", ACTOR_KINDS)] == ["Olaf Scholz"]
    assert lookup(session, "zzz", ACTOR_KINDS) == []


def test_lookup_is_limited_to_the_kinds_asked_for(session):
    assert all(entity.kind in ACTOR_KINDS for entity, _n in lookup(session, "", ACTOR_KINDS))
    assert not [entity for entity, _n in lookup(session, "mac", ("place",))]


def test_aliases_count_how_texts_wrote_the_name(session):
    macron = lookup(session, "macron", ACTOR_KINDS)[0][0]
    written = dict(aliases(session, macron.id))
    assert written["Emmanuel Macron"] == 2 and written["Macron"] == 1


def test_article_count_and_co_occurring(session):
    macron = lookup(session, "macron", ACTOR_KINDS)[0][0]
    scholz = lookup(session, "scholz", ACTOR_KINDS)[0][0]
    assert article_count(session, macron.id) == 2 and article_count(session, scholz.id) == 1
    assert named(co_occurring(session, macron.id, ACTOR_KINDS), "Olaf Scholz") == 1
    assert all(entity.id != macron.id for entity, _n in co_occurring(session, macron.id, ACTOR_KINDS))


def test_lookup_finds_an_entity_by_a_name_it_had_before_a_rename_and_honours_the_limit(app, session):
    macron = lookup(session, "macron", ACTOR_KINDS)[0][0]
    rename_entity(session, app.extensions["archive.index"], macron, "Le Président", "admin")
    assert [entity.id for entity, _n in lookup(session, "macron", ACTOR_KINDS)] == [macron.id]
    assert [entity.id for entity, _n in lookup(session, "prés", ACTOR_KINDS)] == [macron.id]
    assert len(lookup(session, "", ACTOR_KINDS, limit=1)) == 1
