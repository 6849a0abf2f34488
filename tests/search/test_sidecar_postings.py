"""The numpy search path reads sidecars where segments have them and posting blocks where they do not,
with Whoosh's exact answers either way."""
import random

import numpy as np
import pytest
from whoosh.util.numeric import byte_to_length, length_to_byte

from archive.index import IndexStore, sidecar
from archive.search import postings
from tests.search.test_postings import add, check_against_whoosh, delete, make_doc


@pytest.fixture
def store(tmp_path):
    store = IndexStore(tmp_path / "index")
    yield store
    store.close()


def test_segments_with_and_without_sidecars_give_whoosh_answers(store):
    rng = random.Random(8)
    sidecar.uninstall()  # an older segment, written before sidecars existed
    try:
        add(store, [make_doc(n, rng) for n in range(100)])
    finally:
        sidecar.install()
    add(store, [make_doc(n, rng) for n in range(100, 180)])
    delete(store, [str(n) for n in range(0, 180, 9)])
    searcher = store.searcher()
    found = [sidecar.for_leaf(leaf) is not None for leaf, _offset in searcher.reader().leaf_readers()]
    assert sorted(found) == [False, True]
    check_against_whoosh(searcher)
    gen = postings.generation(searcher)
    for leaf, _offset, _segment in gen.leaves:  # both ways of reading a segment give the same arrays
        for field, term in (("body", b"oil"), ("title", b"wheat"), ("actor", b"3")):
            from_blocks = postings._read_blocks(postings.W3LeafMatcher(
                *_extent_file(leaf, field, term), leaf.schema[field].format))
            ids, weights = postings.read_postings(leaf, field, term)
            assert np.array_equal(ids, from_blocks[0]) and np.array_equal(weights, from_blocks[1])


def _extent_file(leaf, field: str, term: bytes):
    info = leaf._terms.term_info(field, term)
    offset, length = postings._extent(info)
    return leaf._terms._postfile, offset, length


def test_field_lengths_are_the_byte_coded_lengths_whoosh_scores_with(store):
    add(store, [{"id": "1", "body": "oil " * 40}, {"id": "2", "title": "plain heading"},
                {"id": "3", "body": "gas price " * 700}, {"id": "4", "title": "other heading"}])
    gen = postings.generation(store.searcher())
    (leaf, _offset, _segment), = gen.leaves
    tokens = {"body": [40, 0, 1400, 0], "title": [0, 2, 0, 2]}  # the last document has no body: a short column
    for field, counts in tokens.items():
        (lengths,) = gen.field_lengths(field)
        expected = [byte_to_length(length_to_byte(n)) if n else 0 for n in counts]
        assert lengths.dtype == np.float32 and lengths.tolist() == expected, field
        assert [leaf.doc_field_length(n, field) or 0 for n in range(4)] == expected, field
