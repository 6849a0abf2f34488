"""'Did you mean': each word of the query that is rare in the archive, replaced by a word of the
archive a letter or two away that is much more frequent; offered only when it finds more."""
from __future__ import annotations

from whoosh import query as wq

from archive.search import postings
from archive.search.parser import check_syntax
from archive.search.query import text_query

SPELL_FIELD = "body"  # its spelling field holds every word of the bodies as written (not stemmed)
SHORT_WORD = 5  # a word shorter than this is corrected one edit away only: two make another word
FARTHER = 10  # a word two edits away must be this many times as frequent as one a single edit away
MORE_FREQUENT = 10  # a word the archive has is replaced only by one this many times as frequent


def did_you_mean(searcher, q: str) -> str | None:
    """A corrected query string when some word of `q` has a much more frequent near neighbour in the
    index and the corrected query matches more articles than `q`; else None."""
    if not q.strip() or SPELL_FIELD not in searcher.schema.names():
        return None
    parsed = text_query(q, searcher.schema)
    replacements = {}
    for leaf in placed_words(parsed):
        for token in leaf.all_tokens():
            span = (token.startchar, token.endchar)
            if span not in replacements:
                replacements[span] = better_word(searcher, q[token.startchar:token.endchar])
    replacements = {span: word for span, word in replacements.items() if word}
    if not replacements:
        return None
    suggestion = q
    for (start, end), word in sorted(replacements.items(), reverse=True):
        suggestion = suggestion[:start] + word + suggestion[end:]
    check_syntax(suggestion)
    return suggestion if _matches(searcher, suggestion) > _matches(searcher, q) else None


def better_word(searcher, written: str) -> str | None:
    """The most frequent word of the archive within one edit of `written` (two for a longer word,
    if ten times as frequent), when it is much more frequent than `written` itself."""
    word = written.lower()
    own = frequency(searcher, word)
    if own is None or own * MORE_FREQUENT >= searcher.doc_count():  # a stop word, or too common to better
        return None
    reader, spell_field = searcher.reader(), searcher.schema[SPELL_FIELD].spelling_fieldname(SPELL_FIELD)
    best, best_score = None, 0.0
    near = set(reader.terms_within(spell_field, word, 1, prefix=1))
    far = set(reader.terms_within(spell_field, word, 2, prefix=1)) - near if len(word) >= SHORT_WORD else set()
    for candidate, weight in [*((c, 1.0) for c in near), *((c, 1.0 / FARTHER) for c in far)]:
        count = frequency(searcher, candidate) or 0
        if candidate == word or count <= own * MORE_FREQUENT or _same_term(searcher, candidate, word):
            continue
        if count * weight > best_score:
            best, best_score = candidate, count * weight
    return best


def frequency(searcher, word: str) -> int | None:
    """In how many articles' bodies the word (as the index stems it) occurs; None for a stop word."""
    terms = [token.text for token in searcher.schema[SPELL_FIELD].analyzer(word)]
    if len(terms) != 1:
        return None
    return searcher.reader().doc_frequency(SPELL_FIELD, terms[0])


def _same_term(searcher, one: str, other: str) -> bool:
    """Two forms of one word (`exports`, `export`): the search finds the same articles."""
    analyzer = searcher.schema[SPELL_FIELD].analyzer
    return [t.text for t in analyzer(one)] == [t.text for t in analyzer(other)]


def _matches(searcher, q: str) -> int:
    return int(postings.matches(searcher, text_query(q, searcher.schema)).sum())


def placed_words(parsed: wq.Query) -> list[wq.Query]:
    """The query's words and phrases that know where they are in `q` (what the corrector rewrites). Not
    ranges or wildcards, nor a word the analyzer split (`wi-fi`, `%FF%FE`): those have no place."""
    return [leaf for leaf in parsed.leaves() if type(leaf) in (wq.Term, wq.Phrase)
            and all(t.startchar is not None and t.endchar is not None for t in leaf.all_tokens())]
