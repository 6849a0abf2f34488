"""Split an article body into plain text and marked mentions (actors, places, dates)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from archive import timeml
from archive.models import Article


@dataclass
class Segment:
    text: str
    kind: str | None = None   # person | organization | place | date
    href: str | None = None
    title: str | None = None


def _marks(article: Article) -> list[tuple[int, int, str, str, str]]:
    marks = []
    for mention in article.mentions:
        entity = mention.entity
        path = "places" if entity.kind == "place" else "actors"
        marks.append((mention.start, mention.end, entity.kind, f"/{path}/{entity.id}", entity.name))
    for date in article.dates:
        marks.append((date.start, date.end, "date", date_search_url(date.value), date.value))
    return sorted(marks)


def date_search_url(value: str) -> str | None:
    """A search for the articles that mention the period of a TimeML value."""
    period = timeml.search_period(value)
    if period is None:
        return None
    return "/?" + urlencode({"mentioned_from": period[0], "mentioned_to": period[1]})


def segments(article: Article) -> list[Segment]:
    """The body in order; overlapping marks keep the first one."""
    body, position, parts = article.body, 0, []
    for start, end, kind, href, title in _marks(article):
        if start < position or end > len(body):
            continue
        if start > position:
            parts.append(Segment(body[position:start]))
        parts.append(Segment(body[start:end], kind, href, title))
        position = end
    if position < len(body):
        parts.append(Segment(body[position:]))
    return parts
