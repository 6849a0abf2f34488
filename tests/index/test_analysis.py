"""FastText (archive/index/analysis.py) gives exactly what Whoosh's TEXT with a StemmingAnalyzer gives:
the same postings and spelling words for real news texts and odd strings, and so the same index.
Run again on any Whoosh upgrade."""
from __future__ import annotations

import html
import pickle
import re
import threading
from functools import lru_cache

import pytest
from whoosh import index
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import TEXT, Schema

from archive.index import IndexStore
from archive.index.analysis import FastText
from archive.index.schema import build_schema
from tests.conftest import SHARED

DATA = SHARED / "data"
CONFIGS = {"title": {"field_boost": 2.0, "stored": True}, "body": {"spelling": True}}
TRICKY = [
    "", " \n\t ", "the and of a to in is it", "a b c I x y z 1 2 3", "A", "no",
    "Zürich 3.5bn U.S. naïve İstanbul İ ß STRASSE Straße ΣΊΣΥΦΟΣ ΟΔΟΣ ǅemal ﬁnance ＡＢＣ ١٢٣ 三菱商事",
    "don't it's O'Neill's rock'n'roll ‘quoted’ “double” l’État",
    "U.S.A. e.g. i.e. Ph.D. a..b .x. 1.2.3. v2.0-beta 3,500.75 $1.2bn 10.5% www.bbc.co.uk",
    "wild*card f*o ** *.* under_score __init__ café_bar",
    "x" * 300 + " " + "antidisestablishmentarianism" * 12 + " " + "é" * 50,
    "the cat sat on the cat the cat " * 40, "Reuters REUTERS reuters Reuter reuter's",
    "The the THE tHe running runs ran RUNNING Running",
    "line\nbreaks\r\nand\u00a0no-break\u2009thin\u200bzero width",
]


