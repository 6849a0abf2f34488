"""Rule-based temporal tagger: date expressions in news text, normalised to TimeML values.

Organised the way HeidelTime and SUTime are: each rule is a compiled pattern (the tables
live in :mod:`archive.extract.dates_rules`) paired with a normaliser that turns a match into
a TimeML ``value`` ('2022-01-06', '2022-W01', '2021-SU', '199X', 'PAST_REF', ...) anchored
on the article's publication date. All rules run over the text, and overlapping matches are
resolved longest-first, so "the third quarter of 2021" wins over "2021".

Expressions whose direction is ambiguous ("Thursday", "Jan. 19", "the fourth quarter") are
resolved by the tense of the governing verb, read from a spaCy ``Doc`` when the caller has
one and from nearby cue words ("said", "will", "-ed") otherwise; news defaults to the past.
The module never loads a model and keeps no state between calls.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from archive.extract import dates_rules as R
from archive.extract.dates_rules import FIRM
from archive.extract.kinds import lists as kind_lists

__all__ = ["DateMention", "find_dates"]

# With a tentative tense, a date much closer on the other side of publication still wins:
# news sentences in the past tense often mention deadlines and payment dates to come.
_AWAY_PENALTY = 6
_FLATTEN = str.maketrans("\n\r\t", "   ")
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z'’.]*)[\s-]*$")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’.]*)")
_MID_SENTENCE = re.compile(r"[\w,;'’]\s*$")
_RANGE_UNIT = re.compile(r"\s*[-–]\s*\d[\d,.]*\s*([A-Za-z]+)|\s+([A-Za-z]+)")  # "-1150 lb", " lb"
_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_MONTH_NAMES = frozenset(k.capitalize() for k in R.MONTHS)
_DETERMINERS = frozenset(["the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "whose"])
_WORD_OFFSETS = {"this": 0, "the current": 0, "last": -1, "this past": -1, "the previous": -1,
                 "next": 1, "this coming": 1, "the coming": 1, "the following": 1}


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text."""

    text: str      # the exact substring of the input text
    value: str     # TimeML value, e.g. '2022-01-06', '2022-W01', '2021-SU', '199X', 'PAST_REF'
    start: int     # character offsets: text == input[start:end]
    end: int


def find_dates(text: str, published: date | None = None, doc: Any = None) -> list[DateMention]:
    """Every date expression in ``text``, normalised relative to ``published``.

    ``doc`` is an optional spaCy Doc over the same characters; when given, the tense of the
    governing verb decides past vs future for relative expressions. Without ``published``,
    expressions that need an anchor are skipped or left underspecified ('XXXX-01-19').
    Returns mentions sorted by start, non-overlapping.
    """
    if isinstance(published, datetime):
        published = published.date()
    ctx = _Context(text, text.translate(_FLATTEN), published, doc)
    folded, candidates = ctx.flat.casefold(), []  # casefold: 'ſoon' is 'soon', as IGNORECASE matches it
    for priority, (pattern, normalise, triggers, anchors) in enumerate(_RULES):
        if triggers and not any(t in folded for t in triggers) or not all(map(ctx.contains, anchors)):
            continue
        for match in pattern.finditer(ctx.flat):
            if match.end() > match.start() and (value := normalise(match, ctx)):
                candidates.append((match.start(), match.end(), priority, value))
    return _year_back_anaphors(_select(text, candidates))


def _year_back_anaphors(mentions: list[DateMention]) -> list[DateMention]:
    """ "a year earlier" after a quarter names that quarter a year before, as results news means it.

    Only a quarter the text named itself is a reference (not one derived this way), so a
    second "year-earlier" in the same story points at the same quarter.
    """
    reference, out = None, []
    for mention in mentions:
        if R.YEAR_BACK.fullmatch(mention.text) and reference:
            mention = dataclasses.replace(mention, value=f"{int(reference[:4]) - 1:04d}{reference[4:]}")
        elif _QUARTER_VALUE.fullmatch(mention.value):
            reference = mention.value
        out.append(mention)
    return out


def _select(text: str, candidates: list[tuple[int, int, int, str]]) -> list[DateMention]:
    """Longest match first (ties: earlier rule), dropping anything overlapping a kept match."""
    kept: list[tuple[int, int, int, str]] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if all(cand[1] <= k[0] or cand[0] >= k[1] for k in kept):
            kept.append(cand)
    return [DateMention(text[s:e], v, s, e) for s, e, _p, v in sorted(kept)]


