"""Entity edits (logic/curation.py, curation_undo.py) on articles stored from hand-written extractions:
merges of merges, finding an entity by any name, aliases that travel with a merge, what each edit logs."""
import pytest
from sqlalchemy import func, select

from archive.errors import Conflict, NotFound, ValidationError
from archive.logic.curation import (current_entity, entity_or_404, find_entity, merge_entities, reject_entity,
                                    rename_entity, undo_edit)
from archive.logic.delete import delete_article
from archive.logic.entities import article_count, lookup
from archive.models import Article, ArticleEntity, Change, Entity, EntityAlias, Mention
from archive.models.base import MAX_ID
from archive.models.entity import ACTOR_KINDS
from tests.logic.stored import actor_names, store

TEXTS = [("The Fed raised rates.", "Fed"), ("The Federal Reserve kept rates.", "Federal Reserve"),
         ("The Federal Reserve Board met.", "Federal Reserve Board")]


@pytest.fixture
def three(db_session):
    """Three articles naming one central bank three ways; returns the articles and the entities."""
    articles = [store(db_session, body, ("organization", name)) for body, name in TEXTS]
    return articles, [named(db_session, name) for _body, name in TEXTS]


def named(session, name: str) -> Entity:
    return session.scalar(select(Entity).where(Entity.name == name))


def rows(session) -> dict:
    session.expire_all()
    return {"links": sorted(session.execute(select(ArticleEntity.article_id, ArticleEntity.entity_id,
                                                   ArticleEntity.mention_count)).all()),
            "mentions": sorted(session.execute(select(Mention.id, Mention.entity_id)).all()),
            "merged": sorted(session.execute(select(Entity.id, Entity.merged_into_id)).all()),
            "aliases": sorted(session.execute(select(EntityAlias.entity_id, EntityAlias.key)).all())}


def test_a_merge_of_a_merge_lands_on_the_last_survivor_and_undoes_in_reverse(db_session, index, three):
    articles, (fed, reserve, board) = three
    before = rows(db_session)
    first = merge_entities(db_session, index, fed, reserve, "admin")
    second = merge_entities(db_session, index, reserve, board, "admin")
    assert [actor_names(db_session, a.id) for a in articles] == [{"Federal Reserve Board"}] * 3
    assert current_entity(db_session, fed) is board and article_count(db_session, board.id) == 3
    assert [e.name for e, _n in lookup(db_session, "fed", ACTOR_KINDS)] == ["Federal Reserve Board"]
    with pytest.raises(Conflict, match=f"undo them first: #{second.id} \\(merge\\)"):
        undo_edit(db_session, index, first, "admin")
    undo_edit(db_session, index, second, "admin")
    assert article_count(db_session, reserve.id) == 2 and article_count(db_session, board.id) == 1
    undo_edit(db_session, index, first, "admin")
    assert rows(db_session) == before


def test_undo_of_a_merge_waits_for_a_later_merge_into_the_same_survivor(db_session, index, three):
    _articles, (fed, reserve, board) = three
    first = merge_entities(db_session, index, fed, reserve, "admin")
    later = merge_entities(db_session, index, board, reserve, "admin")
    with pytest.raises(Conflict, match=f"#{later.id} \\(merge\\)"):
        undo_edit(db_session, index, first, "admin")
    undo_edit(db_session, index, later, "admin")
    undo_edit(db_session, index, first, "admin")
    assert [article_count(db_session, e.id) for e in (fed, reserve, board)] == [1, 1, 1]


def test_find_entity_follows_a_merge_to_the_survivor(db_session, index, three):
    _articles, (fed, reserve, _board) = three
    merge_entities(db_session, index, fed, reserve, "admin")
    assert find_entity(db_session, "FED", "actor") is reserve  # the old name is an alias of the survivor
    assert find_entity(db_session, str(fed.id), "actor") is fed  # an id is taken as given


def test_find_entity_does_not_find_a_name_marked_not_an_entity(db_session, index, three):
    _articles, (fed, _reserve, _board) = three
    reject_entity(db_session, index, fed, "admin")
    with pytest.raises(NotFound, match="no actor named 'Fed'"):
        find_entity(db_session, "Fed", "actor")
    assert current_entity(db_session, fed) is None


def test_find_entity_asks_for_an_id_when_a_name_is_ambiguous(db_session):
    store(db_session, "Jordan scored twice.", ("person", "Jordan"))
    db_session.add(Entity(kind="organization", name="Jordan", key="jordan"))  # the model's other reading
    db_session.commit()
    ids = sorted(db_session.scalars(select(Entity.id).where(Entity.key == "jordan")))
    with pytest.raises(ValidationError) as refused:
        find_entity(db_session, "jordan", "actor")
    assert refused.value.message == f"'jordan' names several entities; give the id of one: " \
        f"Jordan (#{ids[0]}), Jordan (#{ids[1]})"


@pytest.mark.parametrize("value, error", [("", ValidationError), ("  ", ValidationError), ("x" * 301, ValidationError),
                                          ("Fed\x00", ValidationError), ("0", NotFound), ("9" * 25, NotFound),
                                          (str(MAX_ID + 1), NotFound), ("Nobody", NotFound)])
def test_find_entity_refuses_what_names_no_entity(db_session, three, value, error):
    with pytest.raises(error):
        find_entity(db_session, value, "actor")


