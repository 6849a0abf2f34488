"""Bound what a parsed text query may cost (issue 16): every open-ended part is made finite or refused.

A bare `*` is every document (the empty query: newest first). A prefix or wildcard
(`kaz*`, `ka?akh*`) needs MIN_PREFIX letters before its first wildcard and is
replaced by the words of the index it stands for, at most MAX_EXPANSION of them
in one query (the words looked through to find them are capped too). Ranges over
words (`[a TO z]`) are refused: they stood for most of the vocabulary; so are ANDMAYBE and more
than MAX_PHRASES quoted phrases. Each
refusal is a ValidationError on `q` that says why.
"""
from __future__ import annotations

import re
from fnmatch import translate

from whoosh import query as wq
from whoosh.query.ranges import RangeMixin

from archive.errors import ValidationError

MIN_PREFIX = 2  # letters before the first * or ?
MAX_EXPANSION = 1000  # words all the prefixes and wildcards of one query may stand for
MAX_SCANNED = 20 * MAX_EXPANSION  # words looked through to find them (a wildcard filters its prefix's words)
# Quoted phrases in one query: each is checked position by position in every article holding all its
# words; fifty phrases of common words took 2 s at 100,000 articles, eight take a quarter of a second.
MAX_PHRASES = 8
WILDCARDS = "*?"


class Expansion(wq.Or):
    """The words of the index one prefix or wildcard stands for (scored as the sum of its words')."""


class _Count:
    def __init__(self):
        self.kept = 0
        self.scanned = 0


def bound(q: wq.Query, reader) -> wq.Query:
    """`q` with Every made field-less, prefixes and wildcards expanded, and ranges refused."""
    _check_shape(q)
    return _simplify(_bound(q, reader, _Count()))


def _check_shape(q: wq.Query) -> None:
    """Refuse ANDMAYBE (Whoosh alone scores it, over every article holding its first part: 1.4 s for
    common words at 100,000 articles; OR ranks the articles with both words first) and more than
    MAX_PHRASES phrases."""
    phrases, stack = set(), [q]
    while stack:
        node = stack.pop()
        if isinstance(node, wq.AndMaybe):
            raise ValidationError("ANDMAYBE is not supported: use OR, which ranks the articles that have "
                                  "both words first", "q")
        if isinstance(node, wq.Phrase):
            phrases.add(tuple(node.words))
        stack.extend(node.children())
    if len(phrases) > MAX_PHRASES:
        raise ValidationError(f"at most {MAX_PHRASES} quoted phrases in one search (this one has "
                              f"{len(phrases)})", "q")


def _bound(q: wq.Query, reader, count: _Count) -> wq.Query:
    if isinstance(q, wq.Every):
        return wq.Every()
    if isinstance(q, (wq.Prefix, wq.Wildcard)):
        return _expand(q, reader, count)
    if isinstance(q, (RangeMixin, wq.MultiTerm)):
        raise ValidationError("ranges of words ([a TO z], {a TO z}) are not supported: they match almost "
                              "every article; search for the words themselves", "q")
    return q.apply(lambda child: _simplify(_bound(child, reader, count)))


def _simplify(q: wq.Query) -> wq.Query:
    """`*` inside a query: OR anything is everything; AND it adds nothing."""
    if isinstance(q, wq.Or) and not isinstance(q, Expansion) and any(_everything(s) for s in q.subqueries):
        return wq.Every()
    if type(q) is wq.And and any(_everything(s) for s in q.subqueries):
        rest = [s for s in q.subqueries if not _everything(s)]
        return wq.Every() if not rest else rest[0] if len(rest) == 1 else wq.And(rest, boost=q.boost)
    return q


def _everything(q: wq.Query) -> bool:
    return isinstance(q, wq.Every) and not q.fieldname


def _expand(q: wq.PatternQuery, reader, count: _Count) -> wq.Query:
    pattern = q.text + "*" if isinstance(q, wq.Prefix) else q.text
    if not pattern.strip("*"):
        return wq.Every()  # `*`, `**`: everything
    literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
    if len(literal) < MIN_PREFIX:
        raise ValidationError(f"'{pattern}' needs at least {MIN_PREFIX} letters before its first * or ? "
                              "(a wildcard at the start would look through every word of the archive)", "q")
    matches = re.compile(translate(pattern)).match
    words = []
    for word in reader.expand_prefix(q.fieldname, literal):
        count.scanned += 1
        text = word.decode("utf-8")
        if matches(text):
            count.kept += 1
            words.append(text)
        if count.kept > MAX_EXPANSION or count.scanned > MAX_SCANNED:
            raise ValidationError(f"too many words match '{pattern}' (this query may stand for at most "
                                  f"{MAX_EXPANSION:,}): add letters before the * or ?", "q")
    if not words:
        return wq.NullQuery
    return Expansion([wq.Term(q.fieldname, word) for word in words], boost=q.boost)
