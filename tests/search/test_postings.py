"""The numpy search path gives Whoosh's exact answers: matches, scores, order, facet counts, after every commit."""
import itertools
import random
from datetime import datetime, timedelta
from functools import reduce

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.sorting import FieldFacet

from archive.index import IndexStore
from archive.search import facets, postings, ranking
from archive.search.bounds import bound
from archive.search.query import text_query

FEW = ranking.FEW
WORDS = ["oil", "price", "wheat", "bank", "rate", "trade", "export", "gas", "gold", "market", "tax", "strike", "minister", "vote", "storm"]
QUERIES = ["oil", "oil price", '"oil price"', "bank OR gas", "title:wheat", "trade -oil", "oil gas wheat",
           "gold*", "the", '"price oil"', "storm strike", "(oil price) OR gas", "(oil price) OR (gas wheat)", 'title:"oil price" OR bank',
           "oil ANDNOT gas", "oil ANDMAYBE gas", "oil ANDNOT gas ANDMAYBE wheat", "bank OR gas OR wheat OR storm",
           'oil gas wheat bank storm', '"oil price" OR "gas price" OR bank',
           "NOT oil", "trade -oil -gas", "oil ANDNOT (gas OR price)", '"oil price" ANDNOT gas', "oil OR NOT gas",
           "(trade -oil) OR wheat", "bank -oil -gas -wheat -storm", "(oil ANDNOT gas) gold", "NOT (oil OR gas)",
           "oil^2", "title:oil^3 gas", "(oil price)^2", '"oil price"^2 OR gas', "oil^2 OR gas^0.5", "bank^2 -oil",
           "(oil ANDNOT gas)^2", "oil^2 gas wheat^3", '"oil price"~3', '"price gas oil"~4 OR bank', '"oil oil"~2',
           '"price oil" OR "price gas" OR "price bank"']


def make_doc(number: int, rng: random.Random) -> dict:
    words = [rng.choice(WORDS[:8] if rng.random() < 0.7 else WORDS) for _ in range(rng.randint(3, 60))]
    stamp = datetime(2020, 1, 1) + timedelta(days=rng.randint(0, 40))  # many ties on purpose
    return {"id": str(number), "title": " ".join(rng.sample(WORDS, 3)), "body": " ".join(words),
            "actor": ",".join(str(rng.randint(1, 9)) for _ in range(rng.randint(0, 4))),
            "place": ",".join(str(rng.randint(20, 25)) for _ in range(rng.randint(0, 2))),
            "published_month": stamp.strftime("%Y-%m"), "newest": int(stamp.timestamp()),
            "oldest": int(stamp.timestamp()), "dup_group": number}


@pytest.fixture
def store(tmp_path):
    store = IndexStore(tmp_path / "index")
    yield store
    store.close()


def add(store: IndexStore, docs: list[dict]) -> None:
    with store.write_lock(), store.writer() as writer:
        for doc in docs:
            writer.add_document(**doc)


def delete(store: IndexStore, ids: list[str]) -> None:
    with store.write_lock(), store.writer() as writer:
        for doc_id in ids:
            writer.delete_by_term("id", doc_id)


def whoosh_top(searcher, q, count: int, matching: np.ndarray) -> list[tuple[int, float]]:
    """Whoosh scoring every match (limit=None), best first, ties by document number; only the
    `matching` documents (whoosh_matches: Whoosh's slips left out).

    Not searcher.search(q, limit=N): its matcher replacement prunes with quality
    bounds and can miss a top document (doc 56 of the first test below for 'oil price')."""
    hits = [(hit.docnum, hit.score) for hit in searcher.search(q, limit=None) if matching[hit.docnum]]
    return sorted(hits, key=lambda hit: (-hit[1], hit[0]))[:count]


