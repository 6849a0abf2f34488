"""Undo of renames and rejects (logic/curation_undo.py through undo_edit), on a real archive:
what the edit changed comes back exactly, and an edit is undone only once."""
import pytest

from archive import db
from archive.errors import Conflict, ValidationError
from archive.ingest import validate
from archive.logic.curation import clean_name, reject_entity, rename_entity, undo_edit
from archive.logic.entities import article_count, lookup
from archive.logic.ingest import ingest_articles
from archive.models import EntityAlias, Mention, RejectedName
from archive.models.entity import ACTOR_KINDS

TEXTS = ["Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Monday.",
         "Olaf Scholz opened a school in Hamburg on Friday."]


@pytest.fixture
def archive(app):
    with app.app_context():
        session = db.new_session()
        ingest_articles(session, app.extensions["archive.index"], [validate({"body": t}) for t in TEXTS],
                        app.config["SPACY_MODEL"])
        yield session, app.extensions["archive.index"]
        session.close()


def scholz(session):
    return next(entity for entity, _n in lookup(session, "scholz", ACTOR_KINDS) if entity.name == "Olaf Scholz")


def test_undo_of_a_rename_gives_the_name_back_and_drops_the_aliases_it_added(archive):
    session, store = archive
    entity = scholz(session)
    aliases_before = session.query(EntityAlias).count()
    edit = rename_entity(session, store, entity, "  Chancellor   Scholz ", "admin")
    assert entity.name == "Chancellor Scholz" and session.query(EntityAlias).count() > aliases_before
    undo_edit(session, store, edit, "admin")
    assert entity.name == "Olaf Scholz" and session.query(EntityAlias).count() == aliases_before
    with pytest.raises(Conflict):
        undo_edit(session, store, edit, "admin")


def test_undo_of_a_reject_puts_back_links_and_mentions(archive):
    session, store = archive
    entity = scholz(session)
    mentions = session.query(Mention).filter_by(entity_id=entity.id).count()
    edit = reject_entity(session, store, entity, "admin")
    assert article_count(session, entity.id) == 0 and session.query(RejectedName).count() >= 1
    undo_edit(session, store, edit, "admin")
    assert article_count(session, entity.id) == 2
    assert session.query(Mention).filter_by(entity_id=entity.id).count() == mentions
    assert session.query(RejectedName).count() == 0


@pytest.mark.parametrize("name", ["", "   ", 7, "x" * 1000, "\x07bell", "..."])
def test_a_display_name_must_be_a_short_string_with_letters(name):
    with pytest.raises(ValidationError):
        clean_name(name)
