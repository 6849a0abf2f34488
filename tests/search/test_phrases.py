"""Phrases checked on the documents that hold every word (search/phrases.py) match exactly what
Whoosh's span matcher finds, on real news in several segments with deletions."""
import random
import re

import numpy as np
import pytest
from whoosh import query as wq

from archive.index import IndexStore, sidecar
from archive.search import postings
from tests.index.test_analysis import bbc

WORD = re.compile(r"[A-Za-z]+")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = IndexStore(tmp_path_factory.mktemp("phrases") / "index")
    articles = bbc()[:600]
    for first in range(0, len(articles), 200):  # three segments
        with store.write_lock(), store.writer() as writer:
            for number in range(first, first + 200):
                title, body = articles[number]
                writer.add_document(id=str(number), title=title, body=body)
    with store.write_lock(), store.writer() as writer:
        for number in range(0, 600, 7):
            writer.delete_by_term("id", str(number))
    yield store
    store.close()


def phrases_from_the_texts() -> list[list[str]]:
    rng = random.Random(5)
    out = []
    for _title, body in rng.sample(bbc()[:600], 60):
        words = WORD.findall(body)
        for _ in range(4):
            start = rng.randrange(len(words) - 3)
            out.append(words[start:start + rng.choice([2, 2, 3, 4])])  # stop words among them at times
    return out + [["bank", "bank"], ["the", "bank", "of", "england"], ["said", "said"], ["prime", "zzyzx"],
                  ["chief", "executive", "chief"], ["new", "york"], ["last", "year"]]


def test_phrases_match_what_whooshs_span_matcher_finds(store):
    searcher = store.searcher()
    gen = postings.generation(searcher)
    schema, checked, found = searcher.schema, 0, 0
    for words in phrases_from_the_texts():
        for field in ("body", "title"):
            q = wq.Phrase(field, [t for w in words for t in schema[field].process_text(w, mode="query")])
            if len(q.words) < 2:
                continue
            for (leaf, _offset, segment), sub in zip(gen.leaves, gen.subsearchers):
                ours = gen._segment_phrase(leaf, segment, sub, q)
                ours = ours[gen.live[ours + _offset]] if len(ours) else ours  # Whoosh leaves out deleted ones
                assert ours.tolist() == postings._phrase_ids(sub, q).tolist(), (field, q.words)
                checked += 1
                found += len(ours)
    assert checked > 500 and found > 300


def test_phrases_with_slop_match_what_whooshs_span_matcher_finds(store):
    """`"a b"~3`: each word 1 to 3 positions after the one before (Whoosh's SpanNear2, ordered)."""
    searcher = store.searcher()
    gen = postings.generation(searcher)
    checked, found = 0, 0
    for number, words in enumerate(phrases_from_the_texts()[::3]):
        q = wq.Phrase("body", [t for w in words for t in searcher.schema["body"].process_text(w, mode="query")],
                      slop=[2, 3, 5, 40, 10**11][number % 5])
        if len(q.words) < 2:
            continue
        for (leaf, offset, segment), sub in zip(gen.leaves, gen.subsearchers):
            ours = gen.numpy_phrase(leaf, segment, q)
            if ours is None:  # a word in one document only: its postings are inlined, Whoosh checks it
                continue
            ours = ours[gen.live[ours + offset]] if len(ours) else ours
            assert ours.tolist() == postings._phrase_ids(sub, q).tolist(), (q.words, q.slop)
            checked += 1
            found += len(ours)
    assert checked > 150 and found > 300


