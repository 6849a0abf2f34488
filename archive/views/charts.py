"""Server-rendered SVG bar charts of articles per month and per year (no JavaScript, no CDN), and the
compact view of a date facet: its most frequent months and a chart of its years."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from archive.facets import UNDATED
from archive.search.labels import month_label

WIDTH, HEIGHT = 600, 120
AXIS = 18  # the height below the bars that holds the axis labels
MAX_MONTHS = 120  # a longer span is drawn a bar a year (a chosen period inside it, a bar a month)
MAX_TICKS = 8  # axis labels: at most this many, at round years or months
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
    selected: bool = False


@dataclass
class Tick:
    label: str
    x: float  # percent of the chart's width (the axis is not stretched with the bars)
    anchor: str = "middle"


@dataclass
class Timeline:
    """Articles per month or per year over a whole span, with its axis labels."""
    bars: list[Bar]
    unit: str  # "month" or "year"
    ticks: list[Tick]


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
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


def undated_count(facet_results: list[dict]) -> int:
    """The articles of a publication facet without a date (its value UNDATED), drawn beside the chart."""
    return next((item["count"] for item in facet_results if item["value"] == UNDATED), 0)


def timeline(facet_results: list[dict], low: date | None = None, high: date | None = None) -> Timeline | None:
    """The publication chart: every month from the first to the last with articles, or every year
    when that is more than MAX_MONTHS months; with a period chosen (`low`..`high`) in a long span,
    the months of the years it covers. Bars inside the period are marked selected."""
    counts = {item["value"]: item["count"] for item in facet_results if len(item["value"]) == 7}
    if not counts:
        return None
    first, last = min(counts), max(counts)
    if _span(first, last) > MAX_MONTHS and (low or high):
        first = f"{low.year:04d}-01" if low else first  # the whole years of the period
        last = f"{high.year:04d}-12" if high else last
    if _span(first, last) <= MAX_MONTHS:
        values = [(value, month_label(value), counts.get(value, 0)) for value in _months(first, last)]
        unit = "month"
    else:
        years: dict[str, int] = {}
        for value, count in counts.items():
            years[value[:4]] = years.get(value[:4], 0) + count
        values = [(f"{y:04d}", f"{y:04d}", years.get(f"{y:04d}", 0)) for y in range(int(first[:4]), int(last[:4]) + 1)]
        unit = "year"
    bars = _bars(values)
    for bar in bars:
        bar.selected = bool((low or high) and _inside(bar.value, low, high))
    return Timeline(bars, unit, _ticks(bars, unit))


def _span(first: str, last: str) -> int:
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1


def _inside(value: str, low: date | None, high: date | None) -> bool:
    year, month = int(value[:4]), int(value[5:7]) if len(value) == 7 else None
    start = date(year, month or 1, 1)
    end = date(year, month or 12, calendar.monthrange(year, month or 12)[1])
    return (low is None or start >= low) and (high is None or end <= high)


def _ticks(bars: list[Bar], unit: str) -> list[Tick]:
    """Labels at round years (every 1, 2, 5, 10... years) or, over two years or less, at round months."""
    if unit == "month" and len(bars) <= 24:
        step = next(n for n in (1, 2, 3, 6, 12) if len(bars) / n <= MAX_TICKS)
        chosen = [bar for bar in bars if (int(bar.value[5:7]) - 1) % step == 0]
        labels = [f"{calendar.month_abbr[int(b.value[5:7])]} {b.value[:4]}" if b is chosen[0] or b.value[5:7] == "01"
                  else calendar.month_abbr[int(b.value[5:7])] for b in chosen]
    else:
        years = len(bars) / 12 if unit == "month" else len(bars)
        step = next(n for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if years / n <= MAX_TICKS)
        chosen = [bar for bar in bars if int(bar.value[:4]) % step == 0 and bar.value[4:] in ("", "-01")]
        labels = [bar.value[:4] for bar in chosen]
    if unit == "year" or len(bars) > 24:  # the first and last years are labelled, round years near them not
        ends = {bars[0].value: bars[0].value[:4], bars[-1].value: bars[-1].value[:4]} if unit == "year" else \
            {bars[0].value: bars[0].value[:4]}
        kept = [(bar, label) for bar, label in zip(chosen, labels)
                if bar.value in ends or .12 < bar.x / WIDTH < (.88 if unit == "year" else 1)]
        kept += [(bar, label) for bar in (bars[0], bars[-1]) if bar.value in ends and bar not in chosen
                 for label in [ends[bar.value]]]
        kept.sort(key=lambda pair: pair[0].x)
        chosen, labels = [bar for bar, _ in kept], [label for _, label in kept]
    ticks = []
    for bar, label in zip(chosen, labels):
        x = (bar.x + (bar.width / 2 if unit == "year" or len(bars) <= 24 else 0)) / WIDTH * 100
        ticks.append(Tick(label, round(x, 2), "start" if x < 6 else "end" if x > 94 else "middle"))
    return ticks


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
    width = min(max(step - 2, step * .7), 40)
    room = HEIGHT - AXIS
    return [Bar(value, label, count, index * step + (step - width) / 2,
                room - room * count / top if top else room, width, room * count / top if top else 0)
            for index, (value, label, count) in enumerate(values)]