@dataclass
class _Context:
    text: str
    flat: str                      # text with line breaks as spaces (same length)
    published: date | None
    doc: Any = None
    _directions: dict[tuple[int, int], int] = field(default_factory=dict)
    _anchors: dict[re.Pattern[str], bool] = field(default_factory=dict)

    def contains(self, anchor: re.Pattern[str]) -> bool:
        """Whether the anchor is anywhere in the text: one search per text, however many rules need it."""
        if anchor not in self._anchors:
            self._anchors[anchor] = anchor.search(self.flat) is not None
        return self._anchors[anchor]

    def direction(self, start: int, end: int) -> int:
        if (start, end) not in self._directions:
            self._directions[(start, end)] = R.direction(self.text, self.flat, start, end, self.doc)
        return self._directions[(start, end)]

    def prev_word(self, start: int) -> str:
        """The word right before ``start`` (only spaces between), or ''."""
        m = _PREV_WORD.search(self.flat, max(0, start - 40), start)
        return m.group(1).rstrip(".") if m else ""

    def next_word(self, end: int) -> str:
        m = _NEXT_WORD.match(self.flat, end)
        return m.group(1).rstrip(".") if m else ""


# ------------------------------------------------------------------ calendar helpers

def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + m - 1 + k
    return i // 12, i % 12 + 1


def _valid_day(month: int, day: int) -> bool:
    return day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _day_key(month: int, day: int) -> Callable[[int], int]:
    return lambda y: date(y, month, min(day, 28) if month == 2 else day).toordinal()


def _pick_year(pub: date, key: Callable[[int], int], now: int, direction: int, strict: bool = False) -> int:
    """The year whose instance of a yearly period (key(year)) best fits the direction from now.

    A firm direction (or last/next: ``strict``) takes the nearest instance on that side;
    otherwise the nearest instance wins, distances against a tentative direction counting 6-fold.
    """
    years = range(pub.year - 2, pub.year + 3)
    if direction <= -FIRM or (strict and direction < 0):
        return max(y for y in years if key(y) < now or (key(y) == now and not strict))
    if direction >= FIRM or (strict and direction > 0):
        return min(y for y in years if key(y) > now or (key(y) == now and not strict))

    def cost(y: int) -> tuple[int, bool]:
        gap = key(y) - now
        return abs(gap) * (_AWAY_PENALTY if gap * direction < 0 else 1), y != pub.year
    return min(years, key=cost)


def _rel_direction(rel: str | None, ctx: _Context, m: re.Match[str]) -> tuple[int, bool]:
    """(direction, strict) for an optional last/next/this word before a named period."""
    offset = _WORD_OFFSETS.get(_norm(rel)) if rel else None
    if offset is None:
        return ctx.direction(m.start(), m.end()), False
    return offset * FIRM, offset != 0


def _norm(words: str | None) -> str:
    return " ".join(words.lower().split()) if words else ""


def _number(word: str) -> int | None:
    w = _norm(word)
    if w.isdigit():
        return int(w)
    return 2 if w.startswith("a couple") else R.NUMBERS.get(w)


def _shift(pub: date, unit: str, k: int) -> str:
    """The period ``k`` units away from the publication date, at the unit's granularity."""
    if unit == "day":
        return (pub + timedelta(days=k)).isoformat()
    if unit in ("week", "weekend"):
        return _week(pub + timedelta(weeks=k)) + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, k))
    if unit == "quarter":
        i = pub.year * 4 + (pub.month - 1) // 3 + k
        return f"{i // 4:04d}-Q{i % 4 + 1}"
    if unit == "year":
        return f"{pub.year + k:04d}"
    if unit == "decade":
        return f"{pub.year // 10 + k:03d}X"
    if unit == "century":
        return f"{pub.year // 100 + k:02d}"
    raise ValueError(f"unknown unit {unit!r}")


# ------------------------------------------------------------------ normalisers

