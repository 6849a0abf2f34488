"""Snippets: the best passages of a body with the matched words in <mark>, all else escaped.

The passages are those whoosh.highlight picks with ContextFragmenter(maxchars=240,
surround=60), BasicFragmentScorer and the best two in text order; for the schema's
StemmingAnalyzer they are found here over the tokenizer's matches directly (the same
words, the same rules), without whoosh's Token objects and generator chains, which
were most of a search's snippet time. Any other analyzer goes through whoosh.highlight.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar

from markupsafe import escape
from whoosh import highlight
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

SNIPPET_CHARS = 240
SURROUND = 60  # characters of context before the first and after the last match of a passage
PASSAGES = 2
BETWEEN = " … "
CHARLIMIT = highlight.DEFAULT_CHARLIMIT  # tokens ending past this character are not looked at


class MarkFormatter(highlight.Formatter):
    """Wraps matches in <mark> and HTML-escapes every character of article text."""

    between = BETWEEN

    def _text(self, text: str) -> str:
        return str(escape(text))

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"<mark>{escape(highlight.get_text(text, token, replace))}</mark>"


def snippet(body: str, terms: set[str], analyzer) -> str:
    """HTML-safe snippet; the opening of the body when nothing matches (an empty query)."""
    if terms:
        text = _window(body, terms)
        words = _Words.of(analyzer)
        if words is None:
            fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=SURROUND)
            marked = highlight.highlight(text, frozenset(terms), analyzer, fragmenter, MarkFormatter(), top=PASSAGES)
        else:
            marked = _marked(text, words, terms)
        if marked:
            return marked
    return str(escape(_opening(body)))


class _Words:
    """The StemmingAnalyzer's rules (query mode, stop words kept) for telling which words of a
    text match: each word's term, remembered, as stemming is the slow part."""

    # By the analyzer's settings, not its identity: each index generation unpickles its own schema.
    _known: ClassVar[dict[tuple, _Words]] = {}

    def __init__(self, tokenizer: RegexTokenizer, stops: StopFilter, stemmer: StemFilter):
        # The default pattern, [\w\*]+(\.?[\w\*]+)*, finds the same words written without backtracking.
        self.expression = _DEFAULT_WORDS if tokenizer.expression == _DEFAULT_TOKENS else tokenizer.expression
        self.stoplist, self.low, self.high = stops.stops, stops.min, stops.max
        self.stem, self.ignore = stemmer._stem, stemmer.ignore
        self.terms: dict[str, str] = {}  # word as written -> its term
        self.by_term: dict[str, set[str]] = {}  # term -> the words seen (as written) that have it

    @classmethod
    def of(cls, analyzer) -> _Words | None:
        parts = getattr(analyzer, "items", None)
        if not parts or [type(p) for p in parts] != [RegexTokenizer, LowercaseFilter, StopFilter, StemFilter] \
                or parts[0].gaps:
            return None
        tokenizer, _lower, stops, stemmer = parts
        key = (tokenizer.expression.pattern, tokenizer.expression.flags, frozenset(stops.stops), stops.min,
               stops.max, stemmer.stemfn, stemmer.lang, stemmer.ignore)
        words = cls._known.get(key)
        if words is None:
            words = cls._known[key] = cls(tokenizer, stops, stemmer)
        return words

    def matching(self, distinct: set[str], terms: set[str]) -> dict[str, str]:
        """The words of `distinct` (as written) whose term is one of `terms`, with that term."""
        if len(self.terms) > 100_000:
            self.terms, self.by_term = {}, {}  # new dicts: a search in another thread keeps the old ones
        known, by_term = self.terms, self.by_term
        for written in distinct.difference(known):
            term = known[written] = self._term(written.lower())
            by_term.setdefault(term, set()).add(written)
        found = set().union(*(by_term[term] for term in terms if term in by_term))
        return {written: known[written] for written in distinct & found} if found else {}

    def _term(self, word: str) -> str:
        """The analyzer's term of a lowercased word: stemmed unless it is a stop word."""
        kept = len(word) >= self.low and (self.high is None or len(word) <= self.high) and word not in self.stoplist
        return self.stem(word) if kept and word not in self.ignore else word


_DEFAULT_TOKENS = RegexTokenizer().expression
_DEFAULT_WORDS = re.compile(r"[\w*]+(?:\.[\w*]+)*", _DEFAULT_TOKENS.flags)


