"""Snippets: the passages whoosh.highlight would pick, matched word forms in <mark>, all text escaped."""
import pickle
import random

from whoosh import highlight
from whoosh.analysis import StandardAnalyzer

from archive.index.schema import build_schema
from archive.search.query import positive_terms, text_query
from archive.search.snippets import BETWEEN, SNIPPET_CHARS, MarkFormatter, _marked, _opening, _window, _Words, snippet
from tests.views.news import BBC, TOPICS

SCHEMA = build_schema()
ANALYZER = SCHEMA["body"].analyzer


def terms_of(q: str) -> set[str]:
    return positive_terms(text_query(q, SCHEMA), "body")


def whoosh_snippet(body: str, terms: set[str], analyzer=ANALYZER) -> str:
    """The reference: whoosh.highlight over the same part of the body, the opening when nothing matches."""
    if terms:
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        marked = highlight.highlight(_window(body, terms), frozenset(terms), analyzer, fragmenter, MarkFormatter(),
                                     top=2)
        if marked:
            return marked
    return str(MarkFormatter()._text(_opening(body)))


def bbc_bodies(per_topic: int) -> list[str]:
    return [(BBC / topic / f"{n:03d}.txt").read_text(encoding="utf-8").partition("\n")[2].strip()
            for topic in TOPICS for n in range(1, per_topic + 1)]


def queries_for(body: str, rng: random.Random) -> list[str]:
    """Words of the body itself (so that most match), a pair, a phrase, and words it lacks."""
    words = [w.strip(".,;:'\"()?!-") for w in body.split()]
    words = [w for w in words if w.isalnum()]
    picks = [rng.choice(words) for _ in range(3)]
    return [picks[0], f"{picks[1]} {picks[2]}", f'"{picks[0]} {picks[1]}"', f"{picks[0].upper()} the",
            "zebra", "-economy growth", f"{picks[2][:-1]}s"]


def test_same_as_whoosh_highlight_on_real_texts():
    rng, compared, marked = random.Random(5), 0, 0
    bodies = bbc_bodies(24)
    # Long bodies: matches far apart, past the window, and past whoosh's 32,768-character limit.
    bodies += [body * 14 for body in bodies[:4]] + [bodies[0] + " filler" * 6000 + " " + bodies[1]]
    for body in bodies:
        for q in queries_for(body, rng):
            terms = terms_of(q)
            expected = whoosh_snippet(body, terms)
            assert snippet(body, terms, ANALYZER) == expected, (q, body[:60])
            compared += 1
            marked += "<mark>" in expected
    assert compared > 700 and marked > compared // 3


def test_whole_bodies_same_as_whoosh_highlight():
    """No window: the passage cutting itself, over every part of long texts."""
    rng = random.Random(8)
    for body in bbc_bodies(8):
        for q in queries_for(body, rng):
            terms = terms_of(q)
            fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
            expected = highlight.highlight(body, frozenset(terms), ANALYZER, fragmenter, MarkFormatter(), top=2)
            assert _marked(body, _Words.of(ANALYZER), terms) == expected, q


def test_word_forms_are_marked_and_everything_is_escaped():
    body = "Protesters <b>protested</b> & the protest grew; police said \"protests\" would end."
    out = snippet(body, terms_of("protest"), ANALYZER)
    assert out.count("<mark>") == 4
    assert "<mark>Protesters</mark> &lt;b&gt;<mark>protested</mark>&lt;/b&gt; &amp; the <mark>protest</mark>" in out
    assert "&#34;<mark>protests</mark>&#34;" in out
    assert "<b>" not in out


def test_best_two_passages_in_text_order():
    filler = " ".join(["lorem ipsum dolor sit amet"] * 20)
    body = f"Oil prices rose. {filler} Oil and gas output fell. {filler} More oil news."
    out = snippet(body, terms_of("oil gas"), ANALYZER)
    passages = out.split(BETWEEN)
    assert len(passages) == 2
    assert passages[0].startswith("<mark>Oil</mark> prices rose")  # the first passage, before the second
    assert "<mark>Oil</mark> and <mark>gas</mark> output fell" in passages[1]  # best: two different terms
    assert "More" not in out


def test_the_opening_when_nothing_matches():
    body = "  The   central bank <kept> rates on hold.\n\n" + "More words follow here. " * 30
    out = snippet(body, terms_of("zebra"), ANALYZER)
    assert out.startswith("The central bank &lt;kept&gt; rates on hold. More words")
    assert out.endswith(" …") and len(out) <= SNIPPET_CHARS + 20
    assert snippet(body, set(), ANALYZER) == out  # an empty query: the opening as well


def test_other_analyzers_go_through_whoosh():
    analyzer = StandardAnalyzer()
    body = "Banks and bank rates: the bank said rates stay."
    assert snippet(body, {"bank"}, analyzer) == whoosh_snippet(body, {"bank"}, analyzer)
    assert "<mark>bank</mark>" in snippet(body, {"bank"}, analyzer)


def test_word_rules_are_shared_by_every_generation_of_the_schema():
    """Each index generation unpickles its own schema: its analyzer must not add another word cache."""
    reopened = pickle.loads(pickle.dumps(build_schema()))["body"].analyzer
    assert _Words.of(reopened) is _Words.of(ANALYZER) is _Words.of(build_schema()["body"].analyzer)