def _month_day(m: re.Match[str], ctx: _Context) -> str | None:
    month, day = R.MONTHS[m["mon"].rstrip(".").lower()], int(m["day"])
    if not _valid_day(month, day):
        return None
    if m["year"]:
        return f"{m['year']}-{month:02d}-{day:02d}"
    pub = ctx.published
    if pub is None:
        return f"XXXX-{month:02d}-{day:02d}"
    direction = ctx.direction(m.start(), m.end())
    if R.looks_ahead(ctx.text, ctx.flat, m.start()):
        direction = FIRM  # "starting Oct. 1", "will open on Oct. 1, officials said": the next Oct. 1
    year = _pick_year(pub, _day_key(month, day), pub.toordinal(), direction)
    weekday = R.WEEKDAYS[m["wd"].lower()] if m["wd"] else None
    # "Monday, Oct. 26" names the year whose Oct. 26 is a Monday; Feb. 29 needs a leap year
    for y in (year, year - 1, year + 1, year - 2, year + 2):
        if _fits(y, month, day, weekday):
            return f"{y:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _fits(year: int, month: int, day: int, weekday: int | None) -> bool:
    try:
        actual = date(year, month, day).weekday()
    except ValueError:
        return False
    return weekday in (None, actual)


def _numeric_date(m: re.Match[str], ctx: _Context) -> str | None:
    year, month, day = m["year"], int(m["mon"]), int(m["day"])
    if len(year) == 2:
        pivot = (ctx.published.year % 100 + 10) if ctx.published else 50
        year = ("20" if int(year) <= pivot else "19") + year
    return f"{year}-{month:02d}-{day:02d}" if _valid_day(month, day) else None


def _month_year(m: re.Match[str], ctx: _Context) -> str | None:
    return _month(int(m["year"]), R.MONTHS[m["mon"].rstrip(".").lower()])


def _month_alone(m: re.Match[str], ctx: _Context) -> str | None:
    if not (m["mod"] or m["rel"] or m["yrel"] or _bare_month_ok(m, ctx)):
        return None
    month, pub = R.MONTHS[m["mon"].lower()], ctx.published
    if pub is None:
        return f"XXXX-{month:02d}"
    if m["yrel"] or _norm(m["rel"]) == "this":
        return _month(pub.year + _WORD_OFFSETS[_norm(m["yrel"] or "this")], month)
    direction, strict = _rel_direction(m["rel"], ctx, m)
    return _month(_pick_year(pub, lambda y: y * 12 + month, pub.year * 12 + pub.month, direction, strict), month)


def _bare_month_ok(m: re.Match[str], ctx: _Context) -> bool:
    """A month name alone is a date after a preposition; "May"/"March" need one."""
    prev = ctx.prev_word(m.start())
    if prev.lower() in R.DATE_PREPOSITIONS:
        return True
    if m["mon"] in ("May", "March"):
        return False
    # "April Smith", "Brian May": a capitalised neighbour makes it a name
    return not (ctx.next_word(m.end())[:1].isupper() or prev[:1].isupper())


def _year(m: re.Match[str], ctx: _Context) -> str | None:
    return m["year"] if (m["mod"] or m["fy"] or _year_context(m, ctx)) else None


def _year_context(m: re.Match[str], ctx: _Context) -> bool:
    """Is a bare four-digit number a year here ("in 2019", "a 2020 law") or a count ("2000 people",
    "1025-1150 lb": a number before a unit, alone or in a range)?"""
    if ctx.flat[max(0, m.start() - 1):m.start()] in (":", "/") or ctx.flat[m.end():m.end() + 1] == "/":
        return False
    if (unit := _RANGE_UNIT.match(ctx.flat, m.end())) and (unit[1] or unit[2]).lower() in R.QUANTITY_NOUNS:
        return False
    prev, nxt = ctx.prev_word(m.start()).lower(), ctx.next_word(m.end())
    if nxt.lower() in R.QUANTITY_NOUNS or prev in R.QUANTITY_PREFIXES:
        return False
    if prev.capitalize() in _MONTH_NAMES or (prev in R.DATE_PREPOSITIONS and prev not in R.COUNT_PREPOSITIONS):
        return True
    if prev in _DETERMINERS and 1900 <= int(m["year"]) <= 2099:
        return True
    if _plural(nxt) or (nxt[:1].isupper() and _plural(ctx.next_word(m.end() + 1 + len(nxt)))):
        return False
    return prev in R.DATE_PREPOSITIONS or not _doc_says_count(ctx.doc, m.start(), m.end())


