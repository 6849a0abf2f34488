"""Near-duplicate groups (logic/near_duplicates.py) on real Reuters copies stored from hand-written
extractions: the configured threshold, texts with no words, and a group's counts."""
import json
from pathlib import Path

from sqlalchemy import func, select

from archive import db
from archive.logic.near_duplicates import DEFAULT_THRESHOLD, similar_counts, similar_versions, threshold
from archive.models import ArticleBand
from tests.conftest import make_app
from tests.logic.stored import store

STORIES = json.loads((Path(__file__).parents[1] / "fixtures" / "near_duplicates.json").read_text())


def test_the_threshold_is_the_apps_setting_and_the_default_outside_an_app(tmp_path):
    assert threshold() == DEFAULT_THRESHOLD
    strict = make_app(tmp_path / "strict", NEAR_DUPLICATE_THRESHOLD=0.99)
    with strict.app_context():
        assert threshold() == 0.99
        session = db.new_session()
        first, copy = (store(session, STORIES[name]["body"]) for name in ("noranda_first", "noranda_copy"))
        assert copy.dup_group_id is None and similar_versions(session, copy) == []  # similar, not 99% similar
        session.close()
    strict.extensions["archive.engine"].dispose()


def test_a_text_with_no_words_has_no_fingerprint_and_joins_no_group(db_session):
    article = store(db_session, "... !!! --- ???")
    again = store(db_session, "--- ??? ... !!!")
    assert (article.dup_signature, again.dup_group_id) == (None, None)
    assert db_session.scalar(select(func.count()).select_from(ArticleBand)) == 0


def test_group_counts_for_several_groups_and_for_none(db_session):
    first, copy, second_copy, alone = (store(db_session, STORIES[name]["body"]) for name in
                                       ("deak_first", "deak_copy", "deak_second_copy", "fed_march_2"))
    assert similar_counts(db_session, [first.id, alone.id, first.id]) == {first.id: 2, alone.id: 0}
    assert similar_counts(db_session, []) == {}
    assert [a.id for a in similar_versions(db_session, second_copy)] == [first.id, copy.id]