def _marked(text: str, words: _Words, terms: set[str]) -> str:
    """The best passages of `text` with their matches marked; "" when no word matches."""
    tokens = list(words.expression.finditer(text))
    written = [token.group() for token in tokens]
    hits = words.matching(set(written), terms)
    if not hits:
        return ""
    matched = [word in hits for word in written]
    passages = _passages(tokens, matched, written, hits)
    best = sorted(passages, key=lambda passage: (passage[0], passage[1]), reverse=True)[:PASSAGES]
    return BETWEEN.join(_format(text, start, end, marks) for _score, start, end, marks in sorted(best, key=_start))


def _start(passage: tuple) -> int:
    return passage[1]


def _passages(tokens: list, matched: list[bool], written: list[str], terms: dict[str, str]):
    """(score, start, end, matched tokens) of every passage that has a match, as
    ContextFragmenter.fragment_tokens cuts them and BasicFragmentScorer scores them.

    Outside a passage only the context kept before the next match matters, so the
    tokens up to that match are skipped and the context found by looking back."""
    following = [i for i, m in enumerate(matched) if m]
    nxt = 0  # index into `following` of the next matched token not yet reached
    count = len(tokens)
    countdown, first, marks, currentlen, endchar = -1, None, [], 0, None
    restart = 0  # tokens from here on are the context kept before a passage
    i = 0
    while i < count:
        if countdown < 0 and not matched[i]:
            while nxt < len(following) and following[nxt] < i:
                nxt += 1
            if nxt == len(following):
                return
            i = following[nxt]  # the tokens in between only slide the context window
        token = tokens[i]
        startchar, endchar = token.span()
        length = endchar - startchar
        if endchar > CHARLIMIT:
            break
        if currentlen + length > SNIPPET_CHARS:
            countdown = 0  # this token would make the passage too long: it ends here
        elif matched[i]:
            countdown = SURROUND
            if first is None:
                first = _context_start(tokens, restart, i)
                if first is None:
                    first = startchar
                    countdown += SURROUND
            marks.append((startchar, endchar, terms[written[i]]))
        if countdown >= 0:
            currentlen += length
            countdown -= length
            if countdown <= 0:
                if marks:
                    yield _scored(first, endchar, marks)
                first, marks, currentlen, restart = None, [], 0, i + 1
        i += 1
    if marks:
        yield _scored(first, endchar, marks)


def _context_start(tokens: list, restart: int, i: int) -> int | None:
    """Where the context before token i begins: the earliest token since `restart` that starts
    within SURROUND characters of the end of the token before i (ContextFragmenter's `firsts`)."""
    if i - 1 < restart:
        return None
    limit = tokens[i - 1].end() - SURROUND
    k = i - 1
    if tokens[k].start() < limit:
        return None
    while k - 1 >= restart and tokens[k - 1].start() >= limit:
        k -= 1
    return tokens[k].start()


def _scored(start: int, end: int, marks: list) -> tuple:
    return len(marks) * (len({term for _s, _e, term in marks}) * 100), start, end, marks


def _format(text: str, start: int, end: int, marks: list) -> str:
    out, index = [], start
    for mark_start, mark_end, _term in marks:
        if mark_start > index:
            out.append(str(escape(text[index:mark_start])))
        out.append(f"<mark>{escape(text[mark_start:mark_end])}</mark>")
        index = mark_end
    out.append(str(escape(text[index:end])))
    return "".join(out)


def _window(body: str, terms: set[str], size: int = 600) -> str:
    """The part of a long body around the first match: analysing whole bodies for
    every hit was most of a search's time. A stem's first letters find the word forms."""
    if len(body) <= size:
        return body
    match = _first_letters(tuple(sorted(terms))).search(body)
    if match is None:
        return body
    start = body.rfind(" ", 0, max(0, match.start() - 120)) + 1
    end = body.find(" ", min(len(body), start + size))
    return body[start:end if end != -1 else len(body)]


@lru_cache(maxsize=256)  # the same terms for every hit of a search
def _first_letters(terms: tuple[str, ...]) -> re.Pattern:
    prefixes = "|".join(re.escape(term[:max(3, len(term) - 1)]) for term in terms)
    return re.compile(rf"(?i)\b(?:{prefixes})")


def _opening(body: str) -> str:
    text = " ".join(body.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    return text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
