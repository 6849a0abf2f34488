"""FastText: the title and body TEXT fields, indexed by one tight loop instead of Whoosh's generator chain.

About a fifth of the CPU of a reindex or an ingestion went to Whoosh analysing the two text fields:
a Token object passed through RegexTokenizer | LowercaseFilter | StopFilter | StemFilter for every
word of every document, and then, as body has spelling=True, the whole chain run a second time
(no_morph=True) for the unstemmed words of the spelling field. Here each document is tokenized once
with the analyzer's own regular expression, each distinct word as written is looked up in a shared
table of its lowercased form and term (stop words, lengths and stems decided once per word, not per
occurrence), and the unstemmed words are kept for the spelling call that follows for the same value.

The output must be exactly that of Whoosh's chain (TEXT.index and TEXT.spellable_words): the same
terms, frequencies, weights and encoded positions, so the index written is the same.
tests/index/test_analysis.py compares them on real news texts; run it again on any Whoosh upgrade.
The analyzer stays the field's analyzer, so query parsing, highlighting and snippets are unchanged;
any analyzer or format other than StemmingAnalyzer's chain with positions is refused at construction.
"""
from __future__ import annotations

import re
from collections import defaultdict
from operator import sub
from typing import ClassVar

from whoosh import formats
from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import TEXT
from whoosh.lang import stemmer_for_language

_DEFAULT_TOKENS = RegexTokenizer().expression  # [\w\*]+(\.?[\w\*]+)*, whose group makes findall return the group
_DEFAULT_WORDS = re.compile(r"[\w*]+(?:\.[\w*]+)*", _DEFAULT_TOKENS.flags)  # the same matches, no group
_pack_uint, _dumps = formats.pack_uint, formats.dumps  # what Positions.encode writes with
_ONCE = [_pack_uint(1) + _dumps([pos], 2) for pos in range(4096)]  # encoded positions of a term seen once
_ONCE_UNDER = len(_ONCE)


class _Words:
    """One StemmingAnalyzer's rules applied to words as written: a word's lowercased form and its
    term (UTF-8), each None for a stop word; remembered, and shared by every field (and every
    unpickled schema) with the same settings."""

    _known: ClassVar[dict[tuple, _Words]] = {}
    LIMIT = 200_000  # words remembered before starting afresh

    def __init__(self, tokenizer: RegexTokenizer, stops: StopFilter, stemmer: StemFilter):
        expression = _DEFAULT_WORDS if tokenizer.expression == _DEFAULT_TOKENS else tokenizer.expression
        self.findall = expression.findall if expression.groups == 0 else \
            (lambda text: [m.group() for m in expression.finditer(text)])
        self.stoplist, self.low, self.high = stops.stops, stops.min, stops.max
        # StemFilter.clear()'s function, without its cache (not thread-safe; the tables below are the cache).
        self.stem = stemmer_for_language(stemmer.lang) if stemmer.lang else stemmer.stemfn
        self.ignore = stemmer.ignore
        # Word as written -> lowercased, and -> its term; both None for a stop word. One attribute
        # for the pair, so that a thread never sees the lowercase table of one and the terms of another.
        self.known: tuple[dict[str, str | None], dict[str, bytes | None]] = ({}, {})

    @classmethod
    def of(cls, analyzer) -> _Words:
        parts = analyzer.items if isinstance(analyzer, CompositeAnalyzer) else [analyzer]
        if [type(p) for p in parts] != [RegexTokenizer, LowercaseFilter, StopFilter, StemFilter] \
                or parts[0].gaps or not parts[2].renumber:
            raise TypeError(f"FastText implements only StemmingAnalyzer's chain, not {analyzer!r}")
        tokenizer, _lower, stops, stemmer = parts
        key = (tokenizer.expression.pattern, tokenizer.expression.flags, stops.stops, stops.min, stops.max,
               stemmer.stemfn, stemmer.lang, stemmer.ignore)
        words = cls._known.get(key)
        if words is None:
            words = cls._known[key] = cls(tokenizer, stops, stemmer)
        return words

    def tables(self, distinct: set[str]) -> tuple[dict[str, str | None], dict[str, bytes | None]]:
        """The lowercase and term tables, holding every word of `distinct`."""
        lower, term = self.known
        new = distinct.difference(term)
        if new:
            if len(term) + len(new) > self.LIMIT:  # new dicts: another thread keeps the ones it has
                lower, term, new = {}, {}, distinct
            low, high, stoplist, stem, ignore = self.low, self.high, self.stoplist, self.stem, self.ignore
            for word in new:
                lowered = word.lower()  # lower before term: a word in term is in lower for every thread
                if len(lowered) < low or (high is not None and len(lowered) > high) or lowered in stoplist:
                    lower[word] = term[word] = None
                else:
                    lower[word] = lowered
                    term[word] = (lowered if lowered in ignore else stem(lowered)).encode("utf-8")
            self.known = (lower, term)
        return lower, term


class FastText(TEXT):
    """TEXT (StemmingAnalyzer, positions) whose index() and spellable_words() of a str analyse it once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._prepare()

    def _prepare(self) -> None:
        if type(self.format) is not formats.Positions:
            raise TypeError(f"FastText writes only positions (phrase=True, chars=False), not {self.format!r}")
        self._words = _Words.of(self.analyzer)
        self._last: tuple[str, list[str]] | None = None  # (value, its spellable words): one atomic attribute

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k not in ("_words", "_last")}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._prepare()

    def index(self, value, **kwargs):
        """What TEXT.index yields: (term, frequency, weight, encoded positions) per distinct term."""
        if kwargs or type(value) is not str:
            return super().index(value, **kwargs)
        words = self._words.findall(value)
        term, _spellable = self._analyse(value, words, self.spelling)
        terms = list(map(term.__getitem__, words))
        kept = [t for t in terms if t is not None]
        # StopFilter(renumber=True): the first word kept keeps its position, the others follow it.
        positions = defaultdict(list)
        for pos, tbytes in enumerate(kept, terms.index(kept[0]) if kept else 0):
            positions[tbytes].append(pos)
        boost = self.format.field_boost
        once = 1.0 * boost  # Positions.word_values: the sum of the tokens' boosts (1.0), times the field's
        postings = []
        for tbytes, poslist in positions.items():
            count = len(poslist)
            if count == 1 and poslist[0] < _ONCE_UNDER:
                postings.append((tbytes, 1, once, _ONCE[poslist[0]]))
            else:  # Positions.encode: the gaps from 0, pickled
                deltas = [poslist[0], *map(sub, poslist[1:], poslist)]
                postings.append((tbytes, count, float(count) * boost, _pack_uint(count) + _dumps(deltas, 2)))
        return postings

    def spellable_words(self, value):
        """What TEXT.spellable_words returns: the sorted distinct unstemmed words, found by the
        index() call for the same value that Whoosh makes just before."""
        if type(value) is not str:
            return super().spellable_words(value)
        last = self._last
        if last is not None and last[0] is value:
            return iter(last[1])
        return iter(self._analyse(value, self._words.findall(value), True)[1])

    def _analyse(self, value: str, words: list[str], spelling: bool):
        """The term table holding every word of `words`, and with `spelling` the value's spellable
        words, remembered in _last with the value (one attribute, set at once: thread-safe)."""
        distinct = set(words)
        lower, term = self._words.tables(distinct)
        if not spelling:
            return term, None
        spellable = set(map(lower.__getitem__, distinct))
        spellable.discard(None)
        words = sorted(spellable)
        self._last = (value, words)
        return term, words
