"""Turn request arguments into typed, clamped search state (or a ValidationError)."""
from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import field, make_dataclass, replace
from datetime import date

from archive.errors import ValidationError
from archive.facets import FACETS, LIST_FACETS, PERIOD_FACETS, Facet
from archive.models.base import MAX_ID

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
MAX_DEPTH = 10_000  # page * per_page: deeper paging is refused rather than slow
MAX_QUERY = 1000
MAX_VALUES = 20
TEXT_FIELDS = ("title", "body")
_FIELD_PREFIX = re.compile(r"(?:^|[\s(])([A-Za-z_]+):")
_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_INTEGER = re.compile(r"-?[0-9]+")
_EVERYTHING = re.compile(r"[\s*]*")  # `*` alone (or nothing): every article


class _SearchState:
    """What SearchParams does; its fields (below) come from the facet registry."""

    @property
    def effective_sort(self) -> str:
        """An empty query (or `*` alone) has no relevance: it lists newest first unless told otherwise."""
        return "newest" if self.sort == "relevance" and _EVERYTHING.fullmatch(self.q) else self.sort

    def with_changes(self, **changes) -> SearchParams:
        return replace(self, **changes)

    def without_filters(self) -> SearchParams:
        """The same search with no facet filter."""
        return replace(self, **{name: None if facet.kind == "period" else ()
                                for facet in FACETS for name in facet.parameters})


# One field per facet parameter: a tuple of values, or a date for each end of a period.
SearchParams = make_dataclass("SearchParams", [(name, kind, field(default=default)) for name, kind, default in (
    ("q", str, ""),
    *[(facet.name, tuple[str, ...], ()) for facet in LIST_FACETS],
    *[(name, date | None, None) for facet in PERIOD_FACETS for name in facet.parameters],
    ("sort", str, "relevance"),
    ("page", int, 1),
    ("per_page", int, 20),
    ("facet_size", int, 10),
    ("facets", bool, True),  # facets=none skips counting (a plain top-N search)
)], bases=(_SearchState,), frozen=True, namespace={"__module__": __name__})


def parse_args(args) -> SearchParams:
    """Parse a Werkzeug MultiDict (or a plain mapping of lists) of query arguments."""
    get_list = args.getlist if hasattr(args, "getlist") else (lambda k: list(args.get(k, [])))
    q = _one(args, "q") or ""
    if len(q) > MAX_QUERY:
        raise ValidationError(f"q is longer than {MAX_QUERY} characters", "q")
    check_syntax(q)
    params = SearchParams(
        q=q.strip(),
        **{facet.name: _facet_values(get_list, facet) for facet in LIST_FACETS},
        **{name: (period_start if name.endswith("_from") else period_end)(_one(args, name), name)
           for facet in PERIOD_FACETS for name in facet.parameters},
        sort=_choice(_one(args, "sort") or "relevance", SORTS, "sort"),
        page=_int(_one(args, "page"), "page", 1, 1, MAX_DEPTH),
        per_page=_int(_one(args, "per_page"), "per_page", 20, 1, MAX_PER_PAGE),
        facet_size=_int(_one(args, "facet_size"), "facet_size", 10, 1, 100),
        facets=_choice(_one(args, "facets") or "all", ("all", "none"), "facets") == "all",
    )
    _check_ranges(params)
    return params


def _facet_values(get_list, facet: Facet) -> tuple[str, ...]:
    if facet.kind == "entity":
        return _entity_values(get_list, facet.name)
    values = _values(get_list, facet.name)
    return tuple(v.upper() for v in values) if facet.normalise == "upper" else values


def check_syntax(q: str) -> None:
    """Reject what the query parser would silently misread: unbalanced quotes or brackets, unknown fields."""
    if q.count('"') % 2:
        raise ValidationError('the query has an unbalanced quote (")', "q")
    depth = 0
    for char in q:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        raise ValidationError("the query has unbalanced parentheses", "q")
    for name in _FIELD_PREFIX.findall(q):
        if name not in TEXT_FIELDS:
            raise ValidationError(f"unknown field '{name}:' (fields: title:, body:)", "q")


def _one(args: Mapping, key: str) -> str | None:
    if hasattr(args, "getlist") and len(args.getlist(key)) > 1:
        raise ValidationError(f"{key} may be given only once", key)
    value = args.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return value


def _values(get_list, key: str) -> tuple[str, ...]:
    raw = get_list(key)
    if len(raw) > MAX_VALUES:
        raise ValidationError(f"at most {MAX_VALUES} values of {key}", key)
    return tuple(dict.fromkeys(v.strip() for v in raw if v and v.strip()))


def _entity_values(get_list, key: str) -> tuple[str, ...]:
    """Entity ids or names; an all-digit value is an id and must fit the database's integers."""
    values = _values(get_list, key)
    for value in values:
        if value.isdigit() and not (value.isascii() and int(value) <= MAX_ID):
            raise ValidationError(f"{key} {value[:30]!r} is not a valid id (a whole number up to {MAX_ID})", key)
    return values


def _choice(value: str, choices: tuple[str, ...], key: str) -> str:
    if value not in choices:
        raise ValidationError(f"{key} must be one of {', '.join(choices)}", key)
    return value


def _int(value: str | None, key: str, default: int, low: int, high: int) -> int:
    if value is None or value == "":
        return default
    if not _INTEGER.fullmatch(value):
        raise ValidationError(f"{key} must be a whole number", key)
    number = int(value)
    if not low <= number <= high:
        raise ValidationError(f"{key} must be between {low} and {high}", key)
    return number


def _period(value: str, key: str) -> tuple[int, int | None, int | None]:
    match = _PERIOD.fullmatch(value)
    if not match:
        raise ValidationError(f"{key} must be a date as YYYY, YYYY-MM or YYYY-MM-DD", key)
    year, month, day = int(match[1]), match[2] and int(match[2]), match[3] and int(match[3])
    try:
        date(max(year, 1), month or 1, day or 1)
    except ValueError:
        raise ValidationError(f"{key} is not a real date: {value}", key) from None
    if not 1000 <= year <= 2999:
        raise ValidationError(f"{key} must be between the years 1000 and 2999", key)
    return year, month, day


def period_start(value: str | None, key: str) -> date | None:
    if not value:
        return None
    year, month, day = _period(value, key)
    return date(year, month or 1, day or 1)


def period_end(value: str | None, key: str) -> date | None:
    if not value:
        return None
    year, month, day = _period(value, key)
    month = month or 12
    return date(year, month, day or calendar.monthrange(year, month)[1])


def _check_ranges(params: SearchParams) -> None:
    for facet in PERIOD_FACETS:
        (start, end), (low, high) = facet.parameters, (getattr(params, name) for name in facet.parameters)
        if low and high and low > high:
            raise ValidationError(f"{start} is after {end}", start)
    if params.page * params.per_page > MAX_DEPTH:
        raise ValidationError(f"results deeper than {MAX_DEPTH} are not available; narrow the search", "page")
