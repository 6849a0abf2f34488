"""Put the matching documents in order: by BM25F relevance or by a date column, in numpy.

Relevance repeats Whoosh's arithmetic exactly: each term's BM25F score from its
posting weight and the document's byte-coded field length, summed up the
query tree in the order Whoosh's matchers add them (an OR or AND of two parts
is a + b; a phrase sums its words' scores in Whoosh's binary tree), so scores
and ties (lower document number first) come out as Whoosh's top-N collector
gives them. Three or more parts under one AND/OR are scored
here too (equal to Whoosh's scores to the last digits: see _sum). NOT scores 1 where
it matches (`said -mln` is said's score + 1) and ANDNOT its first part's score, as
Whoosh's matchers do (through Whoosh's collector `said -mln -dlr` took 1.5 s at
100,000 articles). A query this cannot score (ANDMAYBE, an OR of minimum matches...) returns None and
the caller asks Whoosh. Prefixes and wildcards, expanded to their words
(search/bounds.py), are scored here as the sum of their words' scores, and so are
ANDs and ORs of any size around them.

A search scores only the documents it shows from (`scores_of`: those matching the
query and the filters, a Space), not every document: each step is elementwise, so
each document gets the same score either way. BM25's length part comes from a
table of its 256 values (lengths are stored as one byte), not computed per match.
"""
from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.util import make_binary_tree

from archive.search import facets as facet_counting
from archive.search import postings, sums
from archive.search.bounds import Expansion
from archive.search.postings import Generation

GROUP_FIELD = "dup_group"  # search/collapse.py: one hit per near-duplicate group
FEW = 64  # a term with fewer matches than 1 in FEW documents is placed in a Space by binary search


