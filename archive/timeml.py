"""Turn TimeML date values into calendar days and facet buckets."""
from __future__ import annotations

import re
from datetime import date, timedelta

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")


def start_day(value: str) -> date | None:
    """First calendar day a TimeML value covers; None for vague values (PAST_REF, 199X...)."""
    try:
        if m := _DAY.match(value):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _MONTH.match(value):
            return date(int(m[1]), int(m[2]), 1)
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1)
        if m := _WEEK.match(value):
            return date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m := _QUARTER.match(value):
            return date(int(m[1]), 3 * int(m[2]) - 2, 1)
        if m := _HALF.match(value):
            return date(int(m[1]), 6 * int(m[2]) - 5, 1)
        if m := _SEASON.match(value):
            return date(int(m[1]), _SEASON_MONTH[m[2]], 1)
    except ValueError:
        return None
    return None


def bucket(value: str) -> str | None:
    """The facet bucket of a mentioned date: its month ('2022-01'), or its year for a bare year."""
    if _YEAR.match(value):
        return value
    if _DAY.match(value) or _MONTH.match(value) or _WEEK.match(value):
        day = start_day(value)
        if _WEEK.match(value) and day is not None:
            day = day + timedelta(days=3)  # an ISO week belongs to the month of its Thursday
        return day.strftime("%Y-%m") if day else None
    return None


def day_key(day: date) -> str:
    return day.strftime("%Y%m%d")


def search_period(value: str) -> tuple[str, str] | None:
    """The (from, to) search arguments that cover a TimeML value; None for vague values."""
    if _DAY.match(value) or _MONTH.match(value) or _YEAR.match(value):
        return value, value
    start = start_day(value)
    if start is None:
        return None
    if _WEEK.match(value):
        return start.isoformat(), (start + timedelta(days=6)).isoformat()
    if m := _QUARTER.match(value):
        return start.strftime("%Y-%m"), f"{m[1]}-{3 * int(m[2]):02d}"
    return start.strftime("%Y-%m"), start.strftime("%Y-%m")
