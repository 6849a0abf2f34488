"""The Whoosh fixes in archive/index/patches.py, each test named by the fix it protects (the numbers of
the module's docstring): should Whoosh-Reloaded ever be upgraded (archive/index/guard.py refuses it until
these pass against the new release), a failure here says which patch no longer holds."""
import gc
import warnings

import pytest
from whoosh import fields, index
from whoosh.qparser import QueryParser

from archive.index import IndexStore, patches, sidecar
from archive.search.suggest import did_you_mean


def test_missing_length_column_is_looked_up_once(tmp_path):
    """Fix 1 (and 2)."""
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT)
    ix = index.create_in(str(tmp_path), schema)
    with ix.writer() as writer:
        for n in range(3):
            writer.add_document(id=str(n), body=f"words number {n}")
    with ix.reader() as reader:
        perdoc = reader._perdoc
        lookups = []
        storage_exists = perdoc._storage.file_exists
        perdoc._storage.file_exists = lambda name: lookups.append(name) or storage_exists(name)
        assert [perdoc.doc_field_length(n, "id") for n in range(3)] == [0, 0, 0]
        assert [perdoc.doc_field_length(n, "body") for n in range(3)] == [2, 2, 2]  # "0", "1", "2" are shorter than the analyser keeps
        assert len(lookups) == 2  # one per field, not one per call


def test_spelling_words_are_counted_with_the_frequency_whoosh_gives_them(tmp_path):
    """Fix 3."""
    store = IndexStore(tmp_path / "ix")
    bodies = ["Exports of wheat rose", "Wheat prices fell", "The wheat harvest and exports", "Gold prices"]
    for first in (0, 2):  # two segments
        with store.write_lock(), store.writer() as writer:
            for number in range(first, first + 2):
                writer.add_document(id=str(number), body=bodies[number])
    reader = store.searcher().reader()
    spell = store.searcher().schema["body"]
    expected: dict[bytes, int] = {}
    for body in bodies:
        for word in spell.spellable_words(body):
            expected[word.encode()] = expected.get(word.encode(), 0) + 1
    assert {word: reader.frequency("spell_body", word) for word in reader.lexicon("spell_body")} == expected
    assert reader.doc_frequency("spell_body", b"wheat") == 2  # one posting per segment, not one per document
    assert did_you_mean(store.searcher(), "wheet exprots") == "wheat exports"
    store.close()


def _postings(ix) -> dict:
    with ix.reader() as reader:
        return {(field, term): list(reader.postings(field, term).items_as("weight"))
                for field, term in reader.all_terms()}


def test_postings_sorted_through_runs_on_disk_equal_those_sorted_in_memory(tmp_path):
    """Fix 4."""
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT(spelling=True), tag=fields.KEYWORD)
    bodies = [f"report {n} on wheat and gold prices, number {n % 7} of {n % 13}" for n in range(300)]
    built = {}
    for name, limitmb in (("memory", 128), ("runs", 0.002)):  # 0.002 MB: a run every dozen postings
        folder = tmp_path / name
        folder.mkdir()
        ix = index.create_in(str(folder), schema)
        with ix.writer(limitmb=limitmb) as writer:
            runs = writer.pool.runs
            for n, body in enumerate(bodies):
                writer.add_document(id=str(n), body=body, tag=f"t{n % 5} t{n % 11}")
            written = len(runs)
        built[name] = _postings(ix)
        assert not list(folder.glob("*.run"))  # every run file removed after the merge
        if name == "runs":
            assert written > 128  # more runs than open files: some were merged into new runs first
    assert built["runs"] == built["memory"] and len(built["memory"]) > 100



def _compression(reader, field: str, term: bytes) -> int:
    return reader.postings(field, term)._compression


def test_one_posting_blocks_are_written_plain_and_read_back_the_same(tmp_path, monkeypatch):
    """Fix 5."""
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT(phrase=True))
    bodies = [f"wheat prices rose {n} percent" + (" in kazakhstan" if n == 7 else "") for n in range(40)]
    built = {}
    for name in ("whoosh", "patched"):
        if name == "whoosh":  # every block compressed, as Whoosh writes them
            monkeypatch.setitem(sidecar._original, "write_block", patches._write_block)
        else:
            monkeypatch.undo()
        (tmp_path / name).mkdir()
        ix = index.create_in(str(tmp_path / name), schema)
        with ix.writer() as writer:
            for n, body in enumerate(bodies):
                writer.add_document(id=str(n), body=body)
        with ix.reader() as reader:
            built[name] = ({(field, term): list(reader.postings(field, term).items_as("positions"))
                            for field, term in reader.all_terms() if field == "body"},
                           _compression(reader, "body", b"kazakhstan"), _compression(reader, "body", b"wheat"))
        with ix.searcher() as searcher:
            hits = searcher.search(QueryParser("body", schema).parse('"percent in kazakhstan"'))
            assert [hit["id"] for hit in hits] == ["7"]
    assert built["whoosh"][1:] == (3, 3)
    assert built["patched"][1:] == (0, 3)  # one posting: plain; forty: compressed as before
    assert built["patched"][0] == built["whoosh"][0] and len(built["whoosh"][0]) == 35


def _spelling(store) -> dict[bytes, int]:
    reader = store.searcher().reader()
    return {word: reader.frequency("spell_body", word) for word in reader.lexicon("spell_body")}


def test_a_merge_keeps_the_spelling_words_of_a_segment_whose_first_document_was_deleted(tmp_path):
    """Fix 6."""
    store = IndexStore(tmp_path / "ix")
    batches = [["Kazakhstan wheat exports rose", "Almaty traders said"], ["Gold prices fell", "Tokyo markets closed"]]
    for first, bodies in zip((0, 2), batches):  # two segments
        with store.write_lock(), store.writer() as writer:
            for number, body in enumerate(bodies, first):
                writer.add_document(id=str(number), body=body)
    before = _spelling(store)
    assert before[b"kazakhstan"] == 1 and before[b"tokyo"] == 1
    with store.write_lock(), store.writer() as writer:
        writer.delete_by_term("id", "0")  # document 0 of the first segment, where its spelling words sit
    with store.write_lock():
        store.open().optimize()  # one merged segment
    assert len(store.open()._segments()) == 1
    assert _spelling(store) == before  # Whoosh's own merge dropped kazakhstan, wheat, almaty, traders...
    # still words to suggest ("did you mean" offers them only where they find more: not here, doc 0 is gone)
    assert set(store.searcher().reader().terms_within("spell_body", "kazakstan", 1, prefix=1)) == {"kazakhstan"}
    assert store.searcher().doc_count() == 3
    store.close()


def test_a_reader_whose_segment_vanished_closes_the_readers_it_opened(tmp_path):
    """Fix 7."""
    store = IndexStore(tmp_path / "ix")
    for first in (0, 2):  # two segments
        with store.write_lock(), store.writer() as writer:
            for number in range(first, first + 2):
                writer.add_document(id=str(number), body=f"wheat exports {number}")
    ix = store.open()
    segments = ix._segments()
    assert len(segments) == 2
    storage = ix.storage
    gone = segments[1].segment_id()
    for name in [name for name in storage.list() if gone in name]:
        storage.delete_file(name)  # a merge in another process removed it
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(Exception):
            index.FileIndex._reader(storage, ix.schema, list(segments), ix.latest_generation())
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]
    store.close()
