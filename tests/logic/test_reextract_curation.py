"""Curation wins over re-extraction (logic/reextract.py): after `archive re-extract` a merged name is
still the survivor, a rejected name stays away, a renamed entity keeps its name; with the real model."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from archive.index.sync import index_lag
from archive.ingest import validate
from archive.logic.curation import merge_entities, reject_entity, rename_entity
from archive.logic.ingest import ingest_articles
from archive.logic.reextract import Selection, article_ids, re_extract, re_extract_batch, resume_after
from archive.models import Article, Entity, Mention
from archive.models.base import utcnow
from archive.models.entity import ACTOR_KINDS

TEXTS = ["Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Monday.",
         "Olaf Scholz opened a school in Hamburg on Friday."]


@pytest.fixture
def archive(app, db_session, index):
    results = ingest_articles(db_session, index, [validate({"body": text}) for text in TEXTS],
                              app.config["SPACY_MODEL"])
    return [result.article.id for result in results]


def again(app, db_session, index, ids):
    re_extract_batch(db_session, index, ids, app.config["SPACY_MODEL"])
    return [{e.name for e in db_session.get(Article, i).entities_of(*ACTOR_KINDS)} for i in ids]


def named(session, name):
    return session.scalar(select(Entity).where(Entity.name == name))


def test_re_extraction_keeps_a_merge(app, db_session, index, archive):
    scholz, macron = named(db_session, "Olaf Scholz"), named(db_session, "Emmanuel Macron")
    merge_entities(db_session, index, scholz, macron, "admin")
    assert again(app, db_session, index, archive) == [{"Emmanuel Macron"}, {"Emmanuel Macron"}]
    assert db_session.scalars(select(Mention.entity_id).where(Mention.entity_id == scholz.id)).first() is None


def test_re_extraction_does_not_bring_back_a_rejected_name(app, db_session, index, archive):
    reject_entity(db_session, index, named(db_session, "Olaf Scholz"), "admin")
    assert again(app, db_session, index, archive) == [{"Emmanuel Macron"}, set()]


def test_re_extraction_keeps_a_renamed_entity_and_its_new_name(app, db_session, index, archive):
    scholz = named(db_session, "Olaf Scholz")
    rename_entity(db_session, index, scholz, "Chancellor Scholz", "admin")
    assert again(app, db_session, index, archive) == [{"Chancellor Scholz", "Emmanuel Macron"}, {"Chancellor Scholz"}]
    assert [e.id for e in db_session.get(Article, archive[1]).entities_of(*ACTOR_KINDS)] == [scholz.id]
    assert index_lag(db_session, index) == 0 and index.doc_count() == 2  # the index followed


def test_an_empty_selection_does_nothing_and_leaves_no_state(app, db_session, index, tmp_path):
    state = tmp_path / "re-extract.json"
    state.write_text(json.dumps({"selection": {"all": True, "since": None, "ids": []}, "last_id": 7}))
    assert re_extract(db_session, index, [], app.config["SPACY_MODEL"], state, Selection(all=True)) == 0
    assert not state.exists()


def test_a_selection_by_day_and_ids_takes_the_articles_meeting_both(db_session, archive):
    db_session.execute(update(Article).where(Article.id == archive[0]).values(ingested_at=utcnow() - timedelta(days=9)))
    db_session.commit()
    since = (utcnow() - timedelta(days=1)).date().isoformat()
    assert article_ids(db_session, Selection(since=since, ids=tuple(archive))) == [archive[1]]
    assert article_ids(db_session, Selection(ids=(archive[0] + 100,))) == []


@pytest.mark.parametrize("saved", [{"last_id": 4}, {"selection": {"all": True}, "last_id": 4},
                                   {"selection": {"all": True, "since": None, "ids": []}, "last_id": "four"},
                                   {"selection": None, "last_id": 4}, ["not", "a", "mapping"]])
def test_a_state_file_of_another_shape_starts_from_the_beginning(tmp_path, saved):
    state = tmp_path / "re-extract.json"
    state.write_text(json.dumps(saved))
    assert resume_after(state, Selection(all=True)) == 0
