"""Names written as names, not of their bearers (issue 15): 'her pen name, Ichiyo Higuchi', 'the name
"Marbles" comes from her dog', 'the city was renamed to Litzmannstadt', 'Bandial is the name used by
Ethnologue'. Such a mention is of the name itself; the bearer's other mentions keep it. The word
lists are data/kinds.json's (name_nouns, naming_verbs, ...), compiled with the others in kinds.py.
"""
from __future__ import annotations

import re

from archive.extract.kinds import LIST_ITEM, WINDOW, lists


def named_names(text: str) -> tuple[set[int], set[int]]:
    """Where the text writes a name as a name rather than of its bearer: the start of each name that a
    word for names leads ('her pen name, Ichiyo Higuchi', 'the name "Marbles" comes from', 'renamed to
    Litzmannstadt', 'changing his first name from Pierre to Peter'), and the end of each that such words
    follow ('Bandial is the name used by Ethnologue'). Not 'known as' or 'known by her pseudonym …', which
    name the bearer. The patterns run only near the words for names, which str finds quickest."""
    starts, ends = set(), set()
    for low, high in _around_names(text):
        starts |= _named_after_words(text, low, high)
        ends |= {found.start() for found in _NAME_AFTER.finditer(text, low, high)}
    return starts, ends


def _around_names(text: str) -> list[tuple[int, int]]:
    """Stretches of the text around each word for names, two windows either side, overlaps joined.
    (Lower case may shift a rare letter's offsets, 'İ': the windows are wide enough not to mind.)"""
    lower, stretches = text.lower(), []
    for at in sorted(at for hint in _NAMING_HINTS for at in _finds(lower, hint)):
        low, high = max(0, at - 2 * WINDOW), min(len(text), at + 2 * WINDOW)
        if stretches and low <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], high)
        else:
            stretches.append((low, high))
    return stretches


def _finds(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at != -1:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _named_after_words(text: str, low: int, high: int) -> set[int]:
    """The start of each name a word for names leads, between low and high."""
    known, starts = lists(), set()
    for found in known.naming.finditer(text, low, high):
        head = found.start()
        if found.group("noun"):
            qualifier = known.name_qualifier.search(text, max(0, head - WINDOW), head)
            if qualifier is None or (found.group("comma") and found.group("noun").lower().startswith("name")
                                     and not known.name_kind_before.search(text, qualifier.start(), head)):
                continue
            head = qualifier.start()
        if not known.known_by.search(text[max(0, head - WINDOW):head]):
            starts.add(found.end())
    for found in _RENAMED.finditer(text, low, high):
        sentence = text[max(0, found.start() - 2 * WINDOW):found.start()].rsplit(".", 1)[-1]
        if found.group(1).lower().startswith("chang") and "name" not in sentence:
            continue  # 'changed from Labour to Tory' changes no name; 'the name … was changed from X to Y' does
        starts.add(found.end())
        old = LIST_ITEM.match(text, found.end())
        new = old and _RENAMED_TO.match(text, old.end())
        if new:
            starts.add(new.end())
    return starts


_NAMING_HINTS = ("name", "nym", "alias", "moniker", "christen")  # in every word the naming patterns begin with
_RENAMED = re.compile(r"(?<![\w-])((?i:names?|renamed|re-named|changed|changing))[ \t]+from[ \t]+[\"“‘']?(?=[A-Z])")
_RENAMED_TO = re.compile(r"[\"”’']?[ \t]+to[ \t]+[\"“‘']?(?=[A-Z])")
_NAME_AFTER = re.compile(r"(?<=[\w.])[\"”’']?[ \t]+(?:is|was)[ \t]+(?:also[ \t]+|both[ \t]+)?"
                         r"(?:the|a|an|his|her|its|their)[ \t]+(?:[a-z]+[ \t]+)?name[ \t]+(?:of|used|given)\b")
