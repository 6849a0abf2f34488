"""Bring the index up to the database: apply the change log after a write, and catch up on start."""
from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from archive.index import IndexStore
from archive.index.sync import apply_changes, index_lag

log = logging.getLogger(__name__)


def sync_index(session: Session, store: IndexStore) -> int:
    """Apply pending changes; an index failure is logged, never lost (the log keeps it)."""
    try:
        return apply_changes(session, store)
    except Exception:
        log.exception("index sync failed; the change log keeps the pending changes")
        return 0



# Pending changes a worker applies before its first request. More (a node back after a day down:
# 50,000 changes, about a minute) are left to the background follower while the worker serves the
# index as it is: otherwise every worker's first request, /healthz included, waited for all of them.
CATCH_UP_BEFORE_SERVING = 1000


def sync_before_reading(session: Session, store: IndexStore, limit: int = CATCH_UP_BEFORE_SERVING) -> None:
    """Apply a short backlog before a search, so a reader sees what was just written (another
    worker's ingest); a long one is the follower's, and the search reads the index as it is."""
    if 0 < index_lag(session, store) <= limit:
        sync_index(session, store)


def catch_up(session: Session, store: IndexStore, limit: int = CATCH_UP_BEFORE_SERVING) -> int:
    """Apply changes committed but not yet indexed (say, by a process that was killed), when
    there are at most `limit`; more are left to the follower (archive/index/follow.py).

    Cheap when in step: one max(seq) query and reading the applied_seq file. Never
    raises: a failure is logged and the next write, search or `archive sync` retries.
    An index that was never built is left to `archive reindex` (much faster than
    replaying the whole log inside one request).
    """
    if not store.exists():
        return 0
    try:
        store.open()  # an index of an older schema is recreated here, raising the lag
        lag = index_lag(session, store)
    except Exception:
        log.exception("could not open the index or read its lag")
        session.rollback()
        return 0
    if lag > limit:
        log.info("the index is %d changes behind the database: serving it as it is while the follower "
                 "applies them", lag)
        return 0
    return sync_index(session, store) if lag else 0
