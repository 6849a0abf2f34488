"""Turn request arguments into typed, clamped search state (or a ValidationError).

SEARCH_QUERY (a pydantic model built once from the facet registry) is the one description of
the search parameters: parse_args validates with it (archive/shapes.py), and views/openapi.py
documents its JSON schema, so the limits in the API document are the limits enforced here.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import field, make_dataclass, replace
from datetime import date
from typing import Annotated, Literal

import pydantic
from pydantic import AfterValidator, Field, ValidationInfo

from archive.errors import ValidationError
from archive.facets import EXCLUDABLE_FACETS, FACETS, LIST_FACETS, PERIOD_FACETS, UNDATED, UNDATED_FACETS, Facet
from archive.models.base import MAX_ID
from archive.shapes import number, read_query

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
MAX_DEPTH = 10_000  # page * per_page: deeper paging is refused rather than slow
MAX_QUERY = 1000
MAX_VALUES = 20
MAX_FACET_SIZE = 100
TEXT_FIELDS = ("title", "body")
PERIOD_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_FIELD_PREFIX = re.compile(r"(?:^|[\s(])([A-Za-z_]+):")
_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DATE_FORMAT = "{key} must be a date as YYYY, YYYY-MM or YYYY-MM-DD"
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
                                for facet in FACETS for name in facet.parameters},
                       **{facet.exclude_parameter: () for facet in EXCLUDABLE_FACETS},
                       **{facet.name: None for facet in UNDATED_FACETS})


# One field per facet parameter: a tuple of values, or a date for each end of a period.
SearchParams = make_dataclass("SearchParams", [(name, kind, field(default=default)) for name, kind, default in (
    ("q", str, ""),
    *[(facet.name, tuple[str, ...], ()) for facet in LIST_FACETS],
    *[(facet.exclude_parameter, tuple[str, ...], ()) for facet in EXCLUDABLE_FACETS],
    *[(name, date | None, None) for facet in PERIOD_FACETS for name in facet.parameters],
    *[(facet.name, str | None, None) for facet in UNDATED_FACETS],  # UNDATED: only articles without a date
    ("sort", str, "relevance"),
    ("page", int, 1),
    ("per_page", int, 20),
    ("facet_size", int, 10),
    ("facets", bool, True),  # facets=none skips counting (a plain top-N search)
)], bases=(_SearchState,), frozen=True, namespace={"__module__": __name__})


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


def _query(q: str) -> str:
    q = q.strip()
    if q.count('"') % 2:  # an unclosed quote: the phrase runs to the end
        q += '"'
    check_syntax(q)
    return q


def _distinct(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _ids_fit(values: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
    """Entity ids or names; an all-digit value is an id and must fit the database's integers."""
    for value in values:
        if value.isdigit() and not (value.isascii() and int(value) <= MAX_ID):
            raise ValidationError(f"{info.field_name} {value[:30]!r} is not a valid id "
                                  f"(a whole number up to {MAX_ID})", info.field_name)
    return values


def _period_bound(value: str | None, info: ValidationInfo) -> date | None:
    return (period_start if info.field_name.endswith("_from") else period_end)(value, info.field_name)


def _list(facet: Facet, description: str):
    checks = [AfterValidator(_distinct)]
    if facet.kind == "entity":
        checks.append(AfterValidator(_ids_fit))
    elif facet.normalise == "upper":
        checks.append(AfterValidator(lambda values: tuple(v.upper() for v in values)))
    return Annotated[list[str], Field((), max_length=MAX_VALUES, description=description), *checks]


def _period_param(description: str):
    return Annotated[str, Field(None, pattern=PERIOD_PATTERN, description=description), AfterValidator(_period_bound)]


def _enum(schema: dict) -> None:
    """A one-value Literal as an enum, as OpenAPI 3.0 (and the other parameters) have it, not a const."""
    schema["enum"] = [schema.pop("const")]


# The search parameters, in the order they are checked and documented. An empty value (as an
# HTML form sends) means the parameter was not given.
SEARCH_QUERY = pydantic.create_model(
    "SearchQuery", __config__=pydantic.ConfigDict(extra="ignore", strict=False),
    q=(Annotated[str, Field("", max_length=MAX_QUERY, description=(
        'Words (all required), "phrases", OR, NOT or -word, title:word. Empty lists newest first.')),
        AfterValidator(_query)]),
    **{facet.name: _list(facet, facet.description[0]) for facet in LIST_FACETS},
    **{facet.exclude_parameter: _list(facet, f"Excludes articles with this {facet.name} (same values as "
                                             f"{facet.name}); repeat to exclude several")
       for facet in EXCLUDABLE_FACETS},
    **{name: _period_param(text) for facet in PERIOD_FACETS for name, text in zip(facet.parameters, facet.description)},
    **{facet.name: (Literal[UNDATED], Field(None, json_schema_extra=_enum, description=(
        f"{UNDATED}: only the articles without a {facet.name} date (not with {facet.name}_from or {facet.name}_to)")))
       for facet in UNDATED_FACETS},
    sort=(Literal[SORTS], Field("relevance", description="Order of results")),
    page=number(1, MAX_DEPTH, 1, "Page number"),
    per_page=number(1, MAX_PER_PAGE, 20, "Results per page"),
    facet_size=number(1, MAX_FACET_SIZE, 10, "Values per entity facet"),
    facets=(Literal["all", "none"], Field("all", description="none skips facet counting")),
)
LIST_PARAMETERS = frozenset([*(facet.name for facet in LIST_FACETS),
                             *(facet.exclude_parameter for facet in EXCLUDABLE_FACETS)])


def parse_args(args) -> SearchParams:
    """Parse a Werkzeug MultiDict (or a plain mapping of lists) of query arguments."""
    query = read_query(SEARCH_QUERY, args, LIST_PARAMETERS, {"string_pattern_mismatch": _DATE_FORMAT})
    params = SearchParams(**{**dict(query), "facets": query.facets == "all"})
    _check_ranges(params)
    return params


def _period(value: str, key: str) -> tuple[int, int | None, int | None]:
    match = _PERIOD.fullmatch(value)
    if not match:
        raise ValidationError(_DATE_FORMAT.format(key=key), key)
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
        if facet.undated and getattr(params, facet.name) and (low or high):
            raise ValidationError(f"{facet.name}={UNDATED} (no date) cannot be combined with {start} or {end}",
                                  facet.name)
    if params.page * params.per_page > MAX_DEPTH:
        raise ValidationError(f"results deeper than {MAX_DEPTH} are not available; narrow the search", "page")
