"""Undo (logic/curation.py undo_edit, curation_undo.py) in the order edits depend on each other, on
hand-written articles: what a rejected survivor's undo gives back, edits of other entities in between."""
import pytest
from sqlalchemy import select

from archive.errors import Conflict
from archive.logic.curation import merge_entities, reject_entity, rename_entity, undo_edit
from archive.models import Entity, RejectedName
from tests.logic.stored import actor_names, store


def named(session, name):
    return session.scalar(select(Entity).where(Entity.name == name))


@pytest.fixture
def fed_and_reserve(db_session):
    store(db_session, "The Fed raised rates.", ("organization", "Fed"))
    store(db_session, "The Federal Reserve kept rates.", ("organization", "Federal Reserve"))
    return named(db_session, "Fed"), named(db_session, "Federal Reserve")


def test_undoing_the_reject_of_a_survivor_forgets_the_names_merged_into_it_too(db_session, index, fed_and_reserve):
    fed, reserve = fed_and_reserve
    merge_entities(db_session, index, fed, reserve, "admin")
    reject = reject_entity(db_session, index, reserve, "admin")
    assert sorted(db_session.scalars(select(RejectedName.key))) == ["fed", "federal reserve"]
    skipped = store(db_session, "The Fed spoke.", ("organization", "Fed"))
    assert actor_names(db_session, skipped.id) == set()
    undo_edit(db_session, index, reject, "admin")
    assert list(db_session.scalars(select(RejectedName.key))) == []
    later = store(db_session, "The Fed spoke again.", ("organization", "Fed"))
    assert actor_names(db_session, later.id) == {"Federal Reserve"}  # the merge still stands


def test_the_merge_under_a_reject_waits_until_the_reject_is_undone(db_session, index, fed_and_reserve):
    fed, reserve = fed_and_reserve
    merge = merge_entities(db_session, index, fed, reserve, "admin")
    reject = reject_entity(db_session, index, reserve, "admin")
    with pytest.raises(Conflict, match=f"#{reject.id} \\(reject\\)"):
        undo_edit(db_session, index, merge, "admin")
    undo_edit(db_session, index, reject, "admin")
    undo_edit(db_session, index, merge, "admin")
    assert fed.merged_into_id is None


def test_an_edit_of_another_entity_in_between_does_not_hold_an_undo_back(db_session, index, fed_and_reserve):
    fed, reserve = fed_and_reserve
    first = rename_entity(db_session, index, fed, "US Fed", "admin")
    rename_entity(db_session, index, reserve, "Federal Reserve System", "admin")
    undo_edit(db_session, index, first, "admin")
    assert (fed.name, reserve.name) == ("Fed", "Federal Reserve System")
