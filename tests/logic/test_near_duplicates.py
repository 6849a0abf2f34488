"""Near-duplicate groups at ingest, on real Reuters copies (tests/fixtures/near_duplicates.json, by NEWID)."""
import json
from pathlib import Path

import pytest
from datasketch import MinHash
from sqlalchemy import func, select, text

from archive import db, services
from archive.ingest import validate
from archive.ingest.similarity import BANDS, NUM_PERM, SCHEME, jaccard, shingles, signature
from archive.logic import near_duplicates
from archive.logic.delete import delete_article
from archive.logic.ingest import ingest_article, ingest_articles
from archive.logic.near_duplicates import DEFAULT_THRESHOLD, similar_counts, similar_versions
from archive.models import Article, ArticleBand

STORIES = json.loads((Path(__file__).parents[1] / "fixtures" / "near_duplicates.json").read_text())


def record(name):
    story = STORIES[name]
    return validate({"title": story["title"], "body": story["body"], "published_at": story["published_at"],
                     "source": "Reuters"})


@pytest.fixture
def session(app):
    with app.app_context():
        session = db.new_session()
        yield session
        session.close()


def ingest(session, *names):
    results = ingest_articles(session, services.index_store(), [record(n) for n in names], services.model_name())
    return [result.article for result in results]


def test_real_copies_are_similar_and_other_stories_are_not():
    sig = {name: signature(STORIES[name]["body"]) for name in STORIES if not name.startswith("_")}
    assert jaccard(sig["noranda_first"], sig["noranda_copy"]) >= DEFAULT_THRESHOLD
    assert jaccard(sig["deak_first"], sig["deak_second_copy"]) >= DEFAULT_THRESHOLD
    # The same mine fire told again the next day, and the daily Fed template with other figures.
    assert jaccard(sig["noranda_first"], sig["noranda_other"]) < 0.3
    assert jaccard(sig["fed_march_2"], sig["fed_march_11"]) < DEFAULT_THRESHOLD
    assert signature("... !!! ---") is None  # no words, no fingerprint


def test_signatures_are_datasketchs_own_of_the_shingles():
    """Signatures hashed in one pass equal datasketch's MinHash of the shingles with its default hash, so
    the signatures and bands stored by earlier versions still match new articles."""
    for body in [story["body"] for name, story in STORIES.items() if not name.startswith("_")] + ["One word"]:
        minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
        minhash.update_batch(sorted(shingles(body)))
        assert signature(body) == minhash.hashvalues.astype("<u4").tobytes()


def test_copies_in_one_batch_share_the_first_ones_group(session):
    first, copy, other = ingest(session, "noranda_first", "noranda_copy", "noranda_other")
    assert first.dup_group_id is None and copy.dup_group_id == first.id and other.dup_group_id is None
    assert similar_counts(session, [first.id, other.id]) == {first.id: 1, other.id: 0}
    assert [a.id for a in similar_versions(session, copy)] == [first.id]
    bands = session.scalar(select(func.count()).select_from(ArticleBand).where(ArticleBand.article_id == copy.id))
    assert bands == BANDS


def ingest_alone(name):
    """Ingest in a session of its own, as another worker or machine would."""
    session = db.new_session()
    try:
        article = ingest_article(session, services.index_store(), record(name), services.model_name()).article
        return article.id, article.dup_group_id
    finally:
        session.close()


def test_a_later_copy_is_found_from_another_session(app):
    with app.app_context():
        assert ingest_alone("fed_march_2")[1] is None
        assert ingest_alone("fed_march_11")[1] is None  # the same daily template with other figures: not a copy
        first, _group = ingest_alone("deak_first")
        assert ingest_alone("deak_copy")[1] == first


def test_deleting_the_first_copy_hands_the_group_to_the_next(session):
    first, copy, second_copy = ingest(session, "deak_first", "deak_copy", "deak_second_copy")
    assert copy.dup_group_id == first.id and second_copy.dup_group_id == first.id
    delete_article(session, services.index_store(), first)
    session.expire_all()
    copy, second_copy = session.get(Article, copy.id), session.get(Article, second_copy.id)
    assert copy.dup_group_id is None and second_copy.dup_group_id == copy.id
    assert similar_counts(session, [copy.id]) == {copy.id: 1}
    delete_article(session, services.index_store(), copy)
    session.expire_all()
    assert session.get(Article, second_copy.id).dup_group_id is None
    assert session.scalar(select(func.count()).select_from(ArticleBand)) == BANDS  # the others' bands went with them
    again = ingest(session, "deak_first")[0]
    assert again.dup_group_id == second_copy.id  # still a candidate after its group changed


def test_band_lookups_find_every_stored_band_and_search_the_index(session, monkeypatch):
    ingest(session, "deak_first", "noranda_first", "fed_march_2")
    stored = {(band.band, band.band_hash) for band in session.scalars(select(ArticleBand))}
    wanted = stored | {(band, 12345 + band) for band in range(BANDS)}  # and one absent hash per band
    monkeypatch.setattr(near_duplicates, "BAND_CHUNK", 3)  # 4 hashes a band: split within bands and across queries
    queries = list(near_duplicates.sharing_queries(wanted))
    assert len(queries) >= 20
    assert set(near_duplicates._stored_sharing(session, wanted)) == stored
    if session.get_bind().dialect.name == "sqlite":
        for query in queries:
            sql = str(query.compile(dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}))
            plan = " ".join(row[-1] for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert "USING INDEX ix_article_bands_band_hash" in plan and "SCAN article_bands" not in plan, plan


def test_group_id_is_the_first_articles_id_for_every_member(session):
    first, copy, other = ingest(session, "noranda_first", "noranda_copy", "noranda_other")
    assert (first.group_id, copy.group_id, other.group_id) == (first.id, first.id, other.id)


def band_count(session, article_id):
    return session.scalar(select(func.count()).select_from(ArticleBand).where(ArticleBand.article_id == article_id))


def test_a_near_identical_copy_stores_no_bands_and_its_group_stays_found(session):
    """deak_copy is 0.95 similar to deak_first: it joins the group and stores no bands, so a story sent
    again and again leaves one candidate, not one per copy; later copies still find the group."""
    first, copy = ingest(session, "deak_first", "deak_copy")
    assert copy.dup_group_id == first.id
    assert (band_count(session, first.id), band_count(session, copy.id)) == (BANDS, 0)
    second_copy = ingest(session, "deak_second_copy")[0]  # 0.875: an edited copy keeps its bands
    assert second_copy.dup_group_id == first.id and band_count(session, second_copy.id) == BANDS
    # The first deleted, the copy that takes the group's name takes bands too.
    delete_article(session, services.index_store(), first)
    session.expire_all()
    assert session.get(Article, copy.id).dup_group_id is None and band_count(session, copy.id) == BANDS
    assert ingest(session, "deak_first")[0].dup_group_id == copy.id
