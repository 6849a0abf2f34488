"""Word positions in the postings sidecar: for every term of every text field of every segment they are
the positions Whoosh decodes from its own blocks (far-apart words, a word thousands of times, positions
past 65,535, merged segments, segments written by forked processes); fields without positions and
segments without a sidecar have none (tests/index/test_sidecar.py)."""
import random

import numpy as np
import pytest

from archive.index import IndexStore, positions, sidecar
from tests.index.test_sidecar import add, make_doc

ODD_BODIES = {
    "far": "gold " + "filler " * 300 + "gold " + "filler " * 1000 + "gold",  # gaps of 256 and more
    "many": "strike " * 1500 + "gold",  # more than 1,000 positions: pickled in runs
    "repeated": "bank bank rate bank",
    "long": "price " + "filler " * 70_000 + "price oil",  # positions past 65,535
}


@pytest.fixture
def store(tmp_path):
    store = IndexStore(tmp_path / "index")
    yield store
    store.close()


def whoosh_positions(leaf, field: str, term: bytes) -> tuple[list[int], list[list[int]]]:
    """Document numbers and positions as Whoosh's own matcher decodes them from the posting blocks."""
    matcher = leaf.postings(field, term)
    ids, places = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        places.append(list(matcher.value_as("positions")))
        matcher.next()
    return ids, places


def sidecar_positions(mapped, field: str, term: bytes) -> tuple[list[int], list[list[int]]]:
    ids, counts, flat = mapped.positions(field, term)
    ends = np.cumsum(counts.astype(np.int64))
    assert len(flat) == (ends[-1] if len(ends) else 0)
    return ids.tolist(), [part.tolist() for part in np.split(flat, ends[:-1])] if len(ids) else []


def check_every_term(store: IndexStore, fields=("title", "body")) -> int:
    leaves = [leaf for leaf, _offset in store.searcher().reader().leaf_readers() if leaf.doc_count_all()]
    for leaf in leaves:
        mapped = sidecar.for_leaf(leaf)
        for field in fields:
            assert mapped.has_positions(field)
            for term in leaf.lexicon(field):
                assert sidecar_positions(mapped, field, term) == whoosh_positions(leaf, field, term), (field, term)
        assert not mapped.has_positions("actor") and not mapped.has_positions("id")
        assert sidecar_positions(mapped, "body", b"zeppelin") == ([], [])
    return len(leaves)


def test_positions_equal_what_whoosh_decodes_from_its_blocks(store):
    rng = random.Random(3)
    add(store, [make_doc(n, rng) for n in range(150)] + [{"id": key, "body": body} for key, body in ODD_BODIES.items()])
    add(store, [make_doc(n, rng) for n in range(150, 300)], procs=2)  # segments written by forked processes
    assert check_every_term(store) >= 2
    (leaf, _offset), *_ = store.searcher().reader().leaf_readers()
    body = sidecar.for_leaf(leaf)._fields["body"]
    assert body.positions.dtype == body.counts.dtype == np.dtype("<u4")  # "filler" 70,000 times


def test_a_merged_segment_keeps_the_positions(store):
    rng = random.Random(6)
    for first in range(0, 50, 10):
        add(store, [make_doc(n, rng) for n in range(first, first + 10)]
            + [{"id": f"{key}{first}", "body": body} for key, body in ODD_BODIES.items() if key != "long"])
    with store.write_lock(), store.writer() as writer:
        writer.delete_by_term("id", "3")
    with store.write_lock():
        store.open().optimize()
    assert check_every_term(store) == 1
    (leaf, _offset), = store.searcher().reader().leaf_readers()
    assert sidecar.for_leaf(leaf)._fields["body"].positions.dtype == np.dtype("<u2")  # all under 65,536


def test_decode_reads_both_layouts_of_whooshs_pickles():
    from whoosh.formats import Positions

    lists = [[0], [3, 4, 900], list(range(0, 3000, 2)), [5, 70_000], list(range(1200))]
    counts, flat = positions.decode([Positions().encode(places) for places in lists])
    assert counts.tolist() == [len(places) for places in lists]
    assert flat.tolist() == [place for places in lists for place in places]
