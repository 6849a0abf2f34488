"""Server-rendered SVG bar charts of articles per month and per year (no JavaScript, no CDN), and the
compact view of a date facet: its most frequent months and a chart of its years."""
from __future__ import annotations

from dataclasses import dataclass

from archive.facets import UNDATED
from archive.search.labels import month_label

WIDTH, HEIGHT = 600, 120
MAX_MONTHS = 240
MAX_YEARS = 40  # a year chart shows the years most mentioned, so that a stray year does not stretch it
TOP_MONTHS = 8  # months a compact date facet lists before its folded full list


@dataclass
class Bar:
    value: str  # 'YYYY-MM'
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last and len(months) < MAX_MONTHS:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass
class DateFacetView:
    """A date facet as the search page shows it: a chart of years, the most frequent months, and
    every month (in order) folded away below them."""
    years: list[Bar]
    top: list[dict]
    months: list[dict]


def month_bars(facet_results: list[dict]) -> list[Bar]:
    """One bar a month from the first to the last month with articles, empty months included."""
    counts = {item["value"]: item["count"] for item in facet_results if len(item["value"]) == 7}
    if not counts:
        return []
    months = _months(min(counts), max(counts))
    return _bars([(value, month_label(value), counts.get(value, 0)) for value in months])


def undated_count(facet_results: list[dict]) -> int:
    """The articles of a publication facet without a date (its value UNDATED), drawn beside the chart."""
    return next((item["count"] for item in facet_results if item["value"] == UNDATED), 0)


def year_bars(facet_results: list[dict]) -> list[Bar]:
    """One bar a year with mentions, in order: the MAX_YEARS years with the most (no empty years)."""
    counts: dict[str, int] = {}
    for item in facet_results:
        counts[item["value"][:4]] = counts.get(item["value"][:4], 0) + item["count"]
    kept = sorted(sorted(counts, key=lambda year: (-counts[year], year))[:MAX_YEARS])
    return _bars([(year, year, counts[year]) for year in kept])


def date_facet_view(facet: dict) -> DateFacetView:
    results = facet.get("results", [])
    top = sorted(results, key=lambda item: (-item["count"], item["value"]))[:TOP_MONTHS]
    return DateFacetView(year_bars(results), top, results)


def _bars(values: list[tuple[str, str, int]]) -> list[Bar]:
    """(value, label, count) -> bars across the chart's width, scaled to the largest count."""
    if not values:
        return []
    top = max(count for _value, _label, count in values)
    step = WIDTH / len(values)
    width = min(max(step - 2, 1), 40)
    return [Bar(value, label, count, index * step + (step - width) / 2,
                HEIGHT - 14 - (HEIGHT - 14) * count / top if top else HEIGHT - 14, width,
                (HEIGHT - 14) * count / top if top else 0)
            for index, (value, label, count) in enumerate(values)]
