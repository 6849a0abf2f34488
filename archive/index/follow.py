"""Keep this node's index a replica of the database: build it when empty, then follow the change log.

Every app node (and every gunicorn worker on it) runs follow() every few
seconds; the index folder's write lock makes the workers of one node take
turns, and applying the log is idempotent, so they never apply a change twice
in a harmful way. Another node's writes reach this node within one interval.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from archive.index.store import IndexStore
from archive.index.sync import apply_changes, rebuild
from archive.models import Change


def follow(session: Session, store: IndexStore) -> int:
    """One step: returns how many changes (or, for a first build, articles) were applied."""
    last = Change.last_seq(session)
    if not _needs_build(store, last):
        return apply_changes(session, store) if last > store.applied_seq() else 0
    with store.write_lock():
        if _needs_build(store, last):  # another worker of this node may have built it meanwhile
            return rebuild(session, store, procs=1)
    return apply_changes(session, store)


def _needs_build(store: IndexStore, last_seq: int) -> bool:
    """An index never built, or one that has applied nothing while the database has changes:
    rebuilding from the articles is much faster than replaying the whole log."""
    return not store.exists() or (store.applied_seq() == 0 and last_seq > 0)
