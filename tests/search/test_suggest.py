"""'Did you mean' over a real Whoosh index of BBC articles: per word, a much more frequent word of
the archive a letter or two away, offered only when it finds more articles."""
import pytest

from archive.index.store import IndexStore
from archive.search.suggest import better_word, did_you_mean, frequency
from tests.conftest import SHARED

BBC = SHARED / "data" / "news" / "bbc"


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    store = IndexStore(tmp_path_factory.mktemp("suggest") / "ix")
    paths = [BBC / topic / f"{n:03d}.txt" for topic in ("business", "politics") for n in range(1, 61)]
    with store.write_lock(), store.writer() as writer:
        for number, path in enumerate(paths):
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            writer.add_document(id=str(number), title=title.strip(), body=body.strip())
    yield store.searcher()
    store.close()


def test_each_misspelt_word_becomes_the_frequent_word_it_is_near(searcher):
    assert did_you_mean(searcher, "goverment budgit") == "government budget"
    assert did_you_mean(searcher, "Goverment") == "government"


@pytest.mark.parametrize("word", ["budget", "government", "minister", "economy"])
def test_a_word_the_archive_has_is_left_alone(searcher, word):
    assert better_word(searcher, word) is None
    assert did_you_mean(searcher, word) is None


def test_never_a_rarer_word(searcher):
    for word in ("goverment", "budgit", "tory", "labor", "bank", "given", "giver"):
        better = better_word(searcher, word)
        if better is not None:
            assert frequency(searcher, better) > frequency(searcher, word), word
    assert better_word(searcher, "goverment") == "government"  # not "given", the suggestion


def test_offered_only_when_it_finds_more(searcher):
    assert did_you_mean(searcher, "goverment zzqqxx") is None  # finds nothing either way
    assert did_you_mean(searcher, "the") is None
