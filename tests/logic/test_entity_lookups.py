"""Entity lookups (logic/entities.py) on hand-written articles: an underscore taken literally, the kinds
asked for, the ways a name was written, entities of no article."""
from sqlalchemy import select

from archive.logic.entities import aliases, article_count, co_occurring, lookup
from archive.models import ArticleEntity, Entity, Mention
from archive.models.entity import ACTOR_KINDS
from tests.logic.stored import store


def names(results):
    return [entity.name for entity, _n in results]


def test_an_underscore_in_a_prefix_matches_only_itself_not_any_letter(db_session):
    store(db_session, "Fund 100% Green and Alpha_Beta Ltd merged.", ("organization", "100% Green"),
          ("organization", "Alpha_Beta Ltd"), ("organization", "Fund"))
    assert names(lookup(db_session, "100%", ACTOR_KINDS)) == ["100% Green"]
    assert names(lookup(db_session, "alpha_", ACTOR_KINDS)) == ["Alpha_Beta Ltd"]
    assert names(lookup(db_session, "a_", ACTOR_KINDS)) == []  # not LIKE 'a_%': 'al...' would match
    assert names(lookup(db_session, "f_nd", ACTOR_KINDS)) == []


def test_co_occurring_counts_shared_articles_and_keeps_to_the_kinds_asked_for(db_session):
    store(db_session, "Anna Berg met Erik Dahl in Oslo.", ("person", "Anna Berg"), ("person", "Erik Dahl"),
          ("place", "Oslo"))
    store(db_session, "Anna Berg and Erik Dahl flew to Oslo.", ("person", "Anna Berg"), ("person", "Erik Dahl"),
          ("place", "Oslo"))
    store(db_session, "Anna Berg visited Bergen.", ("person", "Anna Berg"), ("place", "Bergen"))
    berg = db_session.scalar(select(Entity).where(Entity.name == "Anna Berg"))
    assert [(e.name, n) for e, n in co_occurring(db_session, berg.id, ("place",))] == [("Oslo", 2), ("Bergen", 1)]
    assert [(e.name, n) for e, n in co_occurring(db_session, berg.id, ACTOR_KINDS)] == [("Erik Dahl", 2)]
    assert co_occurring(db_session, berg.id, ("place",), limit=1)[0][0].name == "Oslo"


def test_the_ways_a_name_was_written_collapse_spaces_and_count_each_mention(db_session):
    body = "Rui  Moreira spoke. Rui Moreira left. Rui\nMoreira came back."
    article = store(db_session, body)
    entity = Entity(kind="person", name="Rui Moreira", key="rui moreira", surname="moreira")
    db_session.add(entity)
    db_session.flush()
    spans = [(0, 12), (20, 31), (38, 49)]
    db_session.add_all([Mention(article_id=article.id, entity_id=entity.id, text=body[a:b], start=a, end=b)
                        for a, b in spans])
    db_session.add(ArticleEntity(article_id=article.id, entity_id=entity.id, mention_count=3, first_start=0))
    db_session.commit()
    assert aliases(db_session, entity.id) == [("Rui Moreira", 3)]
    assert article_count(db_session, entity.id) == 1


def test_an_entity_in_no_article_is_not_looked_up_and_counts_none(db_session):
    db_session.add(Entity(kind="person", name="Nobody Known", key="nobody known"))
    db_session.commit()
    assert lookup(db_session, "nobody", ACTOR_KINDS) == []
    assert article_count(db_session, db_session.scalar(select(Entity.id))) == 0 and article_count(db_session, 999) == 0
