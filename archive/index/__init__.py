"""The Whoosh index: schema, the process-wide store, sync from the database.

Nothing outside archive/index and archive/search imports whoosh.
"""
from archive.index import guard, patches, sidecar
from archive.index.store import IndexStore

guard.check()
patches.apply()
sidecar.install()

__all__ = ["IndexStore"]
