"""Candidate name spans of one article, before clustering.

spaCy's entities are cut into names at the seams the model runs over (' - ', brackets,
scores and figures: 'Romania - Cosmin Contra', 'Durham 114'), trailing lower-case words go
('Interfax news agency'), and a headline in capitals counts only when the same name is
written normally elsewhere or is a well-known place. Then come the names the model missed:
well-known places (countries, capitals, big cities, also in capitals) and gazetteer places
after 'in', 'from', 'near'...
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from archive.extract.kinds import is_place_name
from archive.extract.names import NOT_NAMES, ORG_WORDS, PERSON_TITLES, fold, is_acronym
from archive.extract.places import is_well_known, resolve_place

LABEL_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
              "NORP": "nationality"}
NAME_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "al", "el", "bin", "ibn", "le", "la"}
PLACE_WORDS = r"in|from|to|at|near|outside|across|visited|via|into|towards?|around"
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
# Punctuation, a possessive, or a dangling 'and'/'or' ('Ronaldo and' before '(Ryan) Giggs') ending a span.
_TRAILING = re.compile(r"(?:['’]s?|[\s.,;:!?\"'’”“()\[\]-]|(?<=\s)(?:and|or)(?=\s*$))+$")
_LEADING_PUNCT = re.compile(r"^[\s.,;:!?\"'’”“()\[\]-]+")
# Where one name ends inside a model span: a paragraph break (a headline above the first line),
# a spaced dash, brackets, quotes, a number or score.
_SEAM = re.compile(r"\n\s*\n|\s[-–—]+\s|[()\[\]/:;|\"“”*+=]|(?<!\S)[\d.,:/+-]*\d[\d.,:/+-]*(?!\S)")
_WORD = re.compile(r"\S+")
_PLACE_CONTEXT = re.compile(rf"\b(?:{PLACE_WORDS})\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\b")
# (The capital before the look back at what precedes it: a pattern opening with a character class lets the re
# module skip to the capitals instead of trying every character.)
_RUN = re.compile(r"[A-Z](?<![\w'’.-][A-Z])[\w'’.&-]*(?:[ ](?:of|and|the|[A-Z][\w'’.&-]*))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n\"“]\s*)$")
_MAX_WORDS = 4


@dataclass
class Span:
    text: str
    start: int
    end: int


def candidate_spans(text: str, doc, definitions) -> list[tuple[Span, str]]:
    """(span, vote) pairs: spaCy's entities cleaned, acronym expansions, then gazetteer finds."""
    spans = []
    for ent in doc.ents:
        kind = LABEL_KIND.get(ent.label_)
        for span in pieces(text, ent.start_char, ent.end_char) if kind else ():
            if kind == "nationality":  # spaCy's NORP for 'Tajikistan' (a demonym is dropped)
                if is_well_known(span.text, cities=False):
                    spans.append((span, "place"))
            elif not shouted(span.text) or confirmed(text, span):
                span = _with_purpose(text, span) if kind == "organization" else span
                span = _without_slogan(text, span) if kind == "person" else span
                spans.append((span, vote(text, span, kind)))
    for definition in definitions:
        if definition.expansion:
            spans.append((Span(definition.expansion, definition.start, definition.end), "organization"))
    born = _born_names(text, [span for span, _kind in spans])
    if born:  # the whole name replaces the model's pieces of it ('Wyatt Holt' of 'Brock Wyatt Holt')
        spans = [(s, k) for s, k in spans if not any(b.start <= s.start and s.end <= b.end for b, _k in born)] + born
    return spans + gazetteer_spans(text, [span for span, _kind in spans])


