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
"""
from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.util import make_binary_tree

from archive.search import facets as facet_counting
from archive.search import postings
from archive.search.bounds import Expansion
from archive.search.postings import Generation

GROUP_FIELD = "dup_group"  # search/collapse.py: one hit per near-duplicate group


def scores(gen: Generation, q: wq.Query) -> np.ndarray | None:
    """Each document's score for `q` (meaningful where it matches), or None when Whoosh must score it."""
    weighting = gen.searcher.weighting
    if type(weighting) is not BM25F or getattr(weighting, "use_final", False):
        return None
    scored = _score(gen, q)
    return None if scored is None else scored[0]


def _score(gen: Generation, q: wq.Query) -> tuple[np.ndarray, np.ndarray] | None:
    """(scores, matches) of a query node; a node adds nothing where it does not match.

    A boost (`said^2`) multiplies the node's scores, as Whoosh's WrappingMatcher does around a
    word's, a phrase's and an AND's or OR's matcher (not around an AND or OR of one part: Whoosh
    uses that part's matcher). Boosted words went to Whoosh's collector: 1.3 s for three common
    words at 100,000 articles."""
    scored = _unboosted(gen, q)
    boost = getattr(q, "boost", 1.0)
    if scored is None or boost == 1.0 or (isinstance(q, (wq.And, wq.Or)) and len(q.subqueries) == 1):
        return scored
    if not isinstance(q, (wq.Term, wq.Phrase, wq.And, wq.Or)):
        return None
    total, found = scored
    return np.where(found, total * boost, 0.0), found


def _unboosted(gen: Generation, q: wq.Query) -> tuple[np.ndarray, np.ndarray] | None:
    if isinstance(q, wq.Term):
        return term_scores(gen, q.fieldname, q.text), gen.mask_of(gen.term(q.fieldname, q.text))
    if isinstance(q, (wq.And, wq.Or)) and q.subqueries and not _special_or(q):
        parts = [_score(gen, sub) for sub in q.subqueries]
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
        found = gen.mask_of(gen.phrase(q))
        total = make_binary_tree(np.add, [term_scores(gen, q.fieldname, word) for word in q.words])
        return np.where(found, total, 0.0), found
    if isinstance(q, Expansion):
        return expansion_scores(gen, q)
    if isinstance(q, wq.Not):
        # Whoosh's InverseMatcher: a score of 1 on every document its query does not match
        outside = ~postings.mask(gen, q.query)
        return outside.astype(np.float64), outside
    if isinstance(q, wq.AndNot):
        # Whoosh's AndNotMatcher: the first part's matches and scores, less the second part's matches
        scored = _score(gen, q.a)
        if scored is None:
            return None
        kept = scored[1] & ~postings.mask(gen, q.b)
        return np.where(kept, scored[0], 0.0), kept
    if isinstance(q, wq.Every) and not q.fieldname:
        return np.ones(gen.size), gen.live.copy()  # Whoosh's Every: each live document scores 1
    if q is wq.NullQuery:
        return np.zeros(gen.size), np.zeros(gen.size, dtype=bool)
    return None


def _sum(gen: Generation, q: wq.Query, scores: list[np.ndarray]) -> np.ndarray:
    """The parts' scores added up. Two parts: a + b, as Whoosh. More: in the order of Whoosh's
    weighted tree (its matchers pair the two smallest estimates first, And by largest), which gives
    Whoosh's scores where no two parts tie on their estimate, else scores equal to the last digits.
    Three or more common words went to Whoosh's own collector before: 1-3 s at 100,000 articles."""
    if len(scores) == 2 or _has_expansion(q) or not all(isinstance(sub, wq.Term) for sub in q.subqueries):
        return make_binary_tree(np.add, scores)
    reader = gen.searcher.reader()
    sign = -1 if isinstance(q, wq.And) else 1
    weighted = sorted(((sign * reader.doc_frequency(sub.fieldname, sub.text), position, score)
                       for position, (sub, score) in enumerate(zip(q.subqueries, scores))), key=lambda w: w[:2])
    while len(weighted) > 1:
        (wa, pa, a), (wb, _pb, b) = weighted[0], weighted[1]
        weighted = sorted(weighted[2:] + [(wa + wb, pa, a + b)], key=lambda w: w[:2])
    return weighted[0][2]


