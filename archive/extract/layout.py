"""Names placed by the layout of wire copy: datelines and the rows of results tables.

A dateline ("BONN 1996-08-30", "LA CORUNA, Spain, Aug 31 (Reuters)") names a place, even in
capitals that would otherwise be a headline's. Table rows -- "Stoke 4 3 1 0 7 4 10",
"NEW YORK 74 59 .556 -", "Chryste Gaines ( U.S. ) 11.05", "Barnsley 1 Reading 1" -- name
teams and competitors, not places, whatever the city in the name; the venue heading a list
of scores ("Hove : Sussex 363 ...") is a place. Table rules fire only where a text has
several rows, so a figure after a name in running prose ("Boeing 747") does not count.
"""
from __future__ import annotations

import bisect
import re

from archive.extract.dates_rules import MONTHS, WEEKDAYS
from archive.extract.names import NOT_NAMES
from archive.extract.spans import Span, clean

MIN_ROWS = 3  # rows within ROW_WINDOW characters of each other make a table
ROW_WINDOW = 300
DATELINE_WITHIN = 400  # characters from the start: a dateline opens the story
_WORD = r"[A-Z][\w'’.&-]*"
_NAME = rf"{_WORD}(?:\s(?:of|de|da|van|von|'s|{_WORD})){{0,3}}"
_FIGURE = r"(?:\d+(?:[.,/:-]\d+)*|\.\d+)"
_SCORE = r"\d{1,3}(?![\d.,/:-])"
_COUNTRY = r"\(\s?[A-Z][\w.' -]{0,24}?\s?\)"
# A _NAME that no letter, digit or name punctuation precedes. (Its capital is matched before the look back at
# what precedes it: a pattern opening with a character class lets the re module skip to the capitals instead
# of trying every character.)
_NAME_ALONE = rf"[A-Z](?<![\w'’.&-][A-Z])[\w'’.&-]*(?:\s(?:of|de|da|van|von|'s|{_WORD})){{0,3}}"
# A name, an optional country in brackets, then figures: two or more, one after the country,
# one closing a list item ('A. Dale 69 , H. Morris 69 ;'), or a score followed by the other
# side's name and score.
_ROW = re.compile(
    rf"(?P<name>{_NAME_ALONE})(?:\s(?P<country>{_COUNTRY}))?"
    rf"(?=\s{_FIGURE}\s(?:{_FIGURE}|-)(?!\w)|(?(country)\s(?:{_FIGURE}|beat|bt|v|vs)(?!\w)|(?!))"
    rf"|\s{_FIGURE}(?:\snot\sout)?\s?(?:[,;)(]|and\s{_FIGURE})(?!\w)|\s{_SCORE}\s{_NAME}\s{_SCORE}(?!\w))")
# Players: a squad number before the name ('4 - Christian Karembeu'), or a cricket dismissal
# around it ('S. Law c Tillekeratne b Dharmasena 13').
_PLAYER = re.compile(
    rf"(?:(?<![\w.])\d{{1,2}}\s?-\s|(?<=\s)(?:c|b|st)\s)(?P<name>{_NAME})"
    rf"|(?<![\w'’.&-])(?P<batsman>{_NAME})(?=\s(?:c|b|lbw|st|run\sout|not\sout)\s)")
# What a text needs for any player row: a squad number's dash or a cricket dismissal (most texts have neither).
_PLAYER_MARKS = (re.compile(r"\d\s?-\s"), re.compile(r"\s(?:c|b|st|lbw|run\sout|not\sout)\s"))
_INITIAL = re.compile(r"[A-Z]\.\s?[A-Z][a-z]")  # 'W. Athey', 'A.de Silva': a player
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_CAPS = r"[A-Z][A-Z.'’-]+"
# An all-capitals place at the start of a line or sentence, an optional ", Region", then a
# date or a news agency in brackets.
_DATELINE = re.compile(
    rf"(?:^|(?<=[.!?\n])\s*|(?<=[a-z]\s))(?P<name>{_CAPS}(?:\s{_CAPS}){{0,3}})(?:\s?,\s?(?P<region>[A-Z][\w.]*(?:\s[A-Z][\w.]*){{0,2}}))?"
    rf",?\s(?=\d{{4}}-\d\d-\d\d|{_MONTH}\s\d{{1,2}}\b|\(\s?(?:Reuters|AP|AFP|UPI|Xinhua|dpa)\s?\))",
    re.MULTILINE)
