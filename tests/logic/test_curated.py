"""What admins' curation changes at ingest (logic/curated.py), through real ingests and real edits:
a rejected name is not stored again, a name of a merged entity is stored under its survivor."""
import pytest

from archive import db
from archive.extract import Extraction
from archive.extract.entities import FoundEntity
from archive.extract.spans import Span
from archive.ingest import validate
from archive.logic.curated import without_rejected
from archive.logic.curation import merge_entities, reject_entity
from archive.logic.entities import article_count, lookup
from archive.logic.ingest import ingest_articles
from archive.models import Entity, RejectedName
from archive.models.entity import ACTOR_KINDS


@pytest.fixture
def ingest(app):
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]

        def ingest(*texts):
            return ingest_articles(session, store, [validate({"body": text}) for text in texts],
                                   app.config["SPACY_MODEL"])
        ingest.session, ingest.store = session, store
        yield ingest
        session.close()


def actor(session, name):
    return next(entity for entity, _n in lookup(session, name.lower(), ACTOR_KINDS) if entity.name == name)


def test_a_rejected_name_is_skipped_by_later_ingests(ingest):
    ingest("Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Monday.")
    scholz = actor(ingest.session, "Olaf Scholz")
    reject_entity(ingest.session, ingest.store, scholz, "admin")
    [result] = ingest("Olaf Scholz and Emmanuel Macron spoke again in Paris on Friday.")
    names = {entity.name for entity in result.article.entities_of(*ACTOR_KINDS)}
    assert "Olaf Scholz" not in names and "Emmanuel Macron" in names


def test_a_merged_name_is_stored_under_the_entity_it_was_merged_into(ingest):
    ingest("Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Monday.")
    scholz, macron = actor(ingest.session, "Olaf Scholz"), actor(ingest.session, "Emmanuel Macron")
    merge_entities(ingest.session, ingest.store, scholz, macron, "admin")
    [result] = ingest("Olaf Scholz opened a school in Hamburg on Friday.")
    linked = [entity.id for entity in result.article.entities_of(*ACTOR_KINDS)]
    assert macron.id in linked and scholz.id not in linked
    assert article_count(ingest.session, macron.id) == 2
    assert ingest.session.get(Entity, scholz.id).merged_into_id == macron.id


def test_without_rejected_matches_the_key_or_the_folded_name_within_the_kind_group(app):
    def found(kind, name, key):
        return FoundEntity(kind=kind, name=name, key=key, mentions=[Span(name, 0, len(name))])

    with app.app_context():
        session = db.new_session()
        extractions = [Extraction(actors=[found("person", "Hé", "x1"), found("organization", "He", "he")],
                                  places=[found("place", "He", "geonames:1")], dates=[])]
        assert without_rejected(session, extractions) is extractions  # nothing rejected: nothing copied
        session.add(RejectedName(kind_group="actor", key="he", name="he"))
        session.commit()
        [kept] = without_rejected(session, extractions)
        assert kept.actors == [] and [p.name for p in kept.places] == ["He"]  # places are another group
        session.close()
