"""Whether the wording uses a name as a place (issue 15), on the word lists of kinds.py: a road by
its number ('the M18 eastbound'), a place after the words that lead one ('in Torbay', 'visits
Manchester, Liverpool and Dorset'), a town's name used as its club's ('Chelsea boss'), a name no
gazetteer knows ('in Coron', 'flights to the Chathams'), and the text's own definitions ('Hadibo
is a small town', 'cities like Kraków, Warsaw and Wrocław')."""
from __future__ import annotations

import re

from archive.extract.kinds import LIST_ITEM, WINDOW, has_any, is_place_name, listed, lists


def used_as_road(name: str, text: str, start: int, end: int) -> bool:
    """A British road by its number ('the A19', 'the M18 eastbound') where road words stand near it:
    the number alone may be an aircraft ('A380'), a rifle ('M16') or a paper size ('A4')."""
    return bool(_ROAD_NUMBER.fullmatch(name) and _ROAD_WORDS.search(
        text, max(0, start - WINDOW), min(len(text), end + WINDOW)))


_ROAD_NUMBER = re.compile(r"[ABM]\d{1,4}(?:\(M\)|M)?")
_ROAD_WORDS = re.compile(r"(?i)\b(?:junction|motorway|road|roads|dual carriageway|roundabout|slip road|"
                         r"(?:north|south|east|west)bound|traffic|drive|driving|links?|connects?|connections?)\b")


def used_as_place(text: str, start: int, end: int) -> bool:
    """The wording uses the mention as a place: 'in Torbay', 'visits Manchester', 'London-based', or
    it stands in a list that such words lead ('visits Manchester, Liverpool, Dorset and Torbay').
    A list alone proves nothing: 'Essex, Derbyshire and Surrey all closed in on victory' are teams."""
    if lists().place_after.match(text, end, end + WINDOW):
        return True
    head = start
    while (previous := _LIST_BEFORE.search(text, max(0, head - WINDOW), head)) is not None:
        head = previous.start()
    before = text[max(0, head - WINDOW):head]
    return bool(lists().place_before.search(before) or lists().place_list_before.search(before))


# An earlier item of a list of names, right before the mention: 'Leicester, ', 'Dorset and '.
_LIST_BEFORE = re.compile(r"(?<![\w'’.-])[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2}(?:,|\s+and|\s+or)\s+$")


def used_as_club(text: str, start: int, end: int) -> bool:
    """A town's name used as its sports club's: 'Chelsea boss', "Chelsea's squad", 'signed for
    Chelsea', 'beat Chelsea', and British English's plural verb ('Chelsea have'), unless the name
    ends a list ('Paris and London are')."""
    known = lists()
    after = text[end:end + WINDOW]
    if not known.club_after.match(after):
        return bool(known.club_before.search(text[max(0, start - WINDOW):start]))
    plural_verb = re.match(r"\s+(?:have|are|were)\b", after) is not None
    return not (plural_verb and re.search(r"(?:,|\band|\bor|&)\s*$", text[max(0, start - 10):start]))


def used_as_unknown_place(text: str, start: int, end: int) -> bool:
    """Stricter, for a name no gazetteer knows: 'in Coron', 'the island of Socotra' (not 'from',
    which people and companies follow as often: 'a letter from Smith'; not a possessive: 'in Smith's view')."""
    if re.match(r"['’]s?\b", text[end:end + 2]):
        return False
    before = text[max(0, start - WINDOW):start]
    return bool(lists().unknown_place_before.search(before) or travelled_to(text, start)
                or (_FROM.search(before) and _ROUTE_FROM.match(text, end, end + WINDOW)))


def travelled_to(text: str, start: int) -> bool:
    """The end of a journey: 'flights to X', 'travel to the X', 'the bus from Hadibo to X'."""
    before = text[max(0, start - WINDOW):start]
    return bool(lists().travel_before.search(before) or _ROUTE_TO.search(before))


# Both ends of a route: 'a bus from Hadibo to Qalansia', 'the road from the airport to Hadibo'.
_FROM = re.compile(r"(?<![\w-])from\s+$")
_ROUTE_FROM = re.compile(r"\s+to\s+(?:the\s+)?[A-Z][\w'’-]+")
_ROUTE_TO = re.compile(r"(?<![\w-])from\s+(?:the\s+)?(?:[A-Z][\w'’-]+|airport|port|harbour|harbor|station|city|town)"
                       r"(?:\s+[A-Z][\w'’-]+)?\s+to\s+$")


def place_definitions(text: str) -> set[int]:
    """Where the text says the name is a place: the end of each such name. A definition after it
    ('Hadibo| is a small town', 'Coron|, a municipality in Palawan', 'Langeland| is an island'; not
    'Smith, a city official'), or a list that a word for places leads ('cities like Kraków|, Warsaw|
    and Wrocław|', 'exurbs such as Apache Junction|'), or the noun for a place before it ('the town of
    Yeoncheon|', 'the port of Mukalla|')."""
    known = lists()
    defined = {match.start() for match in known.place_definition.finditer(text)}
    glossed = {match.start() for match in _GLOSS.finditer(text)
               if is_place_name(match.group("gloss") or match.group("other"))}
    if has_any(text, known.place_list_words):
        defined |= listed(text, known.place_list, LIST_ITEM)
    if has_any(text.casefold(), known.place_called_words):
        defined |= listed(text, known.place_called, LIST_ITEM)
    # (the one name after 'the town of', not a list: 'the port of Salina Cruz, Ayala said')
    defined |= {name.end() for lead in known.place_of.finditer(text) if (name := LIST_ITEM.match(text, lead.end()))}
    return defined | glossed


# Another name of the same thing right after it, which says it is a place: 'Ālī Qāpū (The Royal
# Palace)', 'Hasht Behesht (The Palace of Eight Paradises)', 'Zócalo or Main Plaza,', 'Sydfynske Øhav,
# the South Funen Archipelago,'.
_GLOSS_NAME = r"[A-Z][\w'’-]*(?:[ \t]+(?:of[ \t]+|the[ \t]+)*[A-Z][\w'’-]*)*"
# (The first character is matched first, then told apart by looking back at it: a pattern opening with a
# character class lets the re module skip to the spaces and commas instead of trying every character.)
_GLOSS = re.compile(rf"[ \t,](?:(?<=[ \t])[ \t]*\((?:[Tt]he[ \t]+)?(?P<gloss>{_GLOSS_NAME})\)"
                    rf"|(?:(?<=[ \t])[ \t]*or|(?<=,)[ \t]+the)[ \t]+(?:the[ \t]+)?(?P<other>{_GLOSS_NAME})(?=[,.;)]))")


def ends_in_title(name: str) -> bool:
    """A name that ends in a title or an office ('the Orange Prince', 'the Fisher King'): an epithet or a work's
    title, no place, where no gazetteer knows it and no wording places it."""
    words = name.split()
    return len(words) > 1 and (words[-1] in lists().honorifics or words[-1] in lists().office_nouns)