def _plural(word: str) -> bool:
    return word.islower() and len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _doc_says_count(doc: Any, start: int, end: int) -> bool:
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    if tok.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT"):
        return True
    return tok.dep_ == "nummod" and "Plur" in tok.head.morph.get("Number")


def _spelled_year(m: re.Match[str], ctx: _Context) -> str | None:
    if m["tens"]:
        tens = m["tens"].lower()
        value = 1900 + R.NUMBERS[tens] + (R.NUMBERS[m["units"].lower()] if m["units"] else 0)
        return None if m["units"] and R.NUMBERS[tens] < 20 else str(value)
    return str(2000 + (R.NUMBERS[m["units2"].lower()] if m["units2"] else 0))


def _decade(m: re.Match[str], ctx: _Context) -> str | None:
    if m["dec"]:
        return f"{m['dec']}X"
    if m["dw"]:
        return f"19{R.DECADE_WORDS[m['dw'].lower()]}X"
    digit = int(m["yy"])
    recent = ctx.published.year if ctx.published else 2029
    return f"{20 if 2000 + digit * 10 <= recent else 19}{digit}X"


def _century(m: re.Match[str], ctx: _Context) -> str | None:
    n = int(m["n"]) if m["n"] else R.CENTURY_WORDS[_norm(m["w"]).replace(" ", "-")]
    return f"{n - 1:02d}" if 1 <= n <= 21 else None  # ISO 8601: the 20th century is '19'


def _deictic(m: re.Match[str], ctx: _Context) -> str | None:
    if ctx.published is None or _is_title(m, ctx):
        return None
    return (ctx.published + timedelta(days=R.DEICTIC_DAYS[_norm(m["word"])])).isoformat()


def _is_title(m: re.Match[str], ctx: _Context) -> bool:
    """'Today' capitalised inside a sentence or before 'programme' names a programme or paper
    (Radio 4's Today programme, USA Today), not the day (issue 15)."""
    if m["mod"] or not m["word"][0].isupper():
        return False
    if ctx.next_word(m.end()).lower() in kind_lists().programme_words:
        return True
    return bool(_MID_SENTENCE.search(ctx.flat, max(0, m.start() - 3), m.start()))


def _weekday(m: re.Match[str], ctx: _Context) -> str | None:
    prev, nxt = ctx.prev_word(m.start()), ctx.next_word(m.end())
    if (prev[:1].isupper() and prev.lower() in R.NAMED_DAYS_BEFORE) or (
            nxt[:1].isupper() and nxt.lower() in R.NEWSPAPERS_AFTER):
        return None  # "Black Friday", "Sunday Times"
    pub = ctx.published
    if pub is None:
        return None
    target, today = R.WEEKDAYS[m["wd"].lower()], pub.weekday()
    rel = _norm(m["rel"])
    if rel == "this":
        delta = target - today
    else:
        direction, strict = _rel_direction(m["rel"], ctx, m)
        ahead, behind = (target - today) % 7, (today - target) % 7
        if direction > 0:
            delta = ahead or (7 if strict else 0)
        else:  # past or present tense: news reports what happened
            delta = -(behind or (7 if strict else 0))
    return (pub + timedelta(days=delta)).isoformat()


def _relative(m: re.Match[str], ctx: _Context) -> str | None:
    rel, unit, pub = _norm(m["rel"]), m["unit"].lower(), ctx.published
    if pub is None:
        return None
    if rel in ("the latest", "the most recent"):
        return _shift(pub, unit, -1) if unit == "quarter" else None
    if rel == "the" and m["mod"]:
        return _shift(pub, unit, 0)  # "the end of the year"
    if rel == "the" and unit == "quarter":  # in earnings news: the quarter being reported
        return _shift(pub, unit, 0 if ctx.direction(m.start(), m.end()) > 0 else -1)
    if rel == "the":
        return _the_weekend(m, ctx, pub) if unit == "weekend" else None
    return _shift(pub, unit, _WORD_OFFSETS[rel])


def _this_year(m: re.Match[str], ctx: _Context) -> str | None:
    return f"{ctx.published.year:04d}" if ctx.published else None


