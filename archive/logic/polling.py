"""Poll followed sources: claim a due source (a lease on its row), fetch it with a conditional GET,
record what came in as an ingest job, and set the next poll (backing off on failure).

A 304 or an unchanged body costs that one request and creates no job. Requests to one host take
turns across all pollers (archive/ingest/polite.py); a poll whose host stays busy longer than
ARCHIVE_SOURCE_HOST_WAIT is put off (the source stays due for the next round), not failed. A feed's entries become the
job's items; a sitemap's pages newer than the last poll are fetched (robots.txt allowing) and read
as web pages. The job itself is ingested by whatever runs jobs (the web process's thread,
`archive worker`, or `archive source poll`).
"""
from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from archive.ingest.fetch import Fetched, FetchError, FetchSettings, fetch, read_fetched
from archive.ingest.items import RawItem
from archive.ingest.polite import HostBusy, HostTurns
from archive.ingest.sitemap_pages import sitemap_items
from archive.ingest.sitemaps import sitemap_kind
from archive.logic.jobs import create_job
from archive.models.base import utcnow
from archive.models.source import PAUSED, Source

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=10)  # a poll not finished by then (its poller died) may be claimed again


@dataclass(frozen=True)
class PollSettings:
    fetch: FetchSettings
    host_delay: float = 1.0
    host_wait: float = 30.0
    max_failures: int = 10
    max_backoff: float = 21600.0
    max_pages: int = 100

    @classmethod
    def from_config(cls, config: Mapping) -> PollSettings:
        default = cls(FetchSettings())
        return cls(FetchSettings.from_config(config), config.get("SOURCE_HOST_DELAY", default.host_delay),
                   config.get("SOURCE_HOST_WAIT", default.host_wait),
                   config.get("SOURCE_MAX_FAILURES", default.max_failures),
                   config.get("SOURCE_MAX_BACKOFF", default.max_backoff),
                   config.get("SOURCE_MAX_PAGES", default.max_pages))

    def turns(self, session: Session) -> HostTurns:
        return HostTurns(session, self.host_delay, self.host_wait, self.fetch.timeout)


@dataclass(frozen=True)
class PollResult:
    source_id: int
    outcome: str                 # new | unchanged | nothing new | failed | busy | put off
    message: str
    job_id: int | None = None


def poll_due(session: Session, config: Mapping, worker: str, now: datetime | None = None,
             budget: float | None = None) -> list[PollResult]:
    """Poll every due source this poller can claim (another poller's claim is left alone). With a
    `budget` in seconds, no further poll starts once it is spent: the rest wait for the next round."""
    now = now or utcnow()
    settings = PollSettings.from_config(config)
    ends = time.monotonic() + budget if budget is not None else None
    results = []
    for source_id in Source.due_ids(session, now):
        if ends is not None and time.monotonic() >= ends:
            break
        if Source.claim(session, source_id, worker, LEASE, now):
            results.append(poll_claimed(session, source_id, settings, now))
    return results


def poll_now(session: Session, source_id: int, config: Mapping, worker: str) -> PollResult:
    """Poll one source now, due or not (unless another poller is polling it)."""
    now = utcnow()
    if not Source.claim(session, source_id, worker, LEASE, now, due_only=False):
        return PollResult(source_id, "busy", "another poller is polling it now")
    return poll_claimed(session, source_id, PollSettings.from_config(config), now)


