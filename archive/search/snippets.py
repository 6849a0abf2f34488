"""Snippets: the best passages of a body with the matched words in <mark>, all else escaped."""
from __future__ import annotations

import re

from markupsafe import escape
from whoosh import highlight
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token

SNIPPET_CHARS = 240


class MarkFormatter(highlight.Formatter):
    """Wraps matches in <mark> and HTML-escapes every character of article text."""

    between = " … "

    def _text(self, text: str) -> str:
        return str(escape(text))

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"<mark>{escape(highlight.get_text(text, token, replace))}</mark>"


def snippet(body: str, terms: set[str], analyzer) -> str:
    """HTML-safe snippet; the opening of the body when nothing matches (an empty query)."""
    if terms:
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        marked = _highlight(_window(body, terms), frozenset(terms), analyzer, fragmenter, MarkFormatter(), top=2)
        if marked:
            return marked
    return str(escape(_opening(body)))


def _highlight(text: str, terms: frozenset[str], analyzer, fragmenter, formatter, top: int) -> str:
    """whoosh.highlight.highlight, with the analyzer and the match marking fused into one loop
    when the analyzer is the schema's StemmingAnalyzer (its chain of generators was most of the time)."""
    tokens = _matched_tokens(text, analyzer, terms)
    if tokens is None:
        return highlight.highlight(text, terms, analyzer, fragmenter, formatter, top=top)
    fragments = fragmenter.fragment_tokens(text, tokens)
    return formatter(text, highlight.top_fragments(fragments, top, highlight.BasicFragmentScorer(), highlight.FIRST))


def _matched_tokens(text: str, analyzer, terms: frozenset[str]):
    """The tokens `analyzer(text, chars=True, mode="query", removestops=False)` would give, each marked
    `matched` as highlight.set_matched_filter does; None for any other analyzer."""
    parts = getattr(analyzer, "items", None)
    if not parts or [type(p) for p in parts] != [RegexTokenizer, LowercaseFilter, StopFilter, StemFilter] \
            or parts[0].gaps:
        return None
    tokenizer, _lower, stops, stemmer = parts
    return _fused(text, tokenizer.expression, stops, stemmer, terms)


def _fused(text: str, expression, stops: StopFilter, stemmer: StemFilter, terms: frozenset[str]):
    stoplist, low, high, stem, ignore = stops.stops, stops.min, stops.max, stemmer._stem, stemmer.ignore
    token = Token(False, True, removestops=False, mode="query")
    for match in expression.finditer(text):
        word = match.group(0).lower()
        token.boost = 1.0
        token.startchar, token.endchar = match.start(), match.end()
        token.stopped = not (len(word) >= low and (high is None or len(word) <= high) and word not in stoplist)
        if not token.stopped and word not in ignore:
            word = stem(word)
        token.text = word
        token.matched = word in terms
        yield token


def _window(body: str, terms: set[str], size: int = 600) -> str:
    """The part of a long body around the first match: analysing whole bodies for
    every hit was most of a search's time. A stem's first letters find the word forms."""
    if len(body) <= size:
        return body
    prefixes = "|".join(re.escape(term[:max(3, len(term) - 1)]) for term in sorted(terms))
    match = re.search(rf"(?i)\b(?:{prefixes})", body)
    if match is None:
        return body
    start = body.rfind(" ", 0, max(0, match.start() - 120)) + 1
    end = body.find(" ", min(len(body), start + size))
    return body[start:end if end != -1 else len(body)]


def _opening(body: str) -> str:
    text = " ".join(body.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    return text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