def _the_weekend(m: re.Match[str], ctx: _Context, pub: date) -> str:
    """"the weekend": the coming one in the future tense or on a weekend, else the one just past."""
    upcoming = ctx.direction(m.start(), m.end()) > 0 or pub.weekday() >= 5
    return _shift(pub, "weekend", 0 if upcoming else -1)


def _quarter(m: re.Match[str], ctx: _Context) -> str | None:
    return _period(m, ctx, R.ORDINALS[m["ord"].lower()], 4, "Q", m["yq"] or m["yq2"])


def _quarter_code(m: re.Match[str], ctx: _Context) -> str | None:
    q = int(m["q"] or m["q2"])
    if m["yy"]:
        return f"20{m['yy']}-Q{q}"
    return _period(m, ctx, q, 4, "Q", None, m["year"] or m["year2"])


def _half(m: re.Match[str], ctx: _Context) -> str | None:
    if m["h"]:
        return f"{m['year2']}-H{m['h']}"
    if not (m["year"] or m["yrel"]) and re.match(r"\s+of\b", ctx.flat[m.end():]):
        return None  # "the second half of the match"
    yrel = {"the": "this", "": None}.get(_norm(m["yrel"]), m["yrel"])  # "the first half of the year"
    return _period(m, ctx, R.ORDINALS[m["ord"].lower()], 2, "H", yrel)


def _period(m: re.Match[str], ctx: _Context, n: int, per_year: int, code: str,
            year_words: str | None, year: str | None = None) -> str | None:
    """Quarter/half ``n`` of an explicit year, of 'this/last/next year', or of the year by tense."""
    year = year or m.groupdict().get("year") or m.groupdict().get("year2")
    if year:
        return f"{year}-{code}{n}"
    pub = ctx.published
    if pub is None:
        return f"XXXX-{code}{n}"
    if year_words:  # "this year's", "last year", "next"
        return f"{pub.year + _WORD_OFFSETS[_norm(year_words).split()[0]]:04d}-{code}{n}"
    now = pub.year * per_year + (pub.month - 1) * per_year // 12 + 1
    # never firm: earnings news reports a finished quarter in the future tense ("will report")
    tentative = max(-1, min(1, ctx.direction(m.start(), m.end())))
    y = _pick_year(pub, lambda y: y * per_year + n, now, tentative)
    return f"{y:04d}-{code}{n}"


