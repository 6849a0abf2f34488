"""Dates on TempEval-3's TimeML training data (TimeBank + AQUAINT), DATE expressions only.

The creation time (TIMEX3 functionInDocument="CREATION_TIME") is the publication date.
TempEval-3 scoring: a prediction matches a gold DATE when the extents overlap (one-to-one);
extent F1 counts matches, value F1 counts matches with the right TimeML value too.
Predictions that overlap a gold TIMEX3 of another type (TIME, DURATION, SET) are set aside,
neither right nor wrong, as TempEval-3 does for a DATE-only score.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.extraction.runner import Mention
from bench.extraction.scoring import Counts, Row, prf_rows

TIMEML_DIR = Path("/work/shared/data/timeml")
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>')


@dataclass
class Document:
    name: str
    text: str
    published: date | None
    gold: list[Mention]   # DATE expressions
    other: list[Mention]  # TIME, DURATION, SET expressions


def load(limit: int | None = None, root: Path = TIMEML_DIR) -> list[Document]:
    paths = sorted(root.glob("*/*.tml"))
    return [_parse(path) for path in paths[:limit]]


def _parse(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8")
    dct = _DCT.search(raw)
    value = dict(_ATTR.findall(dct.group(0)))["value"] if dct else ""
    published = date.fromisoformat(value[:10]) if re.match(r"\d{4}-\d\d-\d\d", value) else None
    body = _TEXT.search(raw).group(1)
    parts, timexes, stack, length = [], [], [], 0
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position:tag.start()])
        parts.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1):
            attrs, start = stack.pop()
            timexes.append((attrs, start, length))
        else:
            stack.append((dict(_ATTR.findall(tag.group(3))), length))
    parts.append(html.unescape(body[position:]))
    text = "".join(parts)
    gold, other = [], []
    for attrs, start, end in timexes:
        mention = Mention("date", start, end, text[start:end], attrs.get("value"))
        (gold if attrs.get("type") == "DATE" else other).append(mention)
    return Document(path.stem, text, published, gold, other)


def score(docs: list[Document], ours: list[list[Mention]], baseline: list[list[Mention]]) -> list[Row]:
    counts = {name: (Counts(), Counts()) for name in ("extent", "value")}
    for doc, mine, theirs in zip(docs, ours, baseline):
        for system, predicted in ((0, mine), (1, theirs)):
            extent, value = _match(doc, [m for m in predicted if m.kind == "date"])
            counts["extent"][system].add(*extent)
            counts["value"][system].add(*value)
    rows = prf_rows("timeml", "date extent", *counts["extent"])
    rows += prf_rows("timeml", "date value", *counts["value"])
    return rows


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _match(doc: Document, predicted: list[Mention]) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    unused = list(doc.gold)
    matched = right_value = counted = 0
    for mention in predicted:
        hit = next((g for g in unused if _overlaps(g, mention)), None)
        if hit is None and any(_overlaps(o, mention) for o in doc.other):
            continue
        counted += 1
        if hit is not None:
            unused.remove(hit)
            matched += 1
            right_value += mention.value is not None and mention.value == hit.value
    return (matched, counted, len(doc.gold)), (right_value, counted, len(doc.gold))