def _without_slogan(text: str, span: Span) -> Span:
    """A campaign's call is no part of the name it calls for: 'Vote Blair, Get Brown' are Tony Blair's and
    Gordon Brown's surnames where the text names them in full ('Vote Leave', a campaign's own name, stays)."""
    call = _SLOGAN.match(span.text)
    if call is None:
        return span
    rest = span.text[call.end():]
    full = re.search(rf"(?<![\w'’-])(?!(?:{_CALLS})\s)[A-Z][\w'’-]+\s+{re.escape(rest)}(?![\w-])", text)
    return Span(rest, span.start + call.end(), span.end) if full else span


_CALLS = r"Vote|Elect|Re-elect|Re-Elect|Reelect|Get"
_SLOGAN = re.compile(rf"(?:{_CALLS})\s+(?=[A-Z])")


def without_countries(candidates: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """A person's name of two words or more with a country after it is the person and the country:
    'Filippo Volandri of Italy' (a results row, or the model's span). Not 'Catherine of Aragon'."""
    found = []
    for span, kind in candidates:
        country = _OF_PLACE.search(span.text) if kind.startswith("person") else None
        if country and len(span.text[:country.start()].split()) > 1 and is_well_known(country[1], cities=False):
            found.append((Span(span.text[:country.start()], span.start, span.start + country.start()), kind))
            found.append((Span(country[1], span.end - len(country[1]), span.end), "place"))
        else:
            found.append((span, kind))
    return found


_OF_PLACE = re.compile(r"\s+of\s+([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*)$")


# A full name right before a birth in brackets, which only a person has: 'Brock Wyatt Holt (born
# June 11, 1988)', 'Maria Callas (b. 1923)'. The model misses such names where they open a biography.
_BORN = re.compile(r"(?<![\w'’.-])([A-Z][\w'’-]+(?:\s(?:[A-Z][\w'’-]*\.?|de|van|von|da|di|del|der|bin|al)){1,4})"
                   r"\s\(\s*(?:born|b\.|née|né)\s")


def _born_names(text: str, found: list[Span]) -> list[tuple[Span, str]]:
    """Names before a birth in brackets, whole, as a person's (a '+' vote), however the model cut or labelled them."""
    spans = []
    if not ("(born" in text or "(b." in text or "(n" in text or "( born" in text):
        return spans  # most texts: the pattern's scan skipped
    for match in _BORN.finditer(text):
        start, end = match.span(1)
        if any(s.start < end and start < s.end and not (start <= s.start and s.end <= end) for s in found):
            continue  # a span of the model's across the name's edge stands
        span = clean(text, start, end)
        if span:
            spans.append((span, "person+"))
    return spans


# What an institution is for, which the model often leaves off its name: 'Andy Warhol Foundation
# for the Visual Arts', 'Institute for Fiscal Studies', 'Center for Advanced Study'.
_PURPOSE = re.compile(r" for (?:the )?[A-Z][\w'’-]*(?: (?:and |& |of |the )*[A-Z][\w'’-]*){0,3}")
# Not ORG_WORDS: 'Member of Parliament for Sheffield Brightside' names no 'Parliament for ...'.
_INSTITUTIONS = {"foundation", "institute", "center", "centre", "council", "society", "fund", "trust", "commission",
                 "office", "agency", "association", "museum", "school", "college", "coalition", "campaign", "alliance",
                 "committee", "league", "federation", "union", "organisation", "organization", "network", "board"}


def _with_purpose(text: str, span: Span) -> Span:
    """An institution's name with the 'for ...' after it."""
    words = span.text.split()
    if not words or words[-1].lower() not in _INSTITUTIONS:
        return span
    match = _PURPOSE.match(text, span.end)
    if match is None or any(word.lower() in ORG_WORDS for word in match.group(0).split()):
        return span  # 'the Wolstein Center for the Cleveland State University Vikings' is the arena
    return Span(text[span.start:match.end()], span.start, match.end())


def pieces(text: str, start: int, end: int) -> list[Span]:
    """The names inside a model span, cut at its seams and cleaned."""
    found, position = [], start
    for seam in list(_SEAM.finditer(text, start, end)) + [None]:
        stop = seam.start() if seam else end
        span = _trim_words(text, position, stop)
        if span:
            found.append(span)
        position = seam.end() if seam else end
    return found


def _trim_words(text: str, start: int, end: int) -> Span | None:
    """Drop lower-case words at the ends ('Interfax news agency'), keeping name particles inside."""
    words = list(_WORD.finditer(text, start, end))
    while words and _lower(words[-1].group(0)) and not (
            words[-1].group(0) == "party" and len(words) > 1 and not _lower(words[-2].group(0))):
        words.pop()  # but 'the Republican party' is the Republican Party, not a Republican
    while words and _lower(words[0].group(0)) and words[0].group(0) not in NAME_PARTICLES:
        words.pop(0)
    return clean(text, words[0].start(), words[-1].end()) if words else None


def _lower(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return not letters or letters[0].islower()


def clean(text: str, start: int, end: int) -> Span | None:
    """Strip a leading 'the', a possessive and surrounding punctuation."""
    raw = text[start:end]
    lead = _LEADING.match(raw) or _LEADING_PUNCT.match(raw)
    if lead:
        start += lead.end()
    trail = _TRAILING.search(text[start:end])
    if trail and not text[start:end].endswith("."):
        end = start + trail.start()
    if end <= start:
        return None
    return Span(text[start:end], start, end)


def shouted(name: str) -> bool:
    """Capitals that are not an acronym: a headline ('AMERICAN LEAGUE', 'LEICESTERSHIRE')."""
    letters = [ch for ch in name if ch.isalpha()]
    return all(ch.isupper() for ch in letters) and (len(letters) > 6 or (len(name.split()) > 1 and len(letters) > 4))


def confirmed(text: str, span: Span) -> bool:
    """A name in capitals is kept when the text also writes it normally, or it is a known place."""
    for match in re.finditer(rf"(?<![\w-]){re.escape(span.text)}(?![\w-])", text, re.IGNORECASE):
        if match.group(0) != match.group(0).upper():
            return True
    return is_well_known(span.text)


# What follows only a person's name: a birth ('Brock Holt (born June 11, 1988)', ', born in Leeds'),
# an age ('John Smith, 45, was arrested', ', aged 45,').
_PERSON_AFTER = re.compile(r"\s*(?:\(\s*(?:born|b\.)\s|,\s*(?:who\s+was\s+)?born\s|\s*was\s+born\s"
                           r"|,\s*(?:aged\s+)?\d{1,3}\s*,)")
# A citation of an author by surname: '(Martin, 2000)', '(Laws, 2016; Martin & Clarke, 2017)', 'Smith et al.'
# (a company in a case's name may have 'et al.' too: 'Atlantic Lottery Corporation, Inc. et al.').
_CITED = re.compile(r"(?:\(|;\s|&\s|\band\s)$")
_CITATION_AFTER = re.compile(r",?\s+(?:1[89]|20)\d{2}[a-z]?\s*[;),:]")
_ET_AL = re.compile(r"\s+et\s+al\b")
_BY_AUTHOR = re.compile(r"\bby\s+$")  # 'popularized by Henry Jenkins (2006)'
_YEAR_CITED = re.compile(r"\s*\((?:1[5-9]|20)\d{2}[a-z]?\)")


def vote(text: str, span: Span, kind: str) -> str:
    """A title before the name makes a person, org words an organisation, 'in X' a place;
    a '+' marks a vote from the wording, stronger than the model's label."""
    before = text[max(0, span.start - 30):span.start]
    words = before.split()
    if (words and words[-1].lower() in PERSON_TITLES or _PERSON_AFTER.match(text, span.end)) and not is_place_name(
            span.text):  # 'Sheikh Lotf Allah Mosque' is the mosque
        return "person+"
    if not is_acronym(span.text) and not any(word.lower() in ORG_WORDS for word in span.text.split()) and (
            _ET_AL.match(text, span.end) or (
            _CITED.search(before) and _CITATION_AFTER.match(text, span.end) and _inside_brackets(text, span.start))
            or (_BY_AUTHOR.search(before) and _YEAR_CITED.match(text, span.end))):
        return "person+"
    place = resolve_place(span.text)
    known = place is not None and place.gazetteer_id is not None
    # 'jobs at Google': a city's alternate name ('Google', Topeka's for a month in 2010; 'USI' for
    # Wuxi) makes no place of a name the model read as something else.
    if known and kind != "place" and fold(place.name) != fold(span.text):
        known = False
    if known and re.search(rf"\b(?:{PLACE_WORDS})\s+(?:the\s+)?$", before):
        return "place+"
    if any(word.lower() in ORG_WORDS for word in span.text.split()):
        # 'West Bank' is a place that spaCy saw as one; 'Bank of England' resolves to nothing.
        return kind if kind == "place" and known and place.kind != "city" else "organization+"
    return kind


def _inside_brackets(text: str, position: int) -> bool:
    """An opening bracket not yet closed on the line before `position`."""
    line = text[text.rfind("\n", 0, position) + 1:position]
    return line.rfind("(") > line.rfind(")")


def gazetteer_spans(text: str, found: list[Span]) -> list[tuple[Span, str]]:
    """Places the model missed: well-known names standing alone, gazetteer places after 'in'."""
    taken = [(s.start, s.end) for s in found]
    spans = []
    for span in _context_places(text) + _known_places(text):
        if not any(start < span.end and span.start < end for start, end in taken):
            spans.append((span, "place"))
            taken.append((span.start, span.end))
    return spans


def _context_places(text: str) -> list[Span]:
    spans = []
    for match in _PLACE_CONTEXT.finditer(text):
        place = resolve_place(match.group(1))
        if place is not None and place.gazetteer_id and place.kind != "other":
            spans.append(Span(match.group(1), *match.span(1)))
    return spans


def _known_places(text: str) -> list[Span]:
    """A run of capitalised words that is exactly a well-known place (its first word may be a
    sentence opener); in capitals, any run of words in it ('CRICKET - SRI LANKA WIN')."""
    spans = []
    for run in _RUN.finditer(text):
        if run.group(0) == run.group(0).upper():
            spans += _known_in(text, list(_WORD.finditer(text, run.start(), run.end())))
            continue
        words = run.group(0).split(" ")  # a run's words are apart by single spaces
        starts = [0, 1] if _SENTENCE_START.search(text[max(0, run.start() - 3):run.start()]) else [0]
        for first in starts:
            if first >= len(words) or len(words) - first > _MAX_WORDS:
                continue
            span = clean(text, run.start() + sum(len(word) + 1 for word in words[:first]), run.end())
            if span and span.text not in NOT_NAMES and is_well_known(span.text):
                spans.append(span)
                break
    return spans


def _known_in(text: str, words: list[re.Match]) -> list[Span]:
    spans, i = [], 0
    while i < len(words):
        for size in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            span = clean(text, words[i].start(), words[i + size - 1].end())
            if span and len(span.text) > 3 and span.text not in NOT_NAMES and is_well_known(span.text):
                spans.append(span)
                i += size - 1
                break
        i += 1
    return spans


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """(start, end) where the name recurs as written, or in capitals (a headline: 'TOKAYEV'),
    as a whole word: no letter, digit, underscore or hyphen on either side.

    str.find, not a regex per name: compiling one pattern per name and text cost more than the
    search (the re module's cache holds only 512 patterns)."""
    found = []
    for form in ({name, name.upper()} if len(name) > 3 else {name}):
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            if not (_joins(text, start - 1) or _joins(text, end)):
                found.append((start, end))
            start = text.find(form, start + 1)
    return found


def _joins(text: str, index: int) -> bool:
    """Whether the character at index would make a match part of a longer word."""
    if not 0 <= index < len(text):
        return False
    char = text[index]
    return char.isalnum() or char in "_-"
