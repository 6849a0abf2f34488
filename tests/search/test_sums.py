"""Three or more terms under one AND/OR added a block of documents at a time (search/sums.py) give
exactly the floats of adding whole arrays in Whoosh's weighted order (ranking._sum), on a real index."""
import random

import numpy as np
import pytest
from whoosh import query as wq

from archive.search import postings, ranking, sums
from archive.search.query import text_query
from tests.search.test_postings import WORDS, add, delete, make_doc, store  # noqa: F401 (the fixture)


def dense(space: ranking.Space, q: wq.Query) -> tuple[np.ndarray, np.ndarray]:
    """What the dense path gives: each term's array over the space, added by ranking._sum."""
    parts = [ranking._score(space, sub) for sub in q.subqueries]  # a boosted word's score times its boost
    total = ranking._sum(space.gen, q, [part[0] for part in parts])
    if isinstance(q, wq.Or):
        return total, np.logical_or.reduce([part[1] for part in parts])
    every = np.logical_and.reduce([part[1] for part in parts])
    return np.where(every, total, 0.0), every


@pytest.mark.parametrize("chunk", [7, 64, sums.CHUNK])
def test_many_terms_are_added_as_the_dense_path_adds_them(store, chunk, monkeypatch):
    rng = random.Random(8)
    add(store, [make_doc(n, rng) for n in range(150)])
    add(store, [make_doc(n, rng) for n in range(150, 260)])
    delete(store, [str(n) for n in range(0, 260, 9)])
    monkeypatch.setattr(sums, "CHUNK", chunk)  # blocks that cut segments and terms' postings anywhere
    searcher = store.searcher()
    gen = postings.generation(searcher)
    texts = [" OR ".join(WORDS), " OR ".join(WORDS[::-1] + ["zeppelin"]), "body:oil body:gas body:wheat",
             "body:oil title:price body:bank body:rate", " OR ".join(f"body:{word}" for word in WORDS[:5]),
             " OR ".join(f"{word}^{n % 3 + 0.5}" for n, word in enumerate(WORDS)), "body:oil^2 body:gas body:wheat^3"]
    for text in texts:
        q = text_query(text, searcher.schema)
        assert isinstance(q, (wq.And, wq.Or)) and len(q.subqueries) > 2, text
        matching = postings.matches(searcher, q)
        halved = matching & (np.arange(len(matching)) % 2 > 0)
        for space in (ranking.Space(gen), ranking.Space(gen, matching), ranking.Space(gen, halved)):
            total, found = ranking._unboosted(space, q)
            expected_total, expected_found = dense(space, q)
            assert np.array_equal(found, expected_found), text
            assert total.tobytes() == expected_total.tobytes(), text  # the same floats, bit for bit


def test_the_plan_is_whooshs_weighted_tree():
    # weights 5, 1, 3, 1: first the two 1s (parts 1 and 3) into node 4 (weight 2, part 1), then node 4
    # and part 2 (3) into node 5 (weight 5, part 1), then part 0 (5, part 0) and node 5 (5, part 1)
    assert sums.plan([5, 1, 3, 1]) == [(1, 3), (4, 2), (0, 5)]
    assert sums.plan([2]) == []