def _read(path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # sport/199.txt has one latin-1 byte
        return raw.decode("latin-1")


@lru_cache(maxsize=1)
def bbc() -> tuple[tuple[str, str], ...]:
    """(title, body) of every BBC article."""
    articles = []
    for path in sorted((DATA / "news" / "bbc").glob("*/*.txt")):
        title, _, body = _read(path).partition("\n")
        articles.append((title.strip(), body.strip()))
    assert len(articles) == 2225
    return tuple(articles)


@lru_cache(maxsize=1)
def reuters() -> tuple[tuple[str, str], ...]:
    """(title, body) of the articles of the first three Reuters files (3,000 articles)."""
    articles = []
    for number in range(3):
        text = (DATA / "reuters21578" / f"reut2-{number:03d}.sgm").read_text(encoding="latin-1")
        for doc in re.findall(r"<REUTERS.*?</REUTERS>", text, re.DOTALL):
            title, body = (html.unescape(m.group(1)) if (m := re.search(rf"<{tag}>(.*?)</{tag}>", doc, re.DOTALL))
                           else "" for tag in ("TITLE", "BODY"))
            articles.append((title, body))
    assert len(articles) == 3000
    return tuple(articles)


def real_texts(config: str) -> list[str]:
    """Every title and body; for the title field, every title and a fifth of the bodies (Whoosh's own
    analysis, the slow side of the comparison, takes seconds)."""
    articles = bbc() + reuters()
    if config == "title":
        return [title for title, _body in articles] + [body for _title, body in articles[::5]]
    return [text for article in articles for text in article]


def postings(field, value) -> list[tuple]:
    """A field's postings of a value, with the type of the weight (a set would take 2 for 2.0)."""
    return sorted((term, freq, weight, type(weight), encoded) for term, freq, weight, encoded in field.index(value))


def whoosh_field(config: str, **analyzer) -> TEXT:
    return TEXT(analyzer=StemmingAnalyzer(**analyzer), **CONFIGS[config])


def fast_field(config: str, **analyzer) -> FastText:
    return FastText(analyzer=StemmingAnalyzer(**analyzer), **CONFIGS[config])


def assert_same(fast: FastText, plain: TEXT, values) -> int:
    """Index then spellable words of each value, as SegmentWriter.add_document asks; the number of terms seen."""
    terms = 0
    for value in values:
        expected = postings(plain, value)
        assert postings(fast, value) == expected, value[:200]
        assert list(fast.spellable_words(value)) == list(plain.spellable_words(value)), value[:200]
        terms += len(expected)
    return terms


@pytest.mark.parametrize("config", CONFIGS)
def test_postings_and_spelling_words_equal_whooshs_on_real_news(config):
    texts = real_texts(config)
    assert len(texts) > 6_000
    assert assert_same(fast_field(config), whoosh_field(config), texts) > {"title": 120_000, "body": 550_000}[config]


@pytest.mark.parametrize("config", CONFIGS)
def test_postings_and_spelling_words_equal_whooshs_on_odd_strings(config):
    long_text = " ".join(body for _title, body in bbc()[:40])  # positions past the table of single positions
    assert len(long_text.split()) > 10_000
    values = [*TRICKY, long_text, "the of " * 5_000 + long_text]
    assert assert_same(fast_field(config), whoosh_field(config), values) > 4_500


def test_the_analyzers_settings_are_followed_not_assumed():
    settings = {"expression": r"\w+", "stoplist": ["news", "bbc"], "minsize": 3, "maxsize": 12,
                "ignore": {"running", "markets"}}
    texts = [text for article in bbc()[:300] for text in article] + TRICKY
    assert assert_same(fast_field("body", **settings), whoosh_field("body", **settings), texts) > 10_000
    assert [t[0] for t in postings(fast_field("body", **settings), "BBC News: running the markets")] \
        == [b"markets", b"running", b"the"]  # its own stop words, "running" not stemmed


def test_spelling_words_of_a_value_not_just_indexed_are_its_own():
    fast, plain = fast_field("body"), whoosh_field("body")
    first, second = (body for _title, body in bbc()[:2])
    list(fast.index(first))
    assert list(fast.spellable_words(second)) == list(plain.spellable_words(second))
    copy = "".join(list(first))  # equal, but another object: not taken for the value indexed
    list(fast.index(first[:100]))
    assert list(fast.spellable_words(copy)) == list(plain.spellable_words(first))
    title = fast_field("title")  # no spelling: spellable words are still right when asked
    list(title.index(first))
    assert list(title.spellable_words(first)) == list(plain.spellable_words(first))


def test_threads_sharing_a_field_get_each_values_own_results():
    fast, plain = fast_field("body"), whoosh_field("body")
    bodies = [body for _title, body in reuters()[:400]]
    expected = {body: (postings(plain, body), list(plain.spellable_words(body))) for body in bodies}
    wrong = []

    def work(part):
        for body in part:
            if (postings(fast, body), list(fast.spellable_words(body))) != expected[body]:
                wrong.append(body)

    threads = [threading.Thread(target=work, args=(bodies[n::4],)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong


def test_a_full_word_table_starts_afresh_with_the_same_results():
    fast, plain = fast_field("body", ignore={"table-test"}), whoosh_field("body", ignore={"table-test"})
    fast._words.LIMIT = 500  # this analyzer's own table: a BBC body has a few hundred distinct words
    bodies = [body for _title, body in bbc()[:100]]
    assert assert_same(fast, plain, bodies) > 10_000
    assert len(fast._words.known[1]) <= 500 + max(len(set(body.split())) for body in bodies)


def test_lists_tuples_and_other_arguments_go_to_whoosh():
    fast, plain = fast_field("body"), whoosh_field("body")
    for value in (["Floods", "in", "Porto"], ("Markets", "fell", "markets")):
        assert postings(fast, value) == postings(plain, value)
        assert list(fast.spellable_words(value)) == list(plain.spellable_words(value))
    shifted = sorted(fast.index("Floods in Porto close the bridge", start_pos=7))
    assert shifted == sorted(plain.index("Floods in Porto close the bridge", start_pos=7))
    assert shifted != sorted(plain.index("Floods in Porto close the bridge"))
    with pytest.raises(ValueError):
        list(fast.index(b"bytes are not text"))


@pytest.mark.parametrize("arguments", [
    {"analyzer": StandardAnalyzer()}, {"analyzer": StemmingAnalyzer(stoplist=None)},
    {"analyzer": StemmingAnalyzer(gaps=True)}, {"analyzer": StemmingAnalyzer(), "chars": True},
    {"analyzer": StemmingAnalyzer(), "phrase": False}])
def test_other_analyzers_and_formats_are_refused(arguments):
    with pytest.raises(TypeError):
        FastText(**arguments)


def test_the_field_pickles_without_its_last_value():
    fast = fast_field("body")
    list(fast.index("Zanzibarquux harbour reopened"))
    dumped = pickle.dumps(fast, 2)
    assert b"anzibarquux" not in dumped
    loaded = pickle.loads(dumped)
    assert type(loaded) is FastText and loaded == fast and loaded.spelling and loaded.analyzer == fast.analyzer
    value = bbc()[5][1]
    assert postings(loaded, value) == postings(whoosh_field("body"), value)


def _plain_schema() -> Schema:
    """build_schema() with Whoosh's own TEXT for title and body."""
    fields = {name: field for name, field in build_schema().items() if not name.startswith("spell_")}
    fields.update(title=whoosh_field("title"), body=whoosh_field("body"))
    return Schema(**fields)


def _contents(ix) -> dict:
    with ix.reader() as reader:
        terms = sorted(reader.all_terms())
        found = {"terms": terms, "stored": list(reader.all_stored_fields()), "lengths": {
            field: [reader.doc_field_length(n, field) for n in range(reader.doc_count_all())]
            for field in ("title", "body")}}
        for field, term in terms:
            matcher, rows = reader.postings(field, term), []
            while matcher.is_active():
                rows.append((matcher.id(), matcher.weight(),
                             matcher.value_as("positions") if field in ("title", "body") else None))
                matcher.next()
            found[field, term] = rows
        return found


def test_an_index_written_with_fasttext_equals_one_written_with_whooshs_text(tmp_path):
    articles = [article for pair in zip(bbc()[::10][:100], reuters()[::10][:100]) for article in pair]
    documents = [{"id": str(n), "title": title, "body": body} for n, (title, body) in enumerate(articles) if title]
    assert len(documents) > 190

    store = IndexStore(tmp_path / "fast")
    with store.write_lock(), store.writer() as writer:
        for document in documents:
            writer.add_document(**document)
    store.close()
    (tmp_path / "plain").mkdir()
    plain = index.create_in(str(tmp_path / "plain"), _plain_schema())
    with plain.writer(limitmb=128) as writer:
        for document in documents:
            writer.add_document(**document)

    reopened = IndexStore(tmp_path / "fast")
    fast = reopened.open()
    assert type(fast.schema["body"]) is FastText and type(fast.schema["title"]) is FastText
    assert type(plain.schema["body"]) is TEXT
    built, expected = _contents(fast), _contents(plain)
    spelling = [term for field, term in expected["terms"] if field == "spell_body"]
    assert len(spelling) > 5_000 and expected["spell_body", b"markets"][0][1] > 10  # weight: documents with it
    market = expected["body", b"market"]
    assert len(market) > 20 and max(len(positions) for _doc, _weight, positions in market) > 3
    assert built == expected
    reopened.close()