def whoosh_matches(searcher, q) -> np.ndarray:
    """The live documents Whoosh finds for `q`, two slips of its matchers put right: its NOT finds a
    segment's last document even when deleted; its ANDNOT lets the first part's first match in a
    segment through when the second part's first match comes before it (AndNotMatcher._find_first
    never moves the second part): asked as AND NOT instead, which Whoosh answers right."""
    found = np.zeros(searcher.doc_count_all(), dtype=bool)
    found[list(searcher.docs_for_query(_as_and_not(q)))] = True
    return found & postings.generation(searcher).live


def _as_and_not(q):
    if isinstance(q, wq.AndNot):
        return wq.And([_as_and_not(q.a), wq.Not(_as_and_not(q.b))])
    return q.apply(_as_and_not)


# Left to Whoosh's collector: ANDMAYBE (refused by search/bounds.py) and a prefix (the app expands it first)
WHOOSH_SCORED = {"gold*", "oil ANDMAYBE gas", "oil ANDNOT gas ANDMAYBE wheat"}


def _parts(q) -> int:
    """The most parts under one AND or OR of the query tree."""
    here = len(q.subqueries) if isinstance(q, (wq.And, wq.Or)) else 0
    return max([here, *(_parts(child) for child in q.children())])


def _rounded(hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Hits by score to nine decimals, ties by document number."""
    return sorted(((doc, round(score, 9)) for doc, score in hits), key=lambda hit: (-hit[1], hit[0]))


def check_against_whoosh(searcher, queries: list[str] = QUERIES, bounded: bool = False) -> None:
    gen = postings.generation(searcher)
    for text in queries:
        q = text_query(text, searcher.schema)
        q = bound(q, searcher.reader()) if bounded else q
        expected = whoosh_matches(searcher, q)
        matching = postings.matches(searcher, q)
        assert np.array_equal(matching, expected), text
        scores = ranking.scores(gen, q)
        assert scores is not None or text in WHOOSH_SCORED, text
        if scores is not None:
            # Scored over the matching documents only (and under a filter), each gets the same score,
            # terms placed among them by ranking every document (FEW 1) or by binary search
            filtered = matching & (np.arange(len(matching)) % 3 > 0)
            try:
                for few, among in itertools.product((1, 10**9), (matching, filtered)):
                    ranking.FEW = few
                    docs, values = ranking.scores_of(gen, q, among)
                    assert np.array_equal(docs, np.flatnonzero(among)) and np.array_equal(values, scores[docs]), text
            finally:
                ranking.FEW = FEW
            order = ranking.ranked(gen, matching, -scores, 15)
            ours = [(int(d), float(scores[d])) for d in order]
            if _parts(q) <= 2:  # Whoosh's own order of additions: equal to the last digit
                assert ours == whoosh_top(searcher, q, 15, expected), text
            else:  # three or more parts (ranking._sum): equal but for the last digits
                assert _rounded(ours) == _rounded(whoosh_top(searcher, q, len(ours), expected)), text
        for sort in ("newest", "oldest"):
            order = ranking.ranked(gen, matching, ranking.sort_keys(searcher, sort, None), 15)
            whoosh = searcher.search(q, limit=None, sortedby=FieldFacet(sort, reverse=sort == "newest"))
            assert [int(d) for d in order] == [h.docnum for h in whoosh if expected[h.docnum]][:15], (text, sort)


def test_matches_scores_and_order_equal_whoosh_across_segments_and_deletions(store):
    rng = random.Random(3)
    add(store, [make_doc(n, rng) for n in range(120)])
    check_against_whoosh(store.searcher())
    add(store, [make_doc(n, rng) for n in range(120, 160)])  # a second segment
    delete(store, [str(n) for n in range(0, 160, 7)])
    searcher = store.searcher()
    assert len(searcher.reader().leaf_readers()) >= 1
    check_against_whoosh(searcher)


# As the app asks them: search/bounds.py makes `*` Whoosh's Every (each live document, score 1)
NOT_QUERIES = ["* ANDNOT oil", "-oil", "* -oil -gas", "bank -oil -gas", "(* ANDNOT oil) bank", "NOT (bank OR gas)"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_not_and_andnot_equal_whoosh_with_a_segments_last_document_deleted(store, seed):
    """NOT, ANDNOT and AND with NOT parts, scored in numpy: Whoosh's matches, scores and order,
    except the deleted last document of a segment, which Whoosh's NOT finds and search does not."""
    rng = random.Random(seed)
    add(store, [make_doc(n, rng) for n in range(120)])
    add(store, [make_doc(n, rng) for n in range(120, 160)])
    delete(store, [str(n) for n in [*range(0, 160, 5), 119, 159]])
    searcher = store.searcher()
    not_oil = text_query("NOT oil", searcher.schema)
    assert {119, 159} <= {hit.docnum for hit in searcher.search(not_oil, limit=None)}  # both deleted
    check_against_whoosh(searcher, NOT_QUERIES, bounded=True)
    assert not postings.matches(searcher, not_oil)[[119, 159]].any()


def test_a_commit_shows_in_matches_and_facets(store):
    rng = random.Random(5)
    add(store, [make_doc(n, rng) for n in range(30)])
    q = wq.Term("body", "zeppelin")
    assert not postings.matches(store.searcher(), q).any()  # cached as empty for this generation
    add(store, [{**make_doc(99, rng), "body": "zeppelin over oil fields", "actor": "777"}])
    searcher = store.searcher()
    assert postings.matches(searcher, q).sum() == 1
    spec = next(spec for spec in facets.FACETS if spec.name == "actor")
    pairs, _more = facets.count(facets.cache_for(searcher), spec, postings.matches(searcher, q), 10)
    assert pairs == [("777", 1)]
    delete(store, ["99"])
    assert not postings.matches(store.searcher(), q).any()


@pytest.mark.parametrize("sparse", [1, 10**9])  # by postings (dense masks), by document (sparse ones)
def test_facet_counts_equal_a_brute_force_count(store, monkeypatch, sparse):
    monkeypatch.setattr(facets, "SPARSE", sparse)
    monkeypatch.setattr(facets, "SPARSE_TOP", sparse)
    rng = random.Random(11)
    docs = [make_doc(n, rng) for n in range(80)]
    add(store, docs[:50])
    add(store, docs[50:])
    searcher = store.searcher()
    for text in ("oil", "bank price", "", "storm strike"):
        matching = postings.matches(searcher, text_query(text, searcher.schema))
        ids = {searcher.stored_fields(int(d))["id"] for d in np.flatnonzero(matching)}
        for spec in facets.FACETS:
            pairs, _more = facets.count(facets.cache_for(searcher), spec, matching, 100)
            brute = {}
            for doc in docs:
                if doc["id"] in ids:
                    for value in filter(None, set(doc.get(spec.field, "").split(","))):
                        brute[value] = brute.get(value, 0) + 1
            assert dict(pairs) == brute, (text, spec.name)
            if spec.order == "count":  # cut to 3: the three largest counts, and "more" when there are more
                top, more = facets.count(facets.cache_for(searcher), spec, matching, 3)
                assert top == sorted(brute.items(), key=lambda pair: (-pair[1], pair[0]))[:3]  # ties by value
                assert more == (len(brute) > 3)
            assert reduce(int.__add__, brute.values(), 0) == sum(n for _v, n in pairs)


def sourced_doc(number: int, rng: random.Random) -> dict:
    return {**make_doc(number, rng), "source": rng.choice("ABCDE")}


def brute_counts(searcher, docs: list[dict], matching: np.ndarray, field: str) -> dict[str, int]:
    ids = {searcher.stored_fields(int(d))["id"] for d in np.flatnonzero(matching)}
    counted: dict[str, int] = {}
    for doc in docs:
        if doc["id"] in ids:
            for value in filter(None, set(doc.get(field, "").split(","))):
                counted[value] = counted.get(value, 0) + 1
    return counted


def crafted_doc(number: int, rng: random.Random) -> dict:
    """The most frequent actors ("1", "2") are rare among the articles saying "zebra" (the second half),
    where less frequent ones ("3", "4") lead: a count that stopped too early would show "1" and "2"."""
    actors = {str(100 + number % 50)}  # a tail of fifty actors of twelve articles each
    if number < 300 or number % 30 == 0:
        actors.add("1")
    if number < 200 or number % 15 == 1:
        actors.add("2")
    if number >= 300 and number % 2 == 0:
        actors.add("3")
    if number >= 300 and number % 3 == 0:
        actors.add("4")
    doc = make_doc(number, rng)
    return {**doc, "body": doc["body"] + (" zebra" if number >= 300 else ""), "actor": ",".join(sorted(actors))}


@pytest.mark.parametrize(("size", "stops"), [(1, True), (3, True), (10, False)])  # 10: the tail's counts tie
def test_top_values_of_many_matches_are_exact_without_counting_every_value(store, monkeypatch, size, stops):
    """A mask over many documents counts the most frequent values first and stops when no value left
    could reach the top: the values shown, their counts and "more values" are those of a full count."""
    monkeypatch.setattr(facets, "FIRST_VALUES", 2)
    rng = random.Random(3)
    docs = [crafted_doc(n, rng) for n in range(600)]
    add(store, docs[:300])
    add(store, docs[300:])
    delete(store, ["7", "450"])
    searcher = store.searcher()
    spec = next(spec for spec in facets.FACETS if spec.name == "actor")
    stopped_early = 0
    for text in ("zebra", "", "NOT zebra", "zebra OR oil"):
        matching = postings.matches(searcher, text_query(text, searcher.schema))
        assert np.count_nonzero(matching) * facets.SPARSE_TOP >= len(matching)  # the path for many matches
        brute = brute_counts(searcher, docs, matching, "actor")
        top, more = facets.count(facets.cache_for(searcher), spec, matching, size)
        assert top == sorted(brute.items(), key=lambda pair: (-pair[1], pair[0]))[:size], text
        assert more == (len(brute) > size)
        counted = facets._counts(facets.cache_for(searcher).postings("actor"), matching, top=size)
        stopped_early += np.count_nonzero(counted) < len(brute)
    assert bool(stopped_early) == stops  # the early stop was taken (the test would not see a wrong stop otherwise)


def without(doc: dict, field: str) -> dict:
    return {key: value for key, value in doc.items() if key != field}


def test_a_field_of_one_value_per_document_is_counted_by_column(store):
    rng = random.Random(4)
    docs = [sourced_doc(n, rng) for n in range(120)]
    add(store, docs[:60])
    docs[60:] = [without(doc, "source") if int(doc["id"]) % 7 == 0 else doc for doc in docs[60:]]  # some have none
    add(store, docs[60:])
    searcher = store.searcher()
    cache = facets.cache_for(searcher)
    assert cache.postings("source").column(searcher.doc_count_all()) is not None
    assert cache.postings("actor").column(searcher.doc_count_all()) is None  # several a document
    spec = next(spec for spec in facets.FACETS if spec.name == "source")
    for text in ("oil", "storm strike", ""):
        matching = postings.matches(searcher, text_query(text, searcher.schema))
        pairs, more = facets.count(cache, spec, matching, 10)
        assert dict(pairs) == brute_counts(searcher, docs, matching, "source") and not more


def test_only_words_of_two_or_more_phrases_are_kept_while_a_query_is_scored():
    q = wq.Or([wq.Phrase("body", ["price", "oil"]), wq.Phrase("body", ["price", "gas"]),
               wq.And([wq.Phrase("title", ["price", "oil"]), wq.Term("body", "oil")])])
    assert ranking._shared_words(q) == {("body", "price"): None}
    assert ranking._shared_words(wq.Phrase("body", ["oil", "oil"])) == {}  # one phrase: nothing to share
