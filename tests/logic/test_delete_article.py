"""Deleting an article (logic/delete.py): what goes with it, what stays, its place as a duplicate's
original, and a delete that another request got to first."""
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive import db
from archive.errors import NotFound
from archive.ingest import validate
from archive.logic.delete import delete_article
from archive.logic.duplicates import find_duplicate
from archive.logic.index_sync import sync_index
from archive.logic.near_duplicates import members
from archive.logic.writes import store_all
from archive.models import Article, ArticleDate, ArticleEntity, Change, Entity, Mention
from archive.models.change import DELETE
from tests.logic.stored import extraction, store

STORIES = json.loads((Path(__file__).parents[1] / "fixtures" / "near_duplicates.json").read_text())
BODY = "Floods reached Porto on Monday, the mayor Rui Moreira said."


def count(session, table) -> int:
    return session.scalar(select(func.count()).select_from(table))


def stored_copies(session, *names):
    return [store(session, STORIES[name]["body"]) for name in names]


def test_the_article_goes_with_its_links_mentions_and_dates_but_its_entities_stay(db_session, index):
    found = extraction(BODY, ("place", "Porto"), ("person", "Rui Moreira"), dates=(("Monday", "XXXX-WXX-1"),))
    [result] = store_all(db_session, [validate({"body": BODY})], [found])
    sync_index(db_session, index)
    assert index.doc_count() == 1 and count(db_session, Mention) == 2 and count(db_session, ArticleDate) == 1
    article_id = result.article.id
    delete_article(db_session, index, result.article)
    assert [count(db_session, table) for table in (Article, ArticleEntity, Mention, ArticleDate)] == [0, 0, 0, 0]
    assert count(db_session, Entity) == 2  # other articles may name them; suggestions skip them
    assert db_session.scalar(select(Change.op).where(Change.article_id == article_id).order_by(Change.seq.desc())) \
        == DELETE
    assert index.doc_count() == 0


def test_once_an_original_is_deleted_its_copy_is_a_new_article_with_a_new_id(db_session, index):
    original = store(db_session, BODY, url="https://example.com/porto")
    original_id = original.id
    assert store(db_session, BODY).id == original_id  # a copy: the original is returned
    delete_article(db_session, index, original)
    record = validate({"body": BODY, "url": "https://example.com/porto"})
    assert find_duplicate(db_session, record) is None
    again = store(db_session, BODY, url="https://example.com/porto")
    assert again.id > original_id  # an id is never reused: old links never reach the new article


def test_deleting_a_later_copy_leaves_its_group_as_it_was(db_session, index):
    first, copy, second_copy = stored_copies(db_session, "deak_first", "deak_copy", "deak_second_copy")
    assert second_copy.dup_group_id == first.id
    seq = db_session.scalar(select(func.max(Change.seq)))
    delete_article(db_session, index, copy)
    assert [a.id for a in members(db_session, first.id)] == [first.id, second_copy.id]
    assert list(db_session.scalars(select(Change.op).where(Change.seq > seq))) == [DELETE]  # no other article changed


def test_deleting_the_original_of_a_group_hands_it_on_with_an_index_update_for_each_copy(db_session, index):
    first, copy, second_copy = stored_copies(db_session, "deak_first", "deak_copy", "deak_second_copy")
    seq = db_session.scalar(select(func.max(Change.seq)))
    delete_article(db_session, index, first)
    db_session.expire_all()
    assert (db_session.get(Article, copy.id).dup_group_id, db_session.get(Article, second_copy.id).dup_group_id) == \
        (None, copy.id)
    changed = db_session.execute(select(Change.article_id, Change.op).where(Change.seq > seq).order_by(Change.seq))
    assert sorted(changed) == sorted([(copy.id, "upsert"), (second_copy.id, "upsert"), (first.id, DELETE)])


def test_an_article_deleted_meanwhile_by_another_request_gives_not_found(app, db_session, index):
    article = store(db_session, BODY)
    article_id = article.id
    other = db.new_session()
    delete_article(other, index, other.get(Article, article_id))
    other.close()
    with pytest.raises(NotFound, match=f"no article with id {article_id}"):
        delete_article(db_session, index, article)
    assert count(db_session, Article) == 0 and index.doc_count() == 0