def _season(m: re.Match[str], ctx: _Context) -> str | None:
    season = R.SEASONS[m["season"].lower()]
    if m["year"]:
        return f"{m['year']}-{season}"
    rel, prev = _norm(m["rel"]), ctx.prev_word(m.start()).lower()
    after = ctx.flat[m.end():m.end() + 12]
    if rel in ("", "the") and not (m["mod"] or prev in R.SEASON_PREPOSITIONS):
        return None  # "prices fall", "the fall of the Wall", "summer camp"
    if rel == "the" and re.match(r"\s+(?:of|in|from|to)\b|\s+[A-Z]", after):
        return None
    pub = ctx.published
    if pub is None:
        return f"XXXX-{season}"
    month_season = "WI" if pub.month in (12, 1, 2) else R.SEASONS[["spring", "summer", "fall"][(pub.month - 3) // 3]]
    now = (pub.year + (pub.month == 12)) * 4 + R.SEASON_INDEX[month_season]
    direction, strict = _rel_direction(None if rel == "the" else m["rel"], ctx, m)
    year = _pick_year(pub, lambda y: y * 4 + R.SEASON_INDEX[season], now, direction, strict)
    return f"{year:04d}-{season}"


def _ago(m: re.Match[str], ctx: _Context) -> str | None:
    direction = m["dir"].lower()
    n = _number(m["n"])
    if direction in ("earlier", "before") and n != 1:
        return None  # "three days earlier" is anchored on a narrated event, not on publication
    sign = 1 if direction.startswith(("from", "hence")) else -1
    if n is None:
        return "FUTURE_REF" if sign > 0 else "PAST_REF"
    return _units_away(ctx, m["unit"], sign * n)


def _in_n(m: re.Match[str], ctx: _Context) -> str | None:
    left = ctx.flat[max(0, m.start() - 40):m.start()].lower()
    if re.search(r"\b(?:times?|first|highest|lowest|best|worst|most|least|biggest|largest|record|ever|once)\b", left):
        return None  # "the first time in 10 years" is a duration
    if ctx.published is None or ctx.direction(m.start(), m.end()) <= 0:
        return None
    return _units_away(ctx, m["unit"], _number(m["n"]) or 0)


def _units_away(ctx: _Context, unit: str, k: int) -> str | None:
    pub = ctx.published
    if pub is None:
        return None
    unit = unit.lower().rstrip("s").replace("centurie", "century")
    if unit in ("decade", "century"):  # "a decade ago" names a year
        return f"{pub.year + k * (10 if unit == 'decade' else 100):04d}"
    return _shift(pub, unit, k)


def _year_ago(m: re.Match[str], ctx: _Context) -> str | None:
    """ "the year-ago quarter", "year-earlier": the same period one year before."""
    pub = ctx.published
    if pub is None:
        return None
    if not m["unit"]:
        return f"{pub.year - 1:04d}"
    if m["ord"]:
        return f"{pub.year - 1:04d}-Q{R.ORDINALS[m['ord'].lower()]}"
    return _shift(pub, "quarter", -5)


def _holiday(m: re.Match[str], ctx: _Context) -> str | None:
    month, day = R.HOLIDAYS[_norm(m["h"]).replace("’", "'")]
    pub = ctx.published
    if pub is None:
        return f"XXXX-{month:02d}-{day:02d}" if day else None
    direction, strict = _rel_direction(m["rel"], ctx, m)
    key = (lambda y: _thanksgiving(y).toordinal()) if not day else _day_key(month, day)
    year = _pick_year(pub, key, pub.toordinal(), direction, strict)
    return (_thanksgiving(year) if not day else date(year, month, day)).isoformat()


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _constant(value: str) -> Callable[[re.Match[str], _Context], str]:
    return lambda _m, _ctx: value


_Normaliser = Callable[[re.Match[str], _Context], "str | None"]
# (pattern, normaliser, words one of which the case-folded text must contain for the rule to run at all,
# anchors (dates_rules.MONTH_NAME...) that must all be in the text): cheap pre-checks that spare most
# articles most of the patterns. Each is part of every match; test_date_leads checks them against the news.
# Order only breaks ties between matches of equal length.
_MONTH, _YEAR = (R.MONTH_NAME,), (R.YEAR_DIGITS,)
_RULES: list[tuple[re.Pattern[str], _Normaliser, tuple[str, ...], tuple[re.Pattern[str], ...]]] = [
    (R.ISO_DATE, _numeric_date, ("-",), (R.ISO_DIGITS,)), (R.US_DATE, _numeric_date, ("/",), ()),
    (R.MONTH_DAY, _month_day, (), _MONTH), (R.DAY_MONTH, _month_day, (), _MONTH),
    (R.MONTH_YEAR, _month_year, (), _MONTH + _YEAR),
    (R.QUARTER, _quarter, ("quarter",), ()), (R.QUARTER_CODE, _quarter_code, ("q1", "q2", "q3", "q4"), ()),
    (R.HALF, _half, ("half", "h1", "h2"), ()),
    (R.SEASON, _season, ("spring", "summer", "fall", "autumn", "winter"), ()),
    (R.DECADE, _decade, ("0s", "0's", "0’s", "ties"), ()), (R.CENTURY, _century, ("century",), ()),
    (R.DEICTIC, _deictic, ("today", "tonight", "tomorrow", "yesterday"), ()),
    (R.WEEKDAY, _weekday, ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), ()),
    (R.RELATIVE, _relative, ("week", "month", "year", "quarter", "decade", "century"), ()),
    (R.THE_YEAR, _this_year, ("year",), ()),
    (R.AGO, _ago, ("ago", "from now", "hence", "earlier", "before"), ()), (R.IN_N, _in_n, ("in ",), ()),
    (R.YEAR_AGO, _year_ago, ("year-", "year "), ()),
    (R.HOLIDAY, _holiday, ("christmas", "new year", "thanksgiving", "halloween", "valentine"), ()),
    (R.MONTH_ALONE, _month_alone, (), _MONTH), (R.YEAR, _year, (), _YEAR),
    (R.SPELLED_YEAR, _spelled_year, ("nineteen", "thousand"), ()),
    *((pattern, _constant(value), R.VAGUE_WORDS[value], ()) for value, pattern in R.VAGUE.items()),
]