# Tried only within the first DATELINE_WITHIN characters: a lazy skip of up to that many before the dateline.
_NEAR_START = re.compile(rf"(?s:.{{0,{DATELINE_WITHIN - 1}}}?)(?P<dateline>{_DATELINE.pattern})", re.MULTILINE)
_VENUE = re.compile(rf"(?P<name>{_NAME_ALONE})(?:\s\(\s?[^()]{{1,30}}\s?\))?\s:\s(?={_NAME}\s{_FIGURE})")
_VENUE_MARK = re.compile(r"\s:\s")  # in every venue's heading
# Words that head a table rather than name a side ('WESTERN DIVISION TEXAS').
_HEADER_WORDS = frozenset([
    "division", "league", "conference", "group", "pool", "table", "standings", "results", "schedule", "round",
    "eastern", "western", "central", "northern", "southern", "american", "national", "premier", "first",
    "second", "third", "fourth", "final", "played", "won", "lost", "drawn", "points", "w", "l", "d", "pct",
    "gb", "pts", "p", "at", "in", "scores", "bowling", "batting", "extras", "total"])
# Rows headed by a date are a calendar or a price series ('March 5 1.23 1.25', 'Soybean May 6.12'), not sides.
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)


def dateline_places(text: str) -> list[tuple[Span, str]]:
    """(place, 'place+') of the datelines of a text: those _DATELINE.finditer finds starting within
    DATELINE_WITHIN characters, without its scan of the whole text (a third of the layout rules' time)."""
    places, position = [], 0
    while (m := _NEAR_START.match(text, position)) is not None and m.start("dateline") < DATELINE_WITHIN:
        places += [(Span(m[group], m.start(group), m.end(group)), "place+")
                   for group in ("name", "region") if m[group] and m[group] not in NOT_NAMES]
        position = m.end()
    return places


def table_names(text: str) -> list[tuple[Span, str]]:
    """(name, vote) of the sides, players and venues of table rows, where at least MIN_ROWS of
    them stand close together: 'organization+' for sides, 'person+' for players, 'place+' for venues."""
    names, patterns = [], [(_ROW, "organization+")]
    # Each pattern scans the whole text: the rarer ones only where their marks are.
    if any(mark.search(text) for mark in _PLAYER_MARKS):
        patterns.append((_PLAYER, "person+"))
    if _VENUE_MARK.search(text):
        patterns.append((_VENUE, "place+"))
    for pattern, vote in patterns:
        for row in pattern.finditer(text):
            group = "batsman" if pattern is _PLAYER and row["batsman"] else "name"
            span = _without_header(text, row.start(group), row.end(group))
            if span:
                names.append((span, "person+" if _INITIAL.match(span.text) else vote))
    starts = sorted(span.start for span, _ in names)
    return [(span, vote) for span, vote in names if _rows_near(starts, span.start) >= MIN_ROWS]


# A match report's line-ups and notes: 'Man City: James, Mills (Bradley Wright-Phillips 83), Dunne, …',
# 'Subs Not Used: Weaver, Onuoha.', 'Booked: Fowler.', 'Goals: Rooney 68, Dunne 75 og.', 'Ref: S Bennett'.
# Each item is a player (the one brought on too); a side's label before a line-up is the side. A side's
# line-up counts only when long (MIN_LINEUP) or with a substitution in it, so no list of towns after a
# colon is read as players.
MIN_LINEUP = 8
_PARTICLE = r"(?:(?:de|da|van|von|der|di|le|la|du)\s)"
_PLAYER_NAME = rf"(?:[A-Z]\.?\s)?{_PARTICLE}?[A-Z][\w'’-]+(?:\s{_PARTICLE}?[A-Z][\w'’-]+){{0,2}}"
_LINEUP_ITEM = re.compile(
    rf"(?P<name>{_PLAYER_NAME})(?:\s\((?:(?P<on>{_PLAYER_NAME})\s)?\d{{1,3}}\)|\s\(captain\)"
    r"|\s\d{1,3}(?:\s(?:og|pen))?(?![\w,.]\d))?")
_LINEUP_SEPARATOR = re.compile(r",\s|\sand\s")
_NOTE_LABEL = re.compile(r"(?<![\w-])(?:Subs(?:titutes)?(?:\s[Nn]ot\s[Uu]sed)?|Booked|Sent\s[Oo]ff|Dismissed|Goals|"
                         r"Scorers|Tries|Ref|Referee):\s")
_SIDE_LABEL = re.compile(rf"(?:^|(?<=[.!?\n\"”]\s)|(?<=\n))(?P<side>{_WORD}(?:\s{_WORD}){{0,2}}):\s", re.MULTILINE)


