"""Restoring a deleted article (logic/deleted.py): the change-log rows the index follows, and a
restore that another request got to first."""
import pytest
from sqlalchemy import func, select

from archive import db
from archive.errors import NotFound
from archive.logic.delete import delete_article
from archive.logic.deleted import restore_deleted
from archive.models import Article, Change, DeletedArticle
from archive.models.change import UPSERT
from tests.logic.test_delete_article import BODY, stored_copies
from tests.logic.stored import store


def delete_keeping(session, index, article) -> int:
    """Delete `article`, keeping its copy; returns the copy's id."""
    article_id = article.id
    delete_article(session, index, article, kept_by="editor")
    return session.scalar(select(DeletedArticle.id).where(DeletedArticle.article_id == article_id))


def test_a_restored_first_copy_logs_itself_and_the_copies_whose_group_it_takes_back(db_session, index):
    first, copy, second_copy = stored_copies(db_session, "deak_first", "deak_copy", "deak_second_copy")
    ids = (first.id, copy.id, second_copy.id)
    kept_id = delete_keeping(db_session, index, first)
    seq = Change.last_seq(db_session)
    result = restore_deleted(db_session, index, db_session.get(DeletedArticle, kept_id))
    assert result.created and result.article.id == ids[0]
    db_session.expire_all()
    groups = [db_session.get(Article, article_id).dup_group_id for article_id in ids]
    assert groups == [None, ids[0], ids[0]]
    changed = db_session.execute(select(Change.article_id, Change.op).where(Change.seq > seq))
    assert sorted(changed) == sorted((article_id, UPSERT) for article_id in ids)
    assert index.doc_count() == 3


def test_a_copy_restored_meanwhile_by_another_request_gives_not_found(app, db_session, index):
    article_id = store(db_session, BODY).id
    kept_id = delete_keeping(db_session, index, db_session.get(Article, article_id))
    kept = db_session.get(DeletedArticle, kept_id)  # this request read it; then another restores it
    other = db.new_session()
    restore_deleted(other, index, other.get(DeletedArticle, kept_id))
    other.close()
    with pytest.raises(NotFound, match=f"no deleted article with id {kept_id}"):
        restore_deleted(db_session, index, kept)
    assert db_session.scalar(select(func.count()).select_from(Article)) == 1
    assert db_session.get(Article, article_id).body == BODY and index.doc_count() == 1
