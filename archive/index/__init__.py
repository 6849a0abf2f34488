"""The Whoosh index: schema, the process-wide store, sync from the database.

Nothing outside archive/index and archive/search imports whoosh.
"""
from archive.index.store import IndexStore

__all__ = ["IndexStore"]
