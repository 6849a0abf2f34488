"""Works and lists of works (issue 15): titles of films, books, programmes and languages are neither
actors nor places. Each function reads the wording around a name or scans a text once for the lists and
dated titles that make names works ('the films New York Minute and House of Wax', 'directors such as
Carl Foreman (Champion)', 'A Single Man (2009)'); the word lists are data/kinds.json's, compiled in kinds.py.
"""
from __future__ import annotations

import re

from archive.extract.kinds import LIST_ITEM, LIST_SEPARATOR, WINDOW, folded, has_any, listed, lists


def thing_context(text: str, start: int, end: int) -> bool:
    """Words around the mention that make it a title, an award or a product: 'the film Sideways',
    'won an Oscar', 'Oscar-winning', 'the Today programme', 'the Windows operating system', or a year
    in brackets after it in a list of works ('films like Match Point (2005), A Single Man (2009)')."""
    before, after = text[max(0, start - WORKS_WINDOW):start], text[end:end + WORKS_WINDOW]
    known = lists()
    near_before, wide_before = before[-WINDOW:], before[-2 * WINDOW:]
    # (The wide patterns run only where their words are: an author's possessive, the word of an introduction.)
    return bool(known.thing_before.search(near_before) or known.winning.search(near_before)
                or known.thing_after.match(after[:WINDOW])
                or (has_any(wide_before, ("'s", "’s")) and known.possessive_work.search(wide_before))
                or (has_any(folded(wide_before), known.work_intro_words) and known.work_intro.search(wide_before)
                    and not _POSSESSIVE.match(after))
                or known.work_definition.match(after)
                or (_YEAR_AFTER.match(after) and known.work_nouns.search(before)))


_POSSESSIVE = re.compile(r"['’]s?\b")  # "Evelyn Waugh's": the author of the work named next
WORKS_WINDOW = 250  # characters before a 'Title (2005)' in which a word for works makes it one of a list of works
_YEAR_AFTER = re.compile(r"\s*\((?:1[5-9]|20)\d{2}\)")


def listed_works(text: str) -> set[int]:
    """The end of each title in a list that a word for works leads ('the films New York Minute| and
    House of Wax|'; 'films, including Silent Witness|, Close to Home|'). One scan of the text."""
    known = lists()
    return listed(text, known.work_list, _TITLE) if has_any(text, known.work_list_words) else set()


def listed_languages(text: str) -> set[int]:
    """The end of each name in a list of languages ('speakers of Kujireray| and Baïnounk Gubëeher|')."""
    known = lists()
    if not has_any(text, known.language_leads):
        return set()
    return listed(text, known.language_list, LIST_ITEM)


def works_after_creators(text: str) -> list[tuple[int, int]]:
    """The brackets that hold each creator's works in a list of creators ('directors such as Michelangelo
    Antonioni (La notte and Beyond the Clouds), Rainer Werner Fassbinder (Querelle), …', 'artists such as
    Ludacris (Stand Up)'): whatever is named inside them is a title. (Only after such a lead: 'Blair
    (Labour), Howard (Conservative)' bracket parties.)"""
    known = lists()
    if "(" not in text or not has_any(text, known.creator_leads):
        return []
    brackets = []
    for lead in known.creator_list.finditer(text):
        position = lead.end()
        while (item := _CREATOR_WITH_WORKS.match(text, position)) is not None:
            brackets.append(item.span("works"))
            separator = LIST_SEPARATOR.match(text, item.end())
            if separator is None:
                break
            position = separator.end()
    return brackets


def dated(text: str) -> set[int]:
    """Where a year in brackets follows: the end of what stands before each '(2009)' (one quick scan)."""
    ends = set()
    for found in _YEAR.finditer(text):
        end = found.start()
        while end and text[end - 1].isspace():
            end -= 1
        ends.add(end)
    return ends


_YEAR = re.compile(r"\((?:1[5-9]|20)\d{2}\)")


def cut_title(text: str, start: int, end: int) -> bool:
    """The mention is the end of a title that a list of works dates, cut by the model: 'A Single |Man|
    (2009)' in 'film roles include The Lookout (2007), A Single Man (2009)'. (The whole title is the
    work; a place's name alone there, 'Paris (2009)', is not cut from anything.)"""
    if not _YEAR_AFTER.match(text, end):
        return False
    title = _TITLE_WORD_BEFORE.search(text, max(0, start - WINDOW), start)
    if title is None:
        return False
    prior = text[max(0, title.start() - 3):title.start()].rstrip(" \t")[-1:]  # no sentence's first words ('In')
    return (prior.islower() or prior in (",", ";", ":", "(")) and lists().work_nouns.search(
        text, max(0, start - WORKS_WINDOW), start) is not None


# The words of a title before its cut end: 'A Single ', 'Midnight in ' (not "Potter's ", an author's).
_SMALL_WORDS = r"(?:(?:of|the|to|a|an|in|on|at|for|from|with|and)[ \t]+)*"
_TITLE_WORD_BEFORE = re.compile(rf"(?<![\w'’.-])[A-Z][\w’-]*(?:[ \t]+{_SMALL_WORDS}[A-Z][\w’-]*)*"
                                rf"[ \t]+{_SMALL_WORDS}$")


def thing_suffixes(text: str) -> list[int]:
    """Where the text joins a thing's word to a word before it: the '-' of 'Chitonga-speaking', 'Bafta-winning'."""
    return [found.start() for found in lists().thing_suffix.finditer(text)
            if found.start() and text[found.start() - 1].isalnum()]


def written_with_thing_suffix(text: str, name: str, suffixes: list[int]) -> bool:
    """The name stands before one of those joins ('Chitonga|-speaking'), as a whole word."""
    return any(text.endswith(name, 0, at) and (at == len(name) or not (
        text[at - len(name) - 1].isalnum() or text[at - len(name) - 1] in "_-")) for at in suffixes)


# A title: capitalised words with the small words of titles between them ('Close to Home', 'A Ring of
# Endless Light'), maybe after 'the'; it ends on a capitalised word.
_TITLE_WORD = r"[A-Z0-9][\w'’!?-]*"
_TITLE = re.compile(rf"(?:the[ \t]+)?{_TITLE_WORD}(?:(?:[ \t]+(?:of|the|to|a|an|in|on|at|for|from|with|de|la|le|et))*"
                    rf"[ \t]+{_TITLE_WORD})*")


# One creator of a list with the works in brackets after the name: "Manoel de Oliveira (Gebo et l'Ombre)".
_CREATOR_WITH_WORKS = re.compile(rf"{LIST_ITEM.pattern}[ \t]*\((?P<works>[^()\n]{{1,150}})\)")
