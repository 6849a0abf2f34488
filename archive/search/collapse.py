"""One hit per near-duplicate group: the group's best-ranked member stands for the others.

Each index document carries its group (`dup_group`: the id of the group's first
article). The ranked list is collapsed here in Python, because Whoosh's own
`collapse=` is skipped when a `filter=` is given (its FilterCollector calls the
collapsing collector's child directly). How many similar versions each shown
article has comes from the database, so it counts the whole group whatever the filters.
"""
from __future__ import annotations

import numpy as np
from sqlalchemy.orm import Session

from archive.logic.near_duplicates import group_id, similar_counts
from archive.search import facets as facet_counting

FIELD = "dup_group"


def search(searcher, q, filter, limit: int, sortedby) -> list:
    """The first `limit` Whoosh hits in rank order, skipping any whose group already has a better hit."""
    groups = facet_counting.cache_for(searcher).column(FIELD)
    fetch = limit + max(10, limit // 2)
    while True:
        results = searcher.search(q, filter=filter, limit=fetch, sortedby=sortedby)
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


def group_total(searcher, mask: np.ndarray) -> int:
    """How many groups the masked documents form (what the pages are counted in)."""
    groups = facet_counting.cache_for(searcher).column(FIELD)
    return int(np.unique(groups[mask]).size)


def annotate(session: Session, hits: list) -> None:
    """Set each hit's `dup_group` (None when alone) and `similar_count` (other versions stored)."""
    counts = similar_counts(session, (group_id(hit.article) for hit in hits))
    for hit in hits:
        hit.similar_count = counts[group_id(hit.article)]
        hit.dup_group = group_id(hit.article) if hit.similar_count else None
