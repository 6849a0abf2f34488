"""One hit per near-duplicate group: the group's best-ranked member stands for the others.

Each index document carries its group (`dup_group`: the id of the group's first
article). The ranked list is collapsed here in Python, because Whoosh's own
`collapse=` is skipped when a `filter=` is given (its FilterCollector calls the
collapsing collector's child directly). How many similar versions each shown
article has comes from the database, so it counts the whole group whatever the filters.
"""
from __future__ import annotations

import numpy as np
from whoosh.collectors import FilterCollector

from archive.search import facets as facet_counting
from archive.search.budget import NO_LIMIT, Deadline, DeadlineCollector

FIELD = "dup_group"
SORT_BELOW = 4096  # fewer matches than this: count their groups by sorting them


def search(searcher, q, filter, limit: int, sortedby, deadline: Deadline = NO_LIMIT) -> list:
    """The first `limit` Whoosh hits in rank order, skipping any whose group already has a better hit."""
    if filter is not None and not filter:
        return []  # nothing passes the filters (Whoosh would take an empty filter for none)
    groups = facet_counting.cache_for(searcher).column(FIELD)
    fetch = limit + max(10, limit // 2)
    while True:
        results = _collect(searcher, q, fetch, filter, sortedby, deadline)
        kept, seen = [], set()
        for hit in results:
            group = int(groups[hit.docnum])
            if group not in seen:
                seen.add(group)
                kept.append(hit)
                if len(kept) == limit:
                    return kept
        if results.scored_length() < fetch:
            return kept  # every match seen
        fetch *= 4  # many copies among the top: look deeper


def _collect(searcher, q, limit: int, allowed: set | None, sortedby, deadline: Deadline):
    """Whoosh's top `limit` hits among `allowed` (None: all), stopped when the deadline passes.

    The FilterCollector is the outermost: it filters in its own loop, which a collector around it
    would skip (Whoosh's TimeLimitCollector did)."""
    deadline.check()
    collector = DeadlineCollector(searcher.collector(limit=limit, sortedby=sortedby), deadline)
    if allowed is not None:
        collector = FilterCollector(collector, allow=allowed)
    searcher.search_with_collector(q, collector)
    return collector.results()


def group_total(searcher, mask: np.ndarray) -> int:
    """How many groups the masked documents form (what the pages are counted in)."""
    return distinct_count(facet_counting.cache_for(searcher).column(FIELD)[mask])


def distinct_count(values: np.ndarray) -> int:
    """How many different numbers `values` holds (as np.unique(values).size)."""
    if len(values) < SORT_BELOW or values.min() < 0:
        return int(np.unique(values).size)
    # Marking each number seen is one pass; sorting tens of thousands of matches took milliseconds.
    seen = np.zeros(int(values.max()) + 1, dtype=bool)
    seen[values] = True
    return int(np.count_nonzero(seen))


def annotate(hits: list) -> None:
    """Set each hit's `dup_group` (None when alone) and `similar_count` (other versions stored),
    counted in the database with the hit's row (search/rows.py)."""
    for hit in hits:
        hit.similar_count = hit.article.similar_count
        hit.dup_group = hit.article.group_id if hit.similar_count else None
