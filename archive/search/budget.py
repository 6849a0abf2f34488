"""A search's time budget (ARCHIVE_SEARCH_TIME_LIMIT): past it, the search stops with SearchTimeout
instead of holding a worker. Checked between steps, in our own loops, and inside Whoosh's collector."""
from __future__ import annotations

import time

from whoosh.collectors import WrappingCollector

from archive.errors import SearchTimeout

CHECK_EVERY = 1024  # matches between two looks at the clock inside Whoosh's collector


class Deadline:
    def __init__(self, seconds: float | None = None):
        """`seconds` from now; None or 0: no limit."""
        self.seconds = seconds or None
        self.end = time.monotonic() + self.seconds if self.seconds else None

    def remaining(self) -> float | None:
        """Seconds left (at least a millisecond, for Whoosh's timer), or None without a limit."""
        return None if self.end is None else max(0.001, self.end - time.monotonic())

    def check(self) -> None:
        if self.end is not None and time.monotonic() > self.end:
            raise self.timeout()

    def timeout(self) -> SearchTimeout:
        return SearchTimeout(f"the search took longer than its {self.seconds:g} s budget and was stopped; "
                             "narrow it (fewer words joined by OR, longer prefixes before *)")


NO_LIMIT = Deadline()


class DeadlineCollector(WrappingCollector):
    """Whoosh's collector, looking at the deadline every CHECK_EVERY matches it walks (filtered out or not).

    Not Whoosh's TimeLimitCollector: wrapped around a FilterCollector it skipped the filter, and
    inside one it is never asked; this one wraps the match generator that both walk."""

    def __init__(self, child, deadline: Deadline):
        super().__init__(child)
        self.deadline = deadline

    def matches(self):
        for count, sub_docnum in enumerate(self.child.matches()):
            if count % CHECK_EVERY == 0:
                self.deadline.check()
            yield sub_docnum