class Space:
    """The documents scores are computed for: every document, or only those a query matches.

    Every step of the scoring is elementwise, so computing it over the matching documents alone
    gives each of them the score it has over all documents, without the arrays of a million
    floats a common word took per term and per step (2 ms each to fill at 979,895 articles)."""

    def __init__(self, gen: Generation, matching: np.ndarray | None = None):
        self.gen = gen
        self.docs = None if matching is None else np.flatnonzero(matching)
        self.size = gen.size if matching is None else len(self.docs)
        self._matching = matching
        self._rank: np.ndarray | None = None
        self.shared: dict = {}  # (field, word) -> scores of a word in two or more phrases (_shared_word)

    def place(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(which of these document numbers are in the space, their positions in it)."""
        if self._matching is None:
            return slice(None), ids
        inside = self._matching[ids]
        if inside.all():  # every posting of a term of a wide OR: no copies to make
            inside = slice(None)
        held = ids[inside]
        if len(held) * FEW < len(self._matching):  # a binary search each costs less than ranking every document
            return inside, np.searchsorted(self.docs, held)
        if self._rank is None:
            self._rank = np.cumsum(self._matching, dtype=np.int32) - 1
        return inside, self._rank[held]

    def narrow(self, mask: np.ndarray) -> np.ndarray:
        """A mask over every document, over the space's."""
        return mask if self.docs is None else mask[self.docs]


def scores(gen: Generation, q: wq.Query) -> np.ndarray | None:
    """Each document's score for `q` (meaningful where it matches), or None when Whoosh must score it."""
    if not _numpy_scored(gen):
        return None
    scored = _top(Space(gen), q)
    return None if scored is None else scored[0]


def scores_of(gen: Generation, q: wq.Query, matching: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(document numbers, scores) of the documents `matching` (where `q` matches, deleted ones
    left out), the same scores as `scores` gives them; None when Whoosh must score `q`."""
    if not _numpy_scored(gen):
        return None
    docs = np.flatnonzero(matching)
    if len(docs) * 2 > gen.size:  # most documents (common words ORed): scored over every one, then taken;
        scored = _top(Space(gen), q)  # placing 20 M postings among 979,877 matches cost 0.25 s at a million
        return None if scored is None else (docs, scored[0][docs])
    space = Space(gen, matching)
    scored = _top(space, q)
    return None if scored is None else (space.docs, scored[0])


def _top(space: Space, q: wq.Query) -> tuple[np.ndarray, np.ndarray] | None:
    """The query scored from its root, the words its phrases share noted first."""
    space.shared = _shared_words(q)
    return _score(space, q)


def _numpy_scored(gen: Generation) -> bool:
    weighting = gen.searcher.weighting
    return type(weighting) is BM25F and not getattr(weighting, "use_final", False)


def _score(space: Space, q: wq.Query) -> tuple[np.ndarray, np.ndarray] | None:
    """(scores, matches) of a query node; a node adds nothing where it does not match.

    A boost (`said^2`) multiplies the node's scores, as Whoosh's WrappingMatcher does around a
    word's, a phrase's and an AND's or OR's matcher (not around an AND or OR of one part: Whoosh
    uses that part's matcher). Boosted words went to Whoosh's collector: 1.3 s for three common
    words at 100,000 articles."""
    scored = _unboosted(space, q)
    boost = getattr(q, "boost", 1.0)
    if scored is None or boost == 1.0 or (isinstance(q, (wq.And, wq.Or)) and len(q.subqueries) == 1):
        return scored
    if not isinstance(q, (wq.Term, wq.Phrase, wq.And, wq.Or)):
        return None
    total, found = scored
    return np.where(found, total * boost, 0.0), found


def _unboosted(space: Space, q: wq.Query) -> tuple[np.ndarray, np.ndarray] | None:
    gen = space.gen
    if isinstance(q, wq.Term):
        return _term(space, q.fieldname, q.text)
    if isinstance(q, (wq.And, wq.Or)) and q.subqueries and not _special_or(q):
        if len(q.subqueries) > 2 and all(type(sub) is wq.Term for sub in q.subqueries):
            return _many_terms(space, q)
        parts = [_score(space, sub) for sub in q.subqueries]
        if any(part is None for part in parts):
            return None
        if len(parts) == 1:
            return parts[0]
        total = _sum(gen, q, [part[0] for part in parts])
        if isinstance(q, wq.Or):
            return total, np.logical_or.reduce([part[1] for part in parts])
        every = np.logical_and.reduce([part[1] for part in parts])
        return np.where(every, total, 0.0), every
    if isinstance(q, wq.Phrase) and q.words:
        # Whoosh's span matcher scores a phrase as its words' term scores, added in a binary tree
        found = _found(space, gen.phrase(q))
        total = make_binary_tree(np.add, [_phrase_word(space, q.fieldname, word) for word in q.words])
        return np.where(found, total, 0.0), found
    if isinstance(q, Expansion):
        return expansion_scores(space, q)
    if isinstance(q, wq.Not):
        # Whoosh's InverseMatcher: a score of 1 on every document its query does not match
        outside = ~space.narrow(postings.mask(gen, q.query))
        return outside.astype(np.float64), outside
    if isinstance(q, wq.AndNot):
        # Whoosh's AndNotMatcher: the first part's matches and scores, less the second part's matches
        scored = _score(space, q.a)
        if scored is None:
            return None
        kept = scored[1] & ~space.narrow(postings.mask(gen, q.b))
        return np.where(kept, scored[0], 0.0), kept
    if isinstance(q, wq.Every) and not q.fieldname:
        return np.ones(space.size), space.narrow(gen.live).copy()  # Whoosh's Every: each live document scores 1
    if q is wq.NullQuery:
        return np.zeros(space.size), np.zeros(space.size, dtype=bool)
    return None


def _found(space: Space, parts) -> np.ndarray:
    """Where postings parts (offset, ids, ...) are, over the space."""
    found = np.zeros(space.size, dtype=bool)
    for part in parts:
        found[space.place(part[1] + part[0])[1]] = True
    return found


def _many_terms(space: Space, q: wq.Query) -> tuple[np.ndarray, np.ndarray]:
    """(scores, matches) of an AND/OR of three or more plain terms: what the dense path gives (_sum's
    order of additions), added up a block of documents at a time (sums.py)."""
    leaves = []
    for sub in q.subqueries:
        at, values = _term_values(space, sub.fieldname, sub.text)
        if sub.boost != 1.0:
            values *= sub.boost  # Whoosh's WrappingMatcher: the term's score times its boost
        leaves.append((at, values))
    total = sums.tree_sum(space.size, leaves, sums.plan(_tree_weights(space.gen, q)))
    if isinstance(q, wq.Or):
        return total, total > 0  # every term's BM25F score is positive where it occurs (Whoosh's idf is above 0)
    every = np.ones(space.size, dtype=bool)
    for at, _values in leaves:
        held = np.zeros(space.size, dtype=bool)
        held[at] = True
        every &= held
    return np.where(every, total, 0.0), every


def _tree_weights(gen: Generation, q: wq.Query) -> list[int]:
    """Each part's weight in Whoosh's weighted tree: its document frequency, negated under an AND."""
    reader = gen.searcher.reader()
    sign = -1 if isinstance(q, wq.And) else 1
    return [sign * reader.doc_frequency(sub.fieldname, sub.text) for sub in q.subqueries]


def _sum(gen: Generation, q: wq.Query, scores: list[np.ndarray]) -> np.ndarray:
    """The parts' scores added up. Two parts: a + b, as Whoosh. More: in the order of Whoosh's
    weighted tree (its matchers pair the two smallest estimates first, And by largest), which gives
    Whoosh's scores where no two parts tie on their estimate, else scores equal to the last digits.
    Three or more common words went to Whoosh's own collector before: 1-3 s at 100,000 articles."""
    if len(scores) == 2 or _has_expansion(q) or not all(isinstance(sub, wq.Term) for sub in q.subqueries):
        return make_binary_tree(np.add, scores)
    nodes = dict(enumerate(scores))
    for number, (a, b) in enumerate(sums.plan(_tree_weights(gen, q)), start=len(scores)):
        nodes[number] = nodes.pop(a) + nodes.pop(b)  # the parts' arrays freed as they are added
    return nodes.popitem()[1]


def _has_expansion(q: wq.Query) -> bool:
    """Whether a prefix or wildcard (search/bounds.py) is in the query: Whoosh never scores those on
    this path, so three or more parts around one are scored here too (its ORs of many parts were the
    slowest accepted queries)."""
    return isinstance(q, Expansion) or any(_has_expansion(child) for child in q.children())


def _special_or(q: wq.Query) -> bool:
    """An OR whose matcher is not a plain sum of its parts (coordination bonus, minimum matches)."""
    return isinstance(q, wq.Or) and bool(q.scale or q.minmatch or type(q) is not wq.Or)


def expansion_scores(space: Space, q: Expansion) -> tuple[np.ndarray, np.ndarray]:
    """A prefix's or wildcard's words (search/bounds.py) each add their BM25F score where they occur.
    Not Whoosh's order of additions (it never sees these queries on this path): last digits may differ."""
    out, found = np.zeros(space.size), np.zeros(space.size, dtype=bool)
    for term in q.subqueries:
        for at in _add_term_scores(out, space, term.fieldname, term.text):
            found[at] = True
    return out, found


def _term(space: Space, field: str, text) -> tuple[np.ndarray, np.ndarray]:
    """One term's (scores, matches) over the space."""
    out, found = np.zeros(space.size), np.zeros(space.size, dtype=bool)
    for at in _add_term_scores(out, space, field, text):
        found[at] = True
    return out, found


def _phrase_word(space: Space, field: str, word) -> np.ndarray:
    """A phrase's word's scores; a word of several phrases (eight sharing "said") is scored once a search.
    Only those are kept (read only: every step makes new arrays), so a query holds a few at most."""
    if (field, word) in space.shared:
        if space.shared[field, word] is None:
            space.shared[field, word] = _term(space, field, word)[0]
        return space.shared[field, word]
    return _term(space, field, word)[0]


def _shared_words(q: wq.Query) -> dict:
    """(field, word) -> None for each word in two or more of the query's phrases."""
    seen, shared, stack = set(), {}, [q]
    while stack:
        node = stack.pop()
        if isinstance(node, wq.Phrase):
            for key in {(node.fieldname, word) for word in node.words}:
                if key in seen:
                    shared[key] = None
                seen.add(key)
        stack.extend(node.children())
    return shared


def _add_term_scores(out: np.ndarray, space: Space, field: str, text) -> list[np.ndarray]:
    """Add one term's BM25F scores into `out` (Whoosh's BM25FScorer); where it has them, per segment."""
    placed = []
    for at, values in _term_parts(space, field, text):
        out[at] += values
        placed.append(at)
    return placed


def _term_values(space: Space, field: str, text) -> tuple[np.ndarray, np.ndarray]:
    """One term's (positions in the space, increasing; BM25F scores there)."""
    parts = list(_term_parts(space, field, text))
    if not parts:
        return np.empty(0, np.int64), np.empty(0)
    at, values = (np.concatenate(arrays) for arrays in zip(*parts))
    # each part is in increasing order: segments out of document order (never seen) show where two meet
    if any(len(a) and len(b) and a[-1] >= b[0] for (a, _x), (b, _y) in zip(parts, parts[1:])):
        order = np.argsort(at, kind="stable")
        at, values = at[order], values[order]
    return at, values


def _term_parts(space: Space, field: str, text):
    """(positions in the space, BM25F scores) of a term's postings there (Whoosh's BM25FScorer), per segment."""
    gen = space.gen
    parts = gen.term(field, text)
    if not parts:
        return
    searcher = gen.searcher
    idf = searcher.idf(field, searcher.schema[field].to_bytes(text))
    k1 = searcher.weighting.K1
    norms = _length_norms(gen, field)
    for offset, ids, weights in parts:
        inside, at = space.place(ids + offset)
        tf = weights[inside].astype(np.float64)
        # whoosh.scoring.bm25, operation for operation: its length part per document from _length_norms,
        # idf * ((tf * (k1 + 1)) / (tf + norm)) computed in place (a common word has a million postings)
        values = norms[offset](ids[inside])
        values += tf
        tf *= k1 + 1
        np.divide(tf, values, out=values)
        values *= idf
        yield at, values


def _length_norms(gen: Generation, field: str) -> dict:
    """Per segment offset, a function from local document numbers to BM25's length part,
    `k1 * ((1 - b) + b * fl / avgfl)`: from a table of its 256 values where the segment stores
    lengths as one byte (the same float operations, once per byte value instead of per match)."""
    weighting = gen.searcher.weighting
    avgfl = gen.searcher.avg_field_length(field) or 1
    b, k1 = weighting._field_B.get(field, weighting.B), weighting.K1
    table = k1 * ((1 - b) + b * postings.BYTE_LENGTHS.astype(np.float64) / avgfl)
    codes = gen.length_codes(field)
    lengths = gen.field_lengths(field) if any(coded is None for coded in codes) else codes
    norms = {}
    for (_leaf, offset, _segment), coded, length in zip(gen.leaves, codes, lengths):
        # take() rather than [ ]: half the time at a million postings, the same values
        norms[offset] = (lambda ids, coded=coded: table.take(coded.take(ids))) if coded is not None else \
            (lambda ids, length=length: k1 * ((1 - b) + b * length[ids].astype(np.float64) / avgfl))
    return norms


def ranked(gen: Generation, matching: np.ndarray, keys: np.ndarray, count: int) -> np.ndarray:
    """Document numbers of the `count` matching documents with the smallest keys, ties by document number."""
    candidates = np.flatnonzero(matching)
    return candidates[smallest(keys[candidates], count)]


def smallest(values: np.ndarray, count: int) -> np.ndarray:
    """Positions of the `count` smallest values, in order, ties by position (by document number
    where the values are those of documents in increasing order)."""
    if len(values) > count:
        cut = np.partition(values, count - 1)[count - 1]
        positions = np.flatnonzero(values <= cut)  # every one tied with the last place, then the tie-break decides
    else:
        positions = np.arange(len(values))
    return positions[np.lexsort((positions, values[positions]))][:count]


def sort_keys(searcher, sort: str, relevance: np.ndarray | None) -> np.ndarray:
    """Smaller first: -score for relevance, -published for newest, published for oldest (as Whoosh's sort)."""
    if sort == "relevance":
        return -relevance
    column = facet_counting.cache_for(searcher).column(sort)
    return -column if sort == "newest" else column


def first_of_groups(searcher, candidates: np.ndarray, values: np.ndarray, limit: int) -> np.ndarray:
    """Positions of the first `limit` candidates (document numbers, increasing) by smallest value, ties
    by document number, each near-duplicate group shown once (by its best-ranked member)."""
    cache = facet_counting.cache_for(searcher)
    groups = cache.column(GROUP_FIELD) if GROUP_FIELD in searcher.schema else None
    fetch, total = limit + max(10, limit // 2), len(candidates)
    while True:
        order = smallest(values, fetch)
        if groups is None:
            return order[:limit]
        _values, first = np.unique(groups[candidates[order]], return_index=True)
        kept = order[np.sort(first)]
        if len(kept) >= limit or fetch >= total:
            return kept[:limit]
        fetch *= 4
