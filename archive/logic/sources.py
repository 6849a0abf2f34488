"""Followed sources: add, change, pause, resume, remove, and what each has done lately.

Removing a source stops following it; the articles and jobs it brought in stay."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive.errors import Conflict, ValidationError
from archive.ingest.fetch import FetchError, check_scheme
from archive.models import Job, JobItem
from archive.models.base import utcnow
from archive.models.job import CREATED, FAILED
from archive.models.source import ACTIVE, PAUSED, Source

MIN_EVERY, MAX_EVERY = 60, 7 * 24 * 3600  # seconds between polls: a minute to a week
DEFAULT_EVERY = "15m"
_EVERY = re.compile(r"\s*([0-9]+)\s*([smhd]?)\s*")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str | int) -> int:
    """'15m', '2h', '1d', '90s' or a number of seconds -> seconds, from a minute to a week."""
    match = _EVERY.fullmatch(str(value).lower())
    seconds = int(match.group(1)) * _UNITS[match.group(2)] if match else None
    if seconds is None or not MIN_EVERY <= seconds <= MAX_EVERY:
        raise ValidationError("every must be an interval from 1m to 7d, such as 15m, 2h or 1d", "every")
    return seconds


def check_url(url: str) -> str:
    url = url.strip()
    try:
        check_scheme(url)
    except FetchError as exc:
        raise ValidationError(str(exc), "url") from None
    if len(url) > 2000:
        raise ValidationError("url is longer than 2000 characters", "url")
    return url


def add_source(session: Session, url: str, every: str | int = DEFAULT_EVERY, name: str | None = None) -> Source:
    """Follow a feed or sitemap (first polled at once); a URL already followed is a Conflict."""
    url = check_url(url)
    if session.scalar(select(Source.id).where(Source.url == url)) is not None:
        raise Conflict(f"{url} is followed already")
    source = Source(url=url, every=parse_every(every), name=_name(name), status=ACTIVE, failures=0,
                    next_poll_at=utcnow())
    session.add(source)
    session.commit()
    return source


def change_source(session: Session, source: Source, every: str | int | None = None, name: str | None = None,
                  paused: bool | None = None) -> Source:
    if every is not None:
        source.every = parse_every(every)
    if name is not None:
        source.name = _name(name)
    if paused is True and source.status != PAUSED:
        source.status, source.paused_reason = PAUSED, "paused by an admin"
    elif paused is False and source.status == PAUSED:
        source.status, source.paused_reason, source.failures = ACTIVE, None, 0
        source.next_poll_at = utcnow()
    session.commit()
    return source


def remove_source(session: Session, source: Source) -> None:
    session.delete(source)
    session.commit()


def _name(name: str | None) -> str | None:
    name = (name or "").strip()
    if len(name) > 200:
        raise ValidationError("name is longer than 200 characters", "name")
    return name or None


def activity(session: Session, source: Source, now: datetime | None = None) -> dict:
    """Articles the source brought in the last 24 h, failed entries then, and when the last new one came."""
    since = (now or utcnow()) - timedelta(hours=24)
    jobs = select(Job.id).where(Job.kind == "source", Job.created_by == source.job_owner)
    recent = select(JobItem.status, func.count()).where(
        JobItem.job_id.in_(jobs.where(Job.created_at >= since))).group_by(JobItem.status)
    counts = dict(session.execute(recent).all())
    last_new = session.scalar(select(func.max(Job.finished_at)).where(
        Job.id.in_(jobs), Job.id.in_(select(JobItem.job_id).where(JobItem.status == CREATED))))
    return {"articles_24h": counts.get(CREATED, 0), "failed_24h": counts.get(FAILED, 0), "last_new_at": last_new}


def source_json(session: Session, source: Source) -> dict:
    """What the API, the CLI and the admin page show about a source."""
    done = activity(session, source)
    return {
        "id": source.id, "url": source.url, "name": source.name, "every": source.every, "status": source.status,
        "paused_reason": source.paused_reason, "next_poll_at": _iso(source.next_poll_at),
        "last_polled_at": _iso(source.last_polled_at), "last_result": source.last_result,
        "last_error": source.last_error, "failures": source.failures, "last_job_id": source.last_job_id,
        "articles_24h": done["articles_24h"], "failed_24h": done["failed_24h"],
        "last_new_at": _iso(done["last_new_at"]), "created_at": _iso(source.created_at),
    }


def _iso(value) -> str | None:
    return value.isoformat() + "Z" if value else None
