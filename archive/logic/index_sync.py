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



def catch_up(session: Session, store: IndexStore) -> int:
    """Apply changes committed but not yet indexed (say, by a process that was killed).

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
    return sync_index(session, store) if lag else 0
