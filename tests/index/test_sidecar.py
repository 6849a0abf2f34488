"""Postings sidecars: every segment Whoosh writes carries its postings as arrays equal to Whoosh's own,
and they go away with their segment."""
import random
from pathlib import Path

import numpy as np
import pytest

from archive.index import IndexStore, sidecar

WORDS = ["oil", "price", "wheat", "bank", "rate", "trade", "export", "gas", "gold", "market"]


def make_doc(number: int, rng: random.Random) -> dict:
    return {"id": str(number), "title": " ".join(rng.sample(WORDS, 3)),
            "body": " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40))),
            "actor": ",".join(str(rng.randint(1, 9)) for _ in range(rng.randint(0, 3))), "source": "Reuters"}


@pytest.fixture
def store(tmp_path):
    store = IndexStore(tmp_path / "index")
    yield store
    store.close()


def add(store: IndexStore, docs: list[dict], procs: int = 1) -> None:
    with store.write_lock(), store.writer(procs=procs) as writer:
        for doc in docs:
            writer.add_document(**doc)


def whoosh_postings(leaf, field: str, term: bytes) -> tuple[list[int], list[float]]:
    """Document numbers and weights as Whoosh's own matcher reads them from the posting blocks."""
    matcher = leaf.postings(field, term)
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def test_every_segment_carries_postings_equal_to_whoosh(store):
    rng = random.Random(2)
    add(store, [make_doc(n, rng) for n in range(200)])
    add(store, [make_doc(n, rng) for n in range(200, 300)]
        + [{"id": "998", "body": "strike " * 300},  # a weight above 255
           {"id": "999", "body": "gold strike", "_body_boost": 1.5}])  # a weight that is not an integer
    add(store, [make_doc(n, rng) for n in range(300, 500)], procs=2)  # segments written by forked processes
    # A process of the parallel writer that got no documents leaves an empty segment: nothing to list.
    leaves = [leaf for leaf, _offset in store.searcher().reader().leaf_readers() if leaf.doc_count_all()]
    assert len(leaves) >= 3 and sum(leaf.doc_count_all() for leaf in leaves) == 502
    for leaf in leaves:
        mapped = sidecar.for_leaf(leaf)
        assert mapped is not None
        assert not mapped.covers("id")  # unique ids: neither scored nor a facet
        for field in ("title", "body", "actor", "source"):
            assert mapped.covers(field)
            terms = list(leaf.lexicon(field))
            assert [term for term, _ids in mapped.terms(field)] == terms
            for term in terms:
                ids, weights = mapped.term(field, term)
                assert ids.dtype == np.int32 and weights.dtype == np.float32
                assert (ids.tolist(), weights.tolist()) == whoosh_postings(leaf, field, term), (field, term)
        assert len(mapped.term("body", b"zeppelin")[0]) == 0
        assert len(mapped.term("body", b"")[0]) == 0


def test_weights_that_need_more_than_a_byte_stay_exact(store):
    add(store, [{"id": "1", "body": "strike " * 300}, {"id": "2", "body": "strike gold", "_body_boost": 1.5}])
    (leaf, _offset), = store.searcher().reader().leaf_readers()
    assert sidecar.for_leaf(leaf).term("body", b"strike")[1].tolist() == [300.0, 1.5]
    assert sidecar.for_leaf(leaf).term("body", b"gold")[1].tolist() == [1.5]


def test_a_merged_segment_takes_its_sidecar_away(store):
    rng = random.Random(4)
    for first in range(0, 60, 10):
        add(store, [make_doc(n, rng) for n in range(first, first + 10)])
    with store.write_lock():
        store.open().optimize()
    (leaf, _offset), = store.searcher().reader().leaf_readers()
    segment = leaf.segment()
    assert sidecar.for_leaf(leaf).term("body", b"oil")[0].tolist() == whoosh_postings(leaf, "body", b"oil")[0]
    files = sorted(path.name for path in store.path.iterdir())
    # Whoosh's own clean-up removed the other segments' files, sidecars included (they were inside them)
    assert [name for name in files if name.startswith("MAIN_") and "WRITELOCK" not in name] == \
        [segment.make_filename(".seg")]
    assert segment.make_filename(sidecar.EXT) in leaf.storage().a.list()


def test_a_segment_written_without_sidecar_has_none(store):
    sidecar.uninstall()
    try:
        add(store, [{"id": "1", "body": "oil price"}])
    finally:
        sidecar.install()
    add(store, [{"id": "2", "body": "oil gas"}])
    found = [sidecar.for_leaf(leaf) is not None for leaf, _offset in store.searcher().reader().leaf_readers()]
    assert sorted(found) == [False, True]


def test_an_unreadable_sidecar_is_passed_over(store, tmp_path, caplog):
    add(store, [{"id": "1", "body": "oil price"}])
    (leaf, _offset), = store.searcher().reader().leaf_readers()
    path, offset, length = sidecar._locate(leaf)
    good = Path(path).read_bytes()[offset:offset + length]
    for broken in (b"not a sidecar", good[:len(good) // 2], good[:12]):
        (tmp_path / "broken.npp").write_bytes(broken)
        assert sidecar._map(str(tmp_path / "broken.npp"), 0, len(broken)) is None
    assert "unusable" in caplog.text
    assert sidecar._map(path, offset, length).term("body", b"oil")[0].tolist() == [0]


def test_terms_sharing_long_prefixes_are_found_and_absent_ones_are_not(store):
    words = ["intern", "internal", "internals", "internatio", "international", "internationale",
             "internationalisation", "internationally", "internet", "interne\u00e9t", "\u00e9t\u00e9", "zz", "a"]
    add(store, [{"id": str(n), "title": word, "body": f"{word} {words[(n + 1) % len(words)]}"}
                for n, word in enumerate(words)])
    leaf = next(leaf for leaf, _offset in store.searcher().reader().leaf_readers())
    mapped = sidecar.for_leaf(leaf)
    for field in ("title", "body"):
        terms = list(leaf.lexicon(field))
        assert len(terms) > 8 and any(len(term) > 12 for term in terms)
        for term in terms:
            assert mapped.term(field, term)[0].tolist() == whoosh_postings(leaf, field, term)[0], (field, term)
        # between, before and after the terms (which are stems), and prefixes of them: absent
        absent = [text for text in (b"", b"\x00", b"interna", b"internationa", b"internationalis", b"internationalisa",
                                    b"internationalisations", b"internf", b"zzz", "\u00e9".encode(), b"\xff" * 9)
                  if text not in terms]
        assert len(absent) >= 9
        for text in absent:
            assert len(mapped.term(field, text)[0]) == 0, text


def test_an_empty_term_is_found_even_alone_in_its_field(store):
    add(store, [{"id": "1", "body": "gold", "source": ""}, {"id": "2", "body": "gold strike", "source": ""}])
    leaf = next(leaf for leaf, _offset in store.searcher().reader().leaf_readers())
    mapped = sidecar.for_leaf(leaf)
    assert list(leaf.lexicon("source")) == [b""] and mapped.covers("source")
    assert mapped.term("source", b"")[0].tolist() == [0, 1]
    assert len(mapped.term("source", b"Reuters")[0]) == 0
