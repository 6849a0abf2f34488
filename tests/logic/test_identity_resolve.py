"""Which stored entity a name is (logic/identity.py), on a real database with extractions written out
by hand: surnames shared by two people, time, merges, imports, aliases and the actor group."""
from sqlalchemy import func, select

from archive.extract import Extraction
from archive.extract.names import fold
from archive.ingest import validate
from archive.logic.curation import merge_entities
from archive.logic.identity import identity, new_entity
from archive.logic.writes import store_all
from archive.models import Entity, EntityAlias
from tests.logic.stored import actor_names, extraction, found, store

ANNA = "Minister Anna Berg spoke in Oslo on Monday."
ERIK = "Judge Erik Berg ruled in Bergen on Friday."


def two_bergs(session, anna_day=None, erik_day=None):
    store(session, ANNA, ("person", "Anna Berg"), ("place", "Oslo"), published_at=anna_day)
    store(session, ERIK, ("person", "Erik Berg"), ("place", "Bergen"), published_at=erik_day)


def test_a_surname_shared_by_two_people_joins_the_one_its_article_shares_a_place_with(db_session):
    two_bergs(db_session)
    in_oslo = store(db_session, "Berg was back in Oslo.", ("person", "Berg"), ("place", "Oslo"))
    in_bergen = store(db_session, "Berg stayed in Bergen.", ("person", "Berg"), ("place", "Bergen"))
    assert actor_names(db_session, in_oslo.id) == {"Anna Berg"}
    assert actor_names(db_session, in_bergen.id) == {"Erik Berg"}


def test_a_surname_shared_by_two_people_with_no_context_stays_its_own_actor(db_session):
    two_bergs(db_session)
    alone = store(db_session, "Berg declined to comment.", ("person", "Berg"))
    assert actor_names(db_session, alone.id) == {"Berg"}
    assert db_session.scalar(select(func.count()).select_from(Entity).where(Entity.key == "berg")) == 1


def test_time_decides_between_two_namesakes_when_nothing_else_does(db_session):
    two_bergs(db_session, anna_day="2005-01-01T00:00:00Z", erik_day="1990-01-01T00:00:00Z")
    recent = store(db_session, "Berg declined to comment.", ("person", "Berg"), published_at="2005-01-03T00:00:00Z")
    assert actor_names(db_session, recent.id) == {"Anna Berg"}  # 15 years nearer: 94% of the evidence


def test_an_import_naming_a_merged_entity_links_the_survivor(db_session, index):
    first = store(db_session, "The Fed and the Federal Reserve Board met.", ("organization", "Fed"),
                  ("organization", "Federal Reserve Board"))
    fed, board = (db_session.scalar(select(Entity).where(Entity.name == name))
                  for name in ("Fed", "Federal Reserve Board"))
    merge_entities(db_session, index, fed, board, "admin")
    imported = store(db_session, "The Fed said rates would rise.", ("organization", "Fed"), exact=True)
    assert actor_names(db_session, imported.id) == actor_names(db_session, first.id) == {"Federal Reserve Board"}


def test_a_full_name_earlier_in_the_same_batch_is_a_candidate(db_session):
    bodies = ["Tony Blair met union leaders in London.", "Blair said the plan would work."]
    results = store_all(db_session, [validate({"body": body}) for body in bodies],
                        [extraction(bodies[0], ("person", "Tony Blair"), ("place", "London")),
                         extraction(bodies[1], ("person", "Blair"))])
    assert [actor_names(db_session, r.article.id) for r in results] == [{"Tony Blair"}, {"Tony Blair"}]


def test_an_import_takes_each_name_as_exported_and_joins_no_surname(db_session):
    store(db_session, "Tony Blair met union leaders in London.", ("person", "Tony Blair"))
    imported = store(db_session, "Blair said the plan would work.", ("person", "Blair"), exact=True)
    assert actor_names(db_session, imported.id) == {"Blair"}


def test_an_organisations_other_name_is_remembered_for_later_articles(db_session):
    body = "The European Union (EU) said spending would rise."
    eu = found(body, "organization", "European Union", aliases=("EU",))
    store_all(db_session, [validate({"body": body})], [Extraction([eu], [], [])])
    assert [(a.name, a.key) for a in db_session.scalars(select(EntityAlias))] == [("EU", "eu")]
    later = store(db_session, "The EU said taxes would not rise.", ("organization", "EU"))
    assert actor_names(db_session, later.id) == {"European Union"}


def test_a_person_and_an_organisation_of_one_name_are_one_actor(db_session):
    first = store(db_session, "Goldman Sachs said rates would rise.", ("organization", "Goldman Sachs"))
    second = store(db_session, "Goldman Sachs was wrong again.", ("person", "Goldman Sachs"))
    assert actor_names(db_session, second.id) == actor_names(db_session, first.id) == {"Goldman Sachs"}
    assert db_session.scalar(select(func.count()).select_from(Entity)) == 1


def test_identity_groups_actors_and_new_entity_keeps_a_persons_surname_only():
    body = "Anna Berg of Berg Industries visited Oslo."
    person, company = found(body, "person", "Anna Berg"), found(body, "organization", "Berg Industries")
    oslo = found(body, "place", "Oslo")
    assert identity(person) == ("actor", "anna berg") and identity(company) == ("actor", "berg industries")
    assert identity(oslo) == ("place", "oslo")
    assert new_entity(person).surname == "berg" and new_entity(company).surname is None
    assert new_entity(found("Berg said no.", "person", "Berg")).surname is None  # a surname alone has none
    assert (new_entity(oslo).place_kind, new_entity(oslo).key) == ("city", fold("Oslo"))
