"""Server-rendered SVG bar charts of articles per month (no JavaScript, no CDN)."""
from __future__ import annotations

from dataclasses import dataclass

from archive.search.labels import month_label

WIDTH, HEIGHT = 600, 120
MAX_MONTHS = 240


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


def month_bars(facet_results: list[dict]) -> list[Bar]:
    """One bar a month from the first to the last month with articles, empty months included."""
    counts = {item["value"]: item["count"] for item in facet_results if len(item["value"]) == 7}
    if not counts:
        return []
    months = _months(min(counts), max(counts))
    top = max(counts.values())
    step = WIDTH / len(months)
    bars = []
    for index, value in enumerate(months):
        count = counts.get(value, 0)
        height = (HEIGHT - 14) * count / top if top else 0
        width = min(max(step - 2, 1), 40)
        bars.append(Bar(value, month_label(value), count, index * step + (step - width) / 2,
                        HEIGHT - 14 - height, width, height))
    return bars
