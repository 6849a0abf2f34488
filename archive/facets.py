"""Every search facet, declared once.

The index schema and documents, the search parameters and their parsing, the filters, the facet
counts and labels, search URLs and chips, the OpenAPI parameters and the search page's lists are
all derived from FACETS: a new facet is one declaration here (plus its data). Each layer handles
a facet by its kind, as aleph handles any field given as a request argument:

- "entity": values are entity ids or names, resolved to entities of `entity_kinds`; the index
  field holds entity ids, labelled with the entities' names.
- "value":  values are compared as given (after `normalise`); with `column` set, the index field
  holds that articles column as it is.
- "period": parameters `<name>_from` and `<name>_to` (YYYY, YYYY-MM or YYYY-MM-DD); the facet
  counts months in `field` and the filter is a range over `range_field`.

Order matters: it is the order of the facets in the API's answers.
"""
from __future__ import annotations

from dataclasses import dataclass

from archive.models.entity import ACTOR_KINDS, PLACE_KIND


# A period filtered as a mask over the publication-time column ("newest"): a date-range query over
# 100,000 documents took a second.
COLUMN_RANGE = "newest"


@dataclass(frozen=True)
class Facet:
    name: str                # request parameter (a period's prefix) and name in the answer's "facets"
    kind: str                # "entity", "value" or "period" (see the module docstring)
    field: str               # index field the facet counts
    title: str               # chip title on the page ("Source: AFP")
    heading: str | None      # heading of its list on the search page; None: not listed on the page
    description: tuple[str, ...]  # OpenAPI description of each parameter (a period: _from, then _to)
    order: str = "count"     # "count": most frequent first; "value": in value order (months)
    many: bool = False       # an article has several values (a comma-separated KEYWORD field)
    column: str | None = None  # articles column indexed as-is into `field`
    label: str = "value"     # how values are labelled: "value" as is, "entity", "month", "country"
    normalise: str = "strip"  # "strip", or "upper" (country codes)
    entity_kinds: tuple[str, ...] = ()
    range_field: str | None = None  # a period's filter: COLUMN_RANGE, or an index field of day keys
    compact: bool = False    # the page shows a chart of its years and its most frequent months, the rest folded
    undated: bool = False    # a period over the publication column: `<name>=none` keeps the articles without a date,
                             # and the facet counts them as the value "none"
    excludable: bool = True  # a list facet: `not_<name>` excludes articles with any of its values

    @property
    def parameters(self) -> tuple[str, ...]:
        """The request parameters of the facet."""
        return (f"{self.name}_from", f"{self.name}_to") if self.kind == "period" else (self.name,)

    @property
    def exclude_parameter(self) -> str | None:
        """The parameter whose values are excluded (`not_actor`), for an excludable list facet."""
        return f"not_{self.name}" if self.kind != "period" and self.excludable else None

    @property
    def more(self) -> bool:
        """Whether the page offers more values than facet_size (date facets show every month)."""
        return self.order == "count"


FACETS = (
    Facet("actor", "entity", "actor", "Actor", "Actors", ("Actor id or name; repeat for alternatives",),
          many=True, label="entity", entity_kinds=ACTOR_KINDS),
    Facet("place", "entity", "place", "Place", "Places", ("Place id or name; repeat for alternatives",),
          many=True, label="entity", entity_kinds=(PLACE_KIND,)),
    Facet("published", "period", "published_month", "Published", "Published",
          ("Published on or after (YYYY, YYYY-MM or YYYY-MM-DD)", "Published on or before (the whole period)"),
          order="value", label="month", range_field=COLUMN_RANGE, undated=True),
    Facet("mentioned", "period", "mentioned_month", "Mentions", "Dates mentioned",
          ("Mentions a date on or after", "Mentions a date on or before"),
          order="value", many=True, label="month", range_field="mentioned_day", compact=True),
    Facet("source", "value", "source", "Source", "Sources", ("Source name",), column="source"),
    Facet("country", "value", "country", "Country", None, ("ISO country code of a place mentioned",),
          many=True, label="country", normalise="upper"),
    Facet("author", "value", "author", "Author", "Authors", ("Author, as given; repeat for alternatives",),
          column="author"),
    Facet("language", "value", "language", "Language", "Languages",
          ("Language code, such as en or pt-BR; repeat for alternatives",), column="language"),
)
# The value of a period facet with `undated`: articles without a publication date.
UNDATED = "none"
UNDATED_LABEL = "Undated"

# Facets whose parameters are lists of values, and facets over a period (parameters _from and _to).
LIST_FACETS = tuple(facet for facet in FACETS if facet.kind != "period")
PERIOD_FACETS = tuple(facet for facet in FACETS if facet.kind == "period")
ENTITY_FACETS = tuple(facet for facet in FACETS if facet.kind == "entity")
EXCLUDABLE_FACETS = tuple(facet for facet in LIST_FACETS if facet.exclude_parameter)
UNDATED_FACETS = tuple(facet for facet in PERIOD_FACETS if facet.undated)
