"""The leads of the date patterns (dates_rules._c) and the rules' pre-checks (words, anchors) only
speed the scan up: each led pattern finds exactly what the pattern as written finds, and every text
with a match passes its rule's pre-checks, in real news and in strings that open every branch."""
from __future__ import annotations

import html
import re
from functools import lru_cache

import pytest

from archive.extract import dates_rules as R
from archive.extract.dates import _FLATTEN, _RULES, find_dates
from tests.conftest import SHARED

DATA = SHARED / "data"
LED = list(R.PLAIN)
# Openings of every branch, in odd cases too (ſ folds to s, K to k under IGNORECASE).
ODD = [
    "This coming Monday, the 3rd of May 2021; THE END OF March 1999; Mid-June, last September this year, next April.",
    "FY2021 fiscal year 2020, calendar 2019 and early 1990s; the mid-'80s, the Twenties, ’90s.",
    "EARLIER ON Friday night; the previous Sunday; next Tuesday evening; TOMORROW morning, yesterday.",
    "the first half of 2020, H2 2019, 2nd half of this year; late SPRING 2004, this past winter, Fall.",
    "the third fiscal quarter of 2021, 1987's fourth quarter, Q4 1999, last year’s 2nd quarter.",
    "ſoon, aſ ſoon as possible, right now, at present, these days, more recently, long ago, years ago.",
    "about 3 days ago, a couple of weeks from now, twenty years earlier, ſeveral months before, …",
    "09 March, 31st of December, Sat 1 Jan, Wednesday 12 Oct 1988, thursday the 4th of july.",
    "1987-1988 1,987 $1999 #2000 2000% 2000.5 in 1066 since 1987, the year 2000.",
    "filed 2021-03-04, due 12/31/2021 and 1/2/03; Valentine’s Day, the ’90s, the 1990’s, nineteen eighty-four.",
]


@lru_cache(maxsize=1)
def news_texts() -> list[str]:
    """A sample of the evaluation data: Reuters (1987), BBC (2004-5) and TimeBank texts."""
    sgm = (DATA / "reuters21578" / "reut2-003.sgm").read_text(encoding="latin-1")
    texts = [html.unescape(body) for body in re.findall(r"<BODY>(.*?)</BODY>", sgm, re.DOTALL)]
    texts += [p.read_bytes().decode("utf-8", errors="replace")
              for p in sorted((DATA / "news" / "bbc").glob("*/*.txt"))[::10]]
    texts += [re.sub(r"<[^>]+>", "", p.read_text(encoding="utf-8"))
              for p in sorted((DATA / "timeml" / "TimeBank").glob("*.tml"))]
    return [text.translate(_FLATTEN) for text in texts] + ODD


def spans(pattern: re.Pattern[str], texts: list[str]) -> list[list[tuple]]:
    return [[(m.span(), m.groupdict()) for m in pattern.finditer(text)] for text in texts]


def test_the_slow_rules_have_leads():
    led = {pattern for pattern, _normalise, _triggers, _anchors in _RULES} & set(LED)
    assert {R.YEAR, R.MONTH_ALONE, R.MONTH_DAY, R.DAY_MONTH, R.MONTH_YEAR, R.WEEKDAY} <= led
    assert R.YEAR.pattern.startswith("(?=")


@pytest.mark.parametrize("led", LED, ids=lambda p: R.PLAIN[p][:40])
def test_a_lead_changes_no_match(led):
    texts = news_texts()
    found = spans(led, texts)
    assert found == spans(re.compile(R.PLAIN[led]), texts)
    assert any(found), "the sample should exercise the pattern"


def test_a_too_narrow_lead_would_be_caught():
    """The comparison above can fail: a lead missing one opening letter loses matches."""
    narrow = re.compile(r"(?=(?i:[elmt])|[JFASOND])(?:" + R.PLAIN[R.MONTH_ALONE] + ")")  # no N, as in "next"
    assert spans(narrow, news_texts()) != spans(R.MONTH_ALONE, news_texts())


def test_dates_of_the_odd_strings_are_found():
    values = {m.value for m in find_dates(ODD[2] + " " + ODD[4], published=None)}
    assert "1987-Q4" in values and "1999-Q4" in values


@pytest.mark.parametrize("rule", range(len(_RULES)), ids=lambda i: _RULES[i][0].pattern[:40])
def test_a_pre_check_skips_no_match(rule):
    pattern, _normalise, words, anchors = _RULES[rule]
    texts = [text for text in news_texts() if pattern.search(text)]
    assert texts, "the sample should exercise the pattern"
    for text in texts:
        assert not words or any(word in text.casefold() for word in words), text[:200]
        assert all(anchor.search(text) for anchor in anchors), text[:200]


def test_a_too_narrow_pre_check_would_be_caught():
    """The check above can fail: 'ies' for 'the Twenties' and the rest is needed, as is the ’ of ’90s."""
    texts = [text for text in news_texts() if R.DECADE.search(text)]
    assert not all(any(word in text.casefold() for word in ("0s", "0's")) for text in texts)
