"""What a parsed query may cost (issue 16): `*` is everything, prefixes and wildcards are bounded,
ranges of words refused, NOT NOT read as nothing, and a search past its time budget stopped."""
import numpy as np
import pytest
from whoosh import query as wq
from whoosh.collectors import FilterCollector

from archive.errors import SearchTimeout, ValidationError
from archive.index import IndexStore
from archive.search import collapse, postings, ranking
from archive.search.bounds import MAX_EXPANSION, Expansion, bound
from archive.search.budget import Deadline, DeadlineCollector
from archive.search.query import text_query
from archive.search.suggest import did_you_mean

# More distinct words starting with "zz" than one query may stand for; "zzq..." only a few.
MANY = [f"zzw{n:04d}" for n in range(MAX_EXPANSION + 1)]
DOCS = [{"id": "1", "title": "Kazakhstan protests",
         "body": "Troops reached Almaty as protests spread " + " ".join(MANY)},
        {"id": "2", "title": "Kazan weather", "body": "Snow in Kazan and kazoo players zzqa zzqb"},
        {"id": "3", "title": "Grain exports", "body": "Kazakhstan grain exports rose zzqa"}]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    store = IndexStore(tmp_path_factory.mktemp("bounds") / "index")
    with store.write_lock(), store.writer() as writer:
        for doc in DOCS:
            writer.add_document(**doc)
    yield store.searcher()
    store.close()


def bounded(searcher, q: str) -> wq.Query:
    return bound(text_query(q, searcher.schema), searcher.reader())


def matching_ids(searcher, q: str) -> set[str]:
    mask = postings.matches(searcher, bounded(searcher, q))
    return {searcher.stored_fields(int(d))["id"] for d in np.flatnonzero(mask)}


@pytest.mark.parametrize("q", ["*", "**", "title:*", "* *", "Kazakhstan OR *"])
def test_a_bare_star_is_every_article(searcher, q):
    assert bounded(searcher, q) == wq.Every()
    assert matching_ids(searcher, q) == {"1", "2", "3"}


def test_a_star_beside_words_adds_nothing(searcher):
    assert bounded(searcher, "Kazakhstan *") == text_query("Kazakhstan", searcher.schema)


@pytest.mark.parametrize("q", ["k*", "*stan", "?azakhstan", "k?z*", "title:*an", "Kazakhstan OR k*"])
def test_a_wildcard_needs_two_letters_before_it(searcher, q):
    with pytest.raises(ValidationError, match="needs at least 2 letters before its first"):
        bounded(searcher, q)


@pytest.mark.parametrize("q", ["[a TO z]", "{a TO z}", "[kazan TO kazoo]", "title:[a TO]", "grain NOT {a TO z}"])
def test_ranges_of_words_are_refused(searcher, q):
    with pytest.raises(ValidationError, match="ranges of words"):
        bounded(searcher, q)


def test_a_prefix_stands_for_the_words_it_matches(searcher):
    q = bounded(searcher, "kaz*")
    expansions = [part for part in q.subqueries if isinstance(part, Expansion)]
    assert {t.text for part in expansions for t in part.subqueries} == {"kazakhstan", "kazan", "kazoo"}
    assert matching_ids(searcher, "kaz*") == {"1", "2", "3"}
    assert matching_ids(searcher, "ka?an*") == {"2"}
    assert matching_ids(searcher, "kaz* grain") == {"3"}
    assert matching_ids(searcher, "zzq*") == {"2", "3"}
    assert matching_ids(searcher, "nomatch*") == set()


def test_too_many_words_are_refused_per_query(searcher):
    with pytest.raises(ValidationError, match="too many words match 'zz\\*'"):
        bounded(searcher, "zz*")
    bounded(searcher, "zzw0*")  # 1,000 words, in title and body: each field within the cap
    with pytest.raises(ValidationError, match="too many words match"):
        bounded(searcher, "zzw0* OR zzw1*")  # 1,001 words in all


def test_an_expansion_scores_as_the_sum_of_its_words(searcher):
    """Whoosh scoring the same words ORed gives the same scores (it is never asked on this path)."""
    gen = postings.generation(searcher)
    q = bounded(searcher, "body:kaz*")
    scores = ranking.scores(gen, q)
    whoosh = {hit.docnum: hit.score for hit in searcher.search(wq.Or(list(q.subqueries)), limit=None)}
    assert set(np.flatnonzero(scores)) == set(whoosh)
    for docnum, score in whoosh.items():
        assert scores[docnum] == pytest.approx(score)


def test_many_parts_around_prefixes_are_scored_in_numpy_as_whoosh_would(searcher):
    """Three or more parts with a prefix among them were left to Whoosh's collector: the slowest shapes."""
    gen = postings.generation(searcher)
    for text in ("body:kaz* OR body:grain OR body:troops", "body:kaz* body:grain body:exports"):
        q = bounded(searcher, text)
        scores = ranking.scores(gen, q)
        assert scores is not None, text
        whoosh = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
        assert set(np.flatnonzero(scores)) == set(whoosh), text
        for docnum, score in whoosh.items():
            assert scores[docnum] == pytest.approx(score), text


@pytest.mark.parametrize("q", ["NOT NOT Kazakhstan", "NOT -Kazakhstan", "(NOT NOT Kazakhstan)"])
def test_not_not_is_the_word_itself(searcher, q):
    assert text_query(q, searcher.schema) == text_query("Kazakhstan", searcher.schema)


def test_a_query_whoosh_cannot_read_is_a_validation_error(searcher):
    with pytest.raises(ValidationError, match="could not be read"):
        text_query("-ANDMAYBE '0-{", searcher.schema)


@pytest.mark.parametrize("q", ["%FF%FE", "\ufffd\ufffd", "kazakstn wi-fx", "[a TO z]", "kaz*"])
def test_did_you_mean_skips_what_it_cannot_place(searcher, q):
    suggestion = did_you_mean(searcher, q)
    assert suggestion is None or "kazakhstan" in suggestion
    assert did_you_mean(searcher, "kazakstn kaz*") == "kazakhstan kaz*"


def test_a_search_past_its_deadline_is_stopped(searcher):
    deadline = Deadline(1e-6)
    q = bounded(searcher, "kaz* OR grain")  # takes longer than the microsecond
    with pytest.raises(SearchTimeout, match="longer than its 1e-06 s budget"):
        postings.matches(searcher, q, deadline)
    assert postings.matches(searcher, bounded(searcher, "grain"), Deadline(None)).sum() == 1


def test_the_deadline_stops_whooshs_collector_even_behind_a_filter(searcher):
    """A query only Whoosh can rank (ANDNOT) is collected by Whoosh: the deadline is looked at in its loop."""
    q = bounded(searcher, "kaz* ANDNOT grain")
    deadline = Deadline(1e-6)
    collector = FilterCollector(DeadlineCollector(searcher.collector(limit=10), deadline), allow={0, 1, 2})
    with pytest.raises(SearchTimeout):
        searcher.search_with_collector(q, collector)
    assert [hit.docnum for hit in collapse.search(searcher, q, {1}, 10, None, Deadline(60))] == [1]
    assert collapse.search(searcher, q, set(), 10, None, Deadline(60)) == []  # nothing passes the filters