def poll_claimed(session: Session, source_id: int, settings: PollSettings, now: datetime) -> PollResult:
    """Poll a source this poller has claimed, record the outcome and release the claim (committed)."""
    source = session.get(Source, source_id, populate_existing=True)
    if source is None:
        return PollResult(source_id, "failed", "removed while it was being polled")
    try:
        fetched = _fetch_source(session, source, settings)
        digest = hashlib.sha256(fetched.content).hexdigest() if fetched.status != 304 else source.content_hash
        items = None if digest == source.content_hash else _items(session, source, fetched, settings)
    except HostBusy as exc:
        return _put_off(session, source, str(exc))
    except FetchError as exc:
        return _failed(session, source, str(exc), settings, now)
    except Exception as exc:  # noqa: BLE001 - recorded as the source's error; the poller goes on
        log.exception("polling source %s failed", source_id)
        return _failed(session, source, f"{type(exc).__name__}: {exc}", settings, now)
    if items and len(items) == 1 and items[0].data is None and items[0].origin == source.url:
        return _failed(session, source, items[0].error or "unreadable", settings, now)
    _remember(source, fetched, digest)
    result = _record(session, source, items or [], fetched.status == 304 or items is None)
    _done(session, source, now, result.message)
    return result


def _fetch_source(session: Session, source: Source, settings: PollSettings) -> Fetched:
    url, validators = source.url, {"If-None-Match": source.etag, "If-Modified-Since": source.last_modified}
    with settings.turns(session).turn(url):
        return fetch(url, settings.fetch, {k: v for k, v in validators.items() if v})


def _remember(source: Source, fetched: Fetched, digest: str | None) -> None:
    """Keep what makes the next poll cheap: the validators for a conditional GET and the body's hash."""
    if fetched.status != 304 and sitemap_kind(fetched.content) == "sitemapindex":
        # An index that stays the same may list sitemaps that change: it is read in full every poll.
        source.etag = source.last_modified = source.content_hash = None
        return
    source.etag = fetched.etag or source.etag
    source.last_modified = fetched.last_modified or source.last_modified
    source.content_hash = digest


def _items(session: Session, source: Source, fetched: Fetched, settings: PollSettings) -> list[RawItem]:
    if sitemap_kind(fetched.content):
        items = sitemap_items(fetched, source.last_polled_at, settings.fetch, settings.turns(session),
                              settings.max_pages)
    else:
        items = list(read_fetched(source.url, fetched))
    for item in items:
        if item.data is not None and source.name and not item.data.get("source"):
            item.data["source"] = source.name
    return items


def _record(session: Session, source: Source, items: list[RawItem], unchanged: bool) -> PollResult:
    if unchanged:
        return PollResult(source.id, "unchanged", "not modified since the last poll")
    if not items:
        return PollResult(source.id, "nothing new", "nothing new")
    job = create_job(session, "source", source.url, items, created_by=source.job_owner)
    source.last_job_id = job.id
    return PollResult(source.id, "new", f"{len(items)} entries queued as job {job.id}", job.id)


def _done(session: Session, source: Source, now: datetime, message: str) -> None:
    source.failures, source.last_error, source.last_result = 0, None, message
    source.last_polled_at = now
    source.next_poll_at = now + timedelta(seconds=source.every)
    source.claimed_by = source.claimed_until = None
    session.commit()


def _put_off(session: Session, source: Source, reason: str) -> PollResult:
    """Give the claim back with the source still due: the next round polls it again (not a failure)."""
    session.rollback()
    source = session.get(Source, source.id, populate_existing=True)
    source.last_result = message = f"put off: {reason}"[:2000]
    source.claimed_by = source.claimed_until = None
    session.commit()
    return PollResult(source.id, "put off", message)


def _failed(session: Session, source: Source, error: str, settings: PollSettings, now: datetime) -> PollResult:
    """Back off (the interval doubled with each failure in a row, capped); pause after too many."""
    session.rollback()
    source = session.get(Source, source.id, populate_existing=True)
    source.failures += 1
    source.last_error = source.last_result = error[:2000]
    wait = min(source.every * 2 ** source.failures, settings.max_backoff)
    source.next_poll_at = now + timedelta(seconds=max(wait, source.every))
    if source.failures >= settings.max_failures:
        source.status = PAUSED
        source.paused_reason = f"paused after {source.failures} failed polls in a row: {error}"[:2000]
    source.claimed_by = source.claimed_until = None
    session.commit()
    return PollResult(source.id, "failed", error)