def lineup_names(text: str) -> list[tuple[Span, str]]:
    """(player, 'person+') of the line-ups and notes of match reports, and (side, 'organization+')."""
    names = []
    if ":" not in text:  # every label ends in one
        return names
    for label in _NOTE_LABEL.finditer(text):
        names += _lineup(text, label.end())[0]
    for label in _SIDE_LABEL.finditer(text):
        players, subs = _lineup(text, label.end())
        if len(players) >= MIN_LINEUP or (len(players) >= MIN_LINEUP // 2 and subs):
            side = label["side"]
            names += players if side in NOT_NAMES else [(Span(side, label.start("side"), label.end("side")),
                                                         "organization+"), *players]
    return names


def _lineup(text: str, position: int) -> tuple[list[tuple[Span, str]], int]:
    """The players of the list that starts at `position`, up to its end ('.', ';' or a line's end), and
    how many substitutions ('Mills (Bradley Wright-Phillips 83)') it has."""
    players, subs = [], 0
    while (item := _LINEUP_ITEM.match(text, position)) is not None:
        subs += item["on"] is not None
        for group in ("name", "on"):
            if item[group] and item[group] not in NOT_NAMES:
                players.append((Span(item[group], item.start(group), item.end(group)), "person+"))
        separator = _LINEUP_SEPARATOR.match(text, item.end())
        if separator is None:
            break
        position = separator.end()
    return players, subs


def _rows_near(starts: list[int], start: int) -> int:
    return bisect.bisect_right(starts, start + ROW_WINDOW) - bisect.bisect_left(starts, start - ROW_WINDOW)


def _without_header(text: str, start: int, end: int) -> Span | None:
    words = list(re.finditer(r"\S+", text[start:end]))
    if any(word.group(0).rstrip(".").lower() in _DATE_WORDS for word in words):
        return None
    keep = 0
    for i, word in enumerate(words):
        if word.group(0).lower() in _HEADER_WORDS:
            keep = i + 1
    if keep >= len(words):
        return None
    first = words[keep]
    return Span(text[start + first.start():end], start + first.start(), end)


# A reference list's line: 'Austen, Jane. Pride and Prejudice', 'Marx, Karl and Engels, Friedrich. The Communist
# Manifesto (solo)'. Each author is a person written surname first; the rest of the line is the work's title.
_GIVEN = r"[A-Z][\w'’-]*\.?(?:[ \t][A-Z][\w'’-]*\.?){0,2}"
_AUTHOR = rf"(?P<@sur>[A-Z][\w'’-]+),[ \t](?P<@given>{_GIVEN})"
_REFERENCE = re.compile(rf"^{_AUTHOR.replace('@', 'a')}(?:[ \t](?:and|&)[ \t]{_AUTHOR.replace('@', 'b')})?\.[ \t]+"
                        r"(?P<title>[A-Z\"“'‘][^\n]{2,200})$", re.MULTILINE)
MIN_REFERENCES = 2  # lines of a reference list close together (ROW_WINDOW): one alone may be prose


def reference_names(text: str) -> tuple[list[tuple[Span, str]], list[tuple[int, int]]]:
    """The authors of a reference list's lines as people ('Jane Austen' for 'Austen, Jane'), and the span of
    each line's title, whose names are the work's (the 'London' of 'London, Jack. White Fang' is no place)."""
    lines = list(_REFERENCE.finditer(text))
    starts = [line.start() for line in lines]
    authors, titles = [], []
    for line in lines:
        if _rows_near(starts, line.start()) < MIN_REFERENCES:
            continue
        for author in ("a", "b"):
            if line[author + "sur"]:
                name = f"{line[author + 'given'].rstrip('.')} {line[author + 'sur']}"
                authors.append((Span(name, line.start(author + "sur"), line.end(author + "given")), "person+"))
        titles.append(line.span("title"))
    return authors, titles


def with_layout_names(text: str, candidates: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Candidates with dateline and table-row names given a strong vote, replacing the model's
    spans that overlap them; a row name the model calls a person stays a person. The authors of a
    reference list are people, and what the model names in its titles is no candidate."""
    authors, titles = reference_names(text)
    if titles:
        candidates = [(span, vote) for span, vote in candidates
                      if not any(low < span.end and span.start < high for low, high in titles)]
    names = authors + dateline_places(text) + lineup_names(text) + table_names(text)  # (a player before a side)
    if not names:
        return candidates
    exact = {(n.start, n.end) for n, _ in names}
    kept = []
    for span, vote in candidates:
        first = min((n.start for n, _ in names if n.start < span.end and span.start < n.end), default=None)
        if first is None or (vote.startswith("person") and (span.start, span.end) in exact):
            kept.append((span, vote))
        elif first > span.start and (head := clean(text, span.start, first)):
            kept.append((head, vote))  # 'Jim Adams WASHINGTON': the byline before a dateline
    people = [s for s, vote in candidates if vote.startswith("person")]
    taken = {(s.start, s.end) for s, _ in kept}
    for span, vote in names:
        if (span.start, span.end) not in taken:
            # a side or a player? the model's person label decides ('Drogba 60 ,' is a scorer)
            if vote == "organization+" and any(p.start < span.end and span.start < p.end for p in people):
                vote = "person+"
            kept.append((span, vote))
            taken.add((span.start, span.end))
    return kept