def test_entity_or_404_refuses_ids_out_of_range_without_a_query(db_session, three):
    _articles, (fed, _reserve, _board) = three
    assert entity_or_404(db_session, fed.id) is fed
    for entity_id in (0, -1, MAX_ID + 1, fed.id + 100):
        with pytest.raises(NotFound, match=f"no entity with id {entity_id}"):
            entity_or_404(db_session, entity_id)


def test_a_renamed_entitys_aliases_travel_with_a_merge_and_come_back_on_undo(db_session, index, three):
    _articles, (fed, reserve, _board) = three
    rename_entity(db_session, index, fed, "US Fed", "admin")
    assert rows(db_session)["aliases"] == [(fed.id, "us fed")]  # its key, 'fed', finds it already
    merge = merge_entities(db_session, index, fed, reserve, "admin")
    assert (fed.id, "us fed") not in rows(db_session)["aliases"]
    assert [e.id for e, _n in lookup(db_session, "us fed", ACTOR_KINDS)] == [reserve.id]
    undo_edit(db_session, index, merge, "admin")
    assert rows(db_session)["aliases"] == [(fed.id, "us fed")]


def test_a_merged_entity_is_found_by_its_first_name_even_after_a_rename(db_session, index):
    store(db_session, "The Beeb showed the match.", ("organization", "Beeb"))
    store(db_session, "The British Broadcasting Corporation showed it.",
          ("organization", "British Broadcasting Corporation"))
    beeb, bbc = named(db_session, "Beeb"), named(db_session, "British Broadcasting Corporation")
    rename_entity(db_session, index, beeb, "BBC One", "admin")
    merge_entities(db_session, index, beeb, bbc, "admin")
    for prefix in ("beeb", "bbc one"):
        assert [e.id for e, _n in lookup(db_session, prefix, ACTOR_KINDS)] == [bbc.id], prefix
    assert find_entity(db_session, "Beeb", "actor") is bbc


def test_a_rename_that_changes_only_case_adds_no_alias_and_the_same_name_is_refused(db_session, index, three):
    _articles, (fed, _reserve, _board) = three
    with pytest.raises(ValidationError, match="already called 'Fed'"):
        rename_entity(db_session, index, fed, " Fed ", "admin")
    edit = rename_entity(db_session, index, fed, "FED", "admin")
    assert (fed.name, edit.undo_data, rows(db_session)["aliases"]) == ("FED", {"aliases": []}, [])


def test_a_person_merges_into_an_organisation_but_a_place_into_neither(db_session, index):
    store(db_session, "Goldman Sachs met Sachs in Frankfurt.", ("organization", "Goldman Sachs"),
          ("person", "Sachs"), ("place", "Frankfurt"))
    sachs, goldman, frankfurt = (named(db_session, n) for n in ("Sachs", "Goldman Sachs", "Frankfurt"))
    with pytest.raises(ValidationError, match="cannot merge a place into a organization"):
        merge_entities(db_session, index, frankfurt, goldman, "admin")
    merge_entities(db_session, index, sachs, goldman, "admin")
    assert sachs.merged_into_id == goldman.id


def test_an_entity_merged_away_cannot_be_rejected_or_merged_again(db_session, index, three):
    _articles, (fed, reserve, board) = three
    merge_entities(db_session, index, fed, reserve, "admin")
    with pytest.raises(Conflict, match=f"entity #{fed.id} was merged into #{reserve.id}; edit that one"):
        reject_entity(db_session, index, fed, "admin")
    with pytest.raises(Conflict, match="was merged into"):
        merge_entities(db_session, index, fed, board, "admin")
    with pytest.raises(Conflict, match="was merged into"):
        merge_entities(db_session, index, board, fed, "admin")


def test_a_rejected_place_leaves_the_actor_of_the_same_name_alone(db_session, index):
    store(db_session, "Jordan flooded.", ("place", "Jordan"))
    reject_entity(db_session, index, named(db_session, "Jordan"), "admin")
    later = store(db_session, "Jordan said Jordan would help.", ("person", "Jordan"), ("place", "Jordan"))
    db_session.refresh(later)
    assert [(e.kind, e.name) for e in later.entities_of("person", "place")] == [("person", "Jordan")]


def test_a_merge_logs_a_change_for_each_article_of_the_merged_entity_a_rename_none(db_session, index, three):
    articles, (fed, reserve, _board) = three
    logged = db_session.scalar(select(func.max(Change.seq)))

    def changed():
        return list(db_session.scalars(select(Change.article_id).where(Change.seq > logged).order_by(Change.seq)))

    rename_entity(db_session, index, reserve, "Federal Reserve System", "admin")
    assert changed() == []
    merge_entities(db_session, index, fed, reserve, "admin")
    assert changed() == [articles[0].id]
    assert index.applied_seq() == db_session.scalar(select(func.max(Change.seq)))  # the index followed


def test_undo_of_a_reject_after_one_of_its_articles_was_deleted_restores_the_rest(db_session, index):
    first = store(db_session, "Erna Solberg spoke in Oslo.", ("person", "Erna Solberg"))
    second = store(db_session, "Erna Solberg spoke in Bergen.", ("person", "Erna Solberg"))
    solberg = named(db_session, "Erna Solberg")
    edit = reject_entity(db_session, index, solberg, "admin")
    delete_article(db_session, index, db_session.get(Article, first.id))
    undo_edit(db_session, index, edit, "admin")
    assert article_count(db_session, solberg.id) == 1 and actor_names(db_session, second.id) == {"Erna Solberg"}
    assert db_session.scalar(select(func.count()).select_from(Mention)) == 1