def test_words_with_thousands_of_positions_in_one_article(tmp_path):
    """Positions read straight from their pickles (gaps under 256, up to 1,000 of them) or unpickled
    (a list of more than 1,000 gaps is pickled in runs; a gap of 256 or more is no one-byte int):
    both find the phrases, and only them, where a word stands thousands of times or far apart."""
    store = IndexStore(tmp_path / "index")
    texts = {"0": "bank " * 1500 + "of england", "1": "oil price " * 1200, "2": "price oil " * 1200 + "bank",
             "3": "the bank rate " * 3, "4": "price " + "filler " * 300 + "price oil " + "filler " * 70_000 + "oil"}
    with store.write_lock(), store.writer() as writer:
        for doc_id, body in texts.items():
            writer.add_document(id=doc_id, title="", body=body)
    searcher = store.searcher()
    gen = postings.generation(searcher)
    for words, expected in ((["bank", "bank"], ["0"]), (["oil", "price"], ["1", "2"]),
                            (["price", "oil"], ["1", "2", "4"]), (["price", "price"], []),
                            (["bank", "england"], ["0"]), (["bank", "rate"], ["3"])):
        q = wq.Phrase("body", words)
        found = [searcher.stored_fields(int(doc))["id"] for doc in np.flatnonzero(postings.matches(searcher, q))]
        assert found == expected, words
        (leaf, _offset, segment), sub = gen.leaves[0], gen.subsearchers[0]
        assert gen._segment_phrase(leaf, segment, sub, q).tolist() == postings._phrase_ids(sub, q).tolist(), words
    store.close()


def test_positions_come_from_the_sidecar_and_from_the_blocks_without_one(tmp_path):
    """A segment with positions in its sidecar decodes no posting block for a phrase (nothing kept per
    process); a segment written without a sidecar reads its blocks; both find what Whoosh finds."""
    store = IndexStore(tmp_path / "index")
    bodies = ["bank rate rise", "rate bank", "the bank rate " * 3, "central bank said rate"] * 150
    sidecar.uninstall()
    try:
        with store.write_lock(), store.writer() as writer:
            for number, body in enumerate(bodies[:300]):
                writer.add_document(id=str(number), title="", body=body)
    finally:
        sidecar.install()
    with store.write_lock(), store.writer() as writer:
        for number, body in enumerate(bodies[300:], start=300):
            writer.add_document(id=str(number), title="", body=body)
    searcher = store.searcher()
    gen = postings.generation(searcher)
    q = wq.Phrase("body", ["bank", "rate"])
    kept = {}
    for (leaf, _offset, segment), sub in zip(gen.leaves, gen.subsearchers):
        assert gen._segment_phrase(leaf, segment, sub, q).tolist() == postings._phrase_ids(sub, q).tolist()
        key = (segment, "positions", "body", b"bank")
        kept[sidecar.for_leaf(leaf) is not None] = postings.SEGMENT_ARRAYS.cached(key)
    assert kept[True] is None and kept[False] is not None  # every block of "bank" read: its keys kept
    assert np.count_nonzero(postings.matches(searcher, q)) == 300
    store.close()


# few candidates (binary searches), many (a mask), most of the word's documents (all its keys)
@pytest.mark.parametrize("share", [0.001, 0.01, 0.5, 1.0])
def test_mapped_keys_give_the_candidates_positions_and_all_where_they_are_most(share):
    from archive.search.phrases import mapped_keys
    rng = np.random.default_rng(7)
    ids = np.unique(rng.integers(0, 200_000, 20_000)).astype(np.int32)
    counts = rng.integers(1, 6, len(ids)).astype(np.uint8)
    positions = np.concatenate([np.sort(rng.choice(3000, c, replace=False)) for c in counts]).astype(np.uint16)
    candidates = np.unique(np.concatenate([rng.choice(ids, max(1, int(share * len(ids)))),
                                           rng.integers(0, 200_000, 50)])).astype(np.int64)  # some hold no word
    every = (np.repeat(ids.astype(np.int64), counts.astype(np.int64)) << 32) | positions.astype(np.int64)
    expected = every[np.isin(every >> 32, candidates)]
    most = len(candidates) * 2 >= len(ids)
    assert most == (share == 1.0)
    assert np.array_equal(mapped_keys(ids, counts, positions, candidates), every if most else expected)
    assert np.array_equal(mapped_keys(ids, counts, positions, None), every)


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_common_values_of_two_sorted_arrays_are_their_intersection(dtype):
    from archive.search.phrases import common
    rng = np.random.default_rng(3)
    for size_a, size_b in [(0, 5), (5, 0), (1, 1), (300, 20), (20, 300), (5000, 5000)]:
        a = np.unique(rng.integers(0, 2 * max(size_a, size_b, 1), size_a)).astype(dtype)
        b = np.unique(rng.integers(0, 2 * max(size_a, size_b, 1), size_b)).astype(dtype)
        assert np.array_equal(common(a, b), np.intersect1d(a, b, assume_unique=True))
