"""RawItem: one article as read from some input, before validation."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RawItem:
    origin: str            # where it came from: "path", "path:line", "feed.rss[3]", a URL...
    data: dict | None      # the article mapping, or None when reading failed
    error: str | None = None