def _has_expansion(q: wq.Query) -> bool:
    """Whether a prefix or wildcard (search/bounds.py) is in the query: Whoosh never scores those on
    this path, so three or more parts around one are scored here too (its ORs of many parts were the
    slowest accepted queries)."""
    return isinstance(q, Expansion) or any(_has_expansion(child) for child in q.children())


def _special_or(q: wq.Query) -> bool:
    """An OR whose matcher is not a plain sum of its parts (coordination bonus, minimum matches)."""
    return isinstance(q, wq.Or) and bool(q.scale or q.minmatch or type(q) is not wq.Or)


def expansion_scores(gen: Generation, q: Expansion) -> tuple[np.ndarray, np.ndarray]:
    """A prefix's or wildcard's words (search/bounds.py) each add their BM25F score where they occur.
    Not Whoosh's order of additions (it never sees these queries on this path): last digits may differ."""
    out, found = np.zeros(gen.size), np.zeros(gen.size, dtype=bool)
    for term in q.subqueries:
        for offset, ids, _weights in add_term_scores(out, gen, term.fieldname, term.text):
            found[ids + offset] = True
    return out, found


def term_scores(gen: Generation, field: str, text) -> np.ndarray:
    """Whoosh's BM25FScorer for one term, over every document that has it (0 elsewhere)."""
    out = np.zeros(gen.size)
    add_term_scores(out, gen, field, text)
    return out


def add_term_scores(out: np.ndarray, gen: Generation, field: str, text) -> list:
    """Add one term's BM25F scores into `out`; the term's postings parts (offset, ids, weights)."""
    parts = gen.term(field, text)
    if not parts:
        return parts
    searcher, weighting = gen.searcher, gen.searcher.weighting
    btext = searcher.schema[field].to_bytes(text)
    idf = searcher.idf(field, btext)
    avgfl = searcher.avg_field_length(field) or 1
    b = weighting._field_B.get(field, weighting.B)
    k1 = weighting.K1
    lengths = dict(zip((offset for _leaf, offset, _segment in gen.leaves), gen.field_lengths(field)))
    for offset, ids, weights in parts:
        tf = weights.astype(np.float64)
        fl = lengths[offset][ids].astype(np.float64)
        # whoosh.scoring.bm25, operation for operation
        out[ids + offset] += idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
    return parts


def ranked(gen: Generation, matching: np.ndarray, keys: np.ndarray, count: int) -> np.ndarray:
    """Document numbers of the `count` matching documents with the smallest keys, ties by document number."""
    candidates = np.flatnonzero(matching)
    values = keys[candidates]
    if len(candidates) > count:
        cut = np.partition(values, count - 1)[count - 1]
        keep = values <= cut  # every document tied with the last place, then the tie-break decides
        candidates, values = candidates[keep], values[keep]
    order = np.lexsort((candidates, values))
    return candidates[order][:count]


def sort_keys(searcher, sort: str, relevance: np.ndarray | None) -> np.ndarray:
    """Smaller first: -score for relevance, -published for newest, published for oldest (as Whoosh's sort)."""
    if sort == "relevance":
        return -relevance
    column = facet_counting.cache_for(searcher).column(sort)
    return -column if sort == "newest" else column


def first_of_groups(searcher, gen: Generation, matching: np.ndarray, keys: np.ndarray, limit: int) -> np.ndarray:
    """The first `limit` documents in order, each near-duplicate group shown once (by its best-ranked member)."""
    cache = facet_counting.cache_for(searcher)
    groups = cache.column(GROUP_FIELD) if GROUP_FIELD in searcher.schema else None
    fetch, total = limit + max(10, limit // 2), int(np.count_nonzero(matching))
    while True:
        order = ranked(gen, matching, keys, fetch)
        if groups is None:
            return order[:limit]
        _values, first = np.unique(groups[order], return_index=True)
        kept = order[np.sort(first)]
        if len(kept) >= limit or fetch >= total:
            return kept[:limit]
        fetch *= 4
