"""Find 'Long Name (ACR)' definitions in a text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from archive.extract.names import ACRONYM_CONNECTORS, initials

_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")
_WORD = re.compile(r"[\w&'’-]+")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class AcronymDefinition:
    acronym: str
    expansion: str | None  # None when the expansion is not a name ("liquid petroleum gas (LPG)")
    start: int  # offsets of the expansion in the text (or of the acronym when expansion is None)
    end: int


def find_definitions(text: str) -> list[AcronymDefinition]:
    found = []
    for match in _DEFINITION.finditer(text):
        definition = _definition_before(text, match.group(1), match.start())
        if definition is not None:
            found.append(definition)
    return found


def _definition_before(text: str, acronym: str, paren: int) -> AcronymDefinition | None:
    letters = "".join(ch for ch in acronym if ch.isupper())  # 'BoE' is spelled by B, E
    if len(letters) < 2:  # '(Ryan)' after 'Ronaldo and' is a first name, not an acronym of one letter
        return None
    window = text[max(0, paren - 160):paren]
    offset = paren - len(window)
    words = [w for w in _WORD.finditer(window) if w.group(0).strip("-'’")]  # not a lone '--'
    # Try the shortest run of preceding words whose initials spell the acronym.
    for size in range(len(letters), min(len(words), len(letters) + 4) + 1):
        run = words[-size:]
        tokens = [m.group(0).strip("-'’").split("-")[-1] for m in run]
        if tokens[0].lower() in ACRONYM_CONNECTORS or tokens[-1].lower() in ACRONYM_CONNECTORS:
            continue
        if initials(tokens).upper() != letters.upper():
            continue
        start, end = offset + run[0].start(), offset + run[-1].end()
        significant = [t for t in tokens if t.lower() not in ACRONYM_CONNECTORS]
        if all(t[0].isupper() for t in significant):
            first = run[0].group(0)
            if "-" in first:  # 'Russia-led Collective ...': the name starts after the hyphen
                start += first.rfind("-") + 1
            possessive = _POSSESSIVE.search(text, start, end)
            if possessive:  # "Standard & Poor's (S&P)": the name as the model's spans write it elsewhere
                end = possessive.start()
            return AcronymDefinition(acronym, text[start:end], start, end)
        if all(t[0].islower() for t in significant):
            return AcronymDefinition(acronym, None, start, end)
    return None


def lower_case_acronyms(text: str, names: list[str]) -> set[str]:
    """The acronyms among `names` that abbreviate a phrase the text writes in lower case before them or
    as their gloss: 'IDD' after 'iodine deficiency disorders', 'RSS (really simple syndication)', 'PVR
    [personal video recorder]'. Three letters or more, each a word of four letters or more, so that 'in
    the village' spells no 'ITV'; not a phrase only further on ('the CEA' before a 'consumer electronics
    analyst')."""
    found = set()
    for name in {n for n in names if 3 <= len(n) <= 6 and n.isupper() and n.isalpha()}:
        words = r"\s+".join(rf"{letter.lower()}[a-z]{{3,}}" for letter in name)
        phrase = re.search(rf"(?<![\w-]){words}(?![\w-])", text)
        first = text.find(name)
        if phrase and (phrase.start() < first or phrase.start() - (first + len(name)) <= 3):
            found.add(name)
    return found
