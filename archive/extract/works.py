"""Works and lists of works (issue 15): titles of films, books, programmes and languages are neither
actors nor places. Each function reads the wording around a name or scans a text once for the lists and
dated titles that make names works ('the films New York Minute and House of Wax', 'directors such as
Carl Foreman (Champion)', 'A Single Man (2009)'); the word lists are data/kinds.json's, compiled in kinds.py.
"""
from __future__ import annotations

import re
from functools import lru_cache

from archive.extract.kinds import (LIST_ITEM, LIST_SEPARATOR, WINDOW, alternatives, data, folded, has_any, is_outlet,
                                   listed, lists)
from archive.extract.names import fold
from archive.extract.places import resolve_place


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
                    and not _POSSESSIVE.match(after) and not _modifies_noun(text, start, end))
                or known.work_definition.match(after)
                or (_YEAR_AFTER.match(after) and known.work_nouns.search(before))
                or (near_before.rstrip().endswith(("is", "was")) and _cues().named_work.search(wide_before) is not None
                    and not _POSSESSIVE.match(after))
                or _published_in(near_before, text, start, end))


_POSSESSIVE = re.compile(r"['’]s?\b")  # "Evelyn Waugh's": the author of the work named next
WORKS_WINDOW = 250  # characters before a 'Title (2005)' in which a word for works makes it one of a list of works
_YEAR_AFTER = re.compile(r"\s*\((?:1[5-9]|20)\d{2}\)")
# A word in lower case after a name, other than the small words a title may stand before ('Alice| in Wonderland').
_NOUN_AFTER = re.compile(r"[ \t]+(?!(?:and|or|in|on|at|by|for|from|to|with|was|is|were|are|has|had|have|which|who|that|"
                         r"as|of|but|than|into|when|where|while|will|would|could|should|can|may|might|also|became|"
                         r"been|being|before|after|since|until|about|not)\b)[a-z]")


def _modifies_noun(text: str, start: int, end: int) -> bool:
    """A common noun after the name makes it a modifier, not a title: 'author of the Demos report' (not 'a
    screening of Fahrenheit 9/11 in Cannes', 'author of Alice in Wonderland'; nor the model's "Bill Cosby's TV|
    cartoon", no name of anything)."""
    return _NOUN_AFTER.match(text, end) is not None and "'s " not in text[start:end]


def _published_in(before: str, text: str, start: int, end: int) -> bool:
    """A journal by what is published in it ('published in Social Science & Medicine', 'writing in the Lancet'),
    not a newspaper (the outlets are actors where they report) nor a possessive ('published in Nature's').
    `before` is the window before the mention."""
    return (has_any(before, ("ublish", "writ", "wrote")) and _cues().published_in.search(before) is not None
            and not _POSSESSIVE.match(text, end) and not _newspaper(text[start:end]))


def _newspaper(name: str) -> bool:
    """An outlet by name or by a word of newspapers' names: 'Reuters', 'the Los Angeles Times', 'Guardian'."""
    return is_outlet(name) or any(word in lists().outlet_words for word in fold(name).split())


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
# Endless Light', 'Social Science & Medicine'), maybe after 'the'; it ends on a capitalised word.
_TITLE_WORD = r"[A-Z0-9][\w'’!?-]*"
_TITLE = re.compile(rf"(?:the[ \t]+)?{_TITLE_WORD}(?:(?:[ \t]+(?:of|the|to|a|an|in|on|at|for|from|with|de|la|le|et|&))*"
                    rf"[ \t]+{_TITLE_WORD})*")


# The small words inside such a title (not 'with', 'for' or 'from', before which people stand: 'co-author of
# The Affair at Styles with Tony Blair').
_INNER = r"(?:of|the|to|a|an|in|on|at|and|de|la|le|et|&)(?:[ \t]+(?:the|a|an))?"

# One creator of a list with the works in brackets after the name: "Manoel de Oliveira (Gebo et l'Ombre)".
_CREATOR_WITH_WORKS = re.compile(rf"{LIST_ITEM.pattern}[ \t]*\((?P<works>[^()\n]{{1,150}})\)")


class _WorkCues:
    """The patterns of this module's own rules, compiled once from data/kinds.json."""

    def __init__(self, words: dict) -> None:
        nouns = words["work_definition_nouns"]
        plurals = [noun if noun.endswith("s") else noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
                   for noun in nouns]
        # 'the most successful of the operas is Rusalka', 'His first novel was Tinder' (not 'the director of
        # the film is Ang Lee': one of several works, or an ordinal or superlative before the noun).
        rank = r"(?:most[ \t]+[\w-]+|best|best-known|[\w-]+est|first|second|third|last|latest|final|debut|one)"
        self.named_work = re.compile(
            rf"(?<![\w-])(?:{rank}[ \t]+(?:of|among)[ \t]+(?:the|his|her|their)[ \t]+(?:[\w-]+[ \t]+)?"
            rf"(?i:{alternatives(plurals)})|(?<!of )(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he)[ \t]+{rank}[ \t]+"
            rf"(?:[\w-]+[ \t]+)?(?i:{alternatives(nouns)}))[ \t]+(?:is|was)[ \t]+(?:[Tt]he[ \t]+)?['‘\"“]?$")
        self.published_in = re.compile(rf"(?i:(?<![\w-])(?:{alternatives(words['publication_words'])}))[ \t]+"
                                       r"(?:the[ \t]+)?['‘\"“]?$")
        self.acting = re.compile(rf"(?i:(?<![\w-])(?:{alternatives(words['acting_words'])})(?![\w-]))")
        # 'appeared … in House of Wax as Wade': a work, then the role played in it.
        self.role = re.compile(rf"(?<![\w-])in[ \t]+(?P<title>{_TITLE.pattern})[ \t]+as[ \t]+(?:the[ \t]+)?[A-Z]")
        # "Jean Cocteau's La Machine Infernale", 'The Lovers (Les Amants, 1959)': a title in its own language
        # ("L'Avventura" too), after a possessive or opening a gloss that ends in a year.
        articles = alternatives(words["title_articles"])
        self.foreign_title = re.compile(rf"(?:['’]s[ \t]+|\()(?P<title>(?:{articles})(?:(?<=['’])|[ \t]+)"
                                        r"(?=[A-Za-z]))")
        self.owner = re.compile(r"(?<![\w'’-])([A-Z][\w-]*)['’]s[ \t]+$")
        self.gloss = re.compile(r"[^()\n]{1,60},[ \t]*(?:1[89]|20)\d\d\)")
        # 'a demonstration of Batman: Arkham VR', 'his textbook Morphology: The Descriptive Analysis of Words'.
        leads = alternatives(words["subtitle_leads"])
        self.subtitled = re.compile(rf"(?i:(?<![\w-])(?:{leads}))[ \t]+(?:the[ \t]+)?"
                                    rf"(?P<title>{_TITLE.pattern}:[ \t]+{_TITLE.pattern})")
        self.subtitle_words = tuple({lead.split()[0] for lead in words["subtitle_leads"]})
        # 'author of Alice in Wonderland', 'a remake of The Wicker Man': a title of several words right after
        # the word that introduces a work (not 'author of the Demos report', nor "adaptation of Waugh's novel").
        intros = alternatives(words["work_intros"])
        self.introduced = re.compile(rf"(?i:(?<![\w-])(?:{intros}))[ \t]+(?:the[ \t]+)?['‘\"“]?"
                                     rf"(?P<title>{_TITLE_WORD}(?:[ \t]+(?:{_INNER}[ \t]+)?{_TITLE_WORD}){{1,5}})")


@lru_cache(maxsize=1)
def _cues() -> _WorkCues:
    return _WorkCues(data())


def work_starts(text: str) -> set[int]:
    """Where a title starts that the wording around it makes a work (one scan of the text each): a role
    played in it ('appeared … in House of Wax as Wade'), a foreign title after its author ("Jean Cocteau's
    La Machine Infernale") or glossing a work ('The Lovers (Les Amants, 1959)') where works are spoken of."""
    return _roles(text) | _foreign_titles(text)


def _roles(text: str) -> set[int]:
    """'in TITLE as ROLE' after an actor's verb in the same sentence ('starred opposite X in Y as Z'; not
    'worked in London as Director')."""
    starts, cues = set(), _cues()
    for role in _ROLE_NAME.finditer(text):  # (the pattern runs only before each ' as Name', which is quick to find)
        for found in cues.role.finditer(text, max(0, role.start() - 100), role.end()):
            sentence = _SENTENCE_END.split(text[max(0, found.start() - 150):found.start()])[-1]
            if cues.acting.search(sentence):
                starts.add(found.start("title"))
    return starts


_ROLE_NAME = re.compile(r" as (?:the )?[A-Z]")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z\"“])")


def _foreign_titles(text: str) -> set[int]:
    """The start of a title in French, Spanish, Italian, German or Dutch after a possessive or in a
    '(Title, 1959)' gloss, where a word for works or acting stands before it ('Berlusconi's Il Popolo' is no work)."""
    cues, starts = _cues(), set()
    for found in cues.foreign_title.finditer(text):
        at = found.start("title")
        owner = cues.owner.search(text, max(0, at - WINDOW), at)
        if owner is None and not (text[found.start()] == "(" and cues.gloss.match(text, at)):
            continue
        if owner is not None and _is_place(owner.group(1)):
            continue  # "Milan's La Scala", "France's Le Figaro": a place's own house or paper
        low = max(0, found.start() - WORKS_WINDOW)
        if lists().work_nouns.search(text, low, found.start()) or cues.acting.search(text, low, found.start()):
            starts |= {at, found.end()}  # (the model may leave the article out: 'Machine Infernale')
    return starts


def _is_place(name: str) -> bool:
    """A gazetteer's place: 'Milan', 'France'."""
    place = resolve_place(name)
    return place is not None and place.gazetteer_id is not None


def introduced_titles(text: str) -> list[tuple[int, int]]:
    """Each title of several words right after a word that introduces a work ('author of Alice in Wonderland',
    'a sequel to The Lion of Judah'): its first name is the work's, whatever the gazetteer knows of it
    ('Alice'); a place after 'in', 'at' or 'on' in it may be where the work was given ('the premiere of Hamlet
    in London'), which `without_titles` keeps when the gazetteer knows it."""
    known = lists()
    if not has_any(folded(text), known.work_intro_words):
        return []
    return [found.span("title") for found in _cues().introduced.finditer(text)
            if _SMALL_INSIDE.search(found.group("title")) and "'s " not in found.group("title")
            and "’s " not in found.group("title") and not _modifies_noun(text, *found.span("title"))]


_SMALL_INSIDE = re.compile(rf"[ \t]{_INNER}[ \t]")  # 'Alice| in |Wonderland' (not 'Tony Blair')


def subtitled_works(text: str) -> list[tuple[int, int]]:
    """Each title with a subtitle after a word for a work ('a demonstration of Batman: Arkham VR', 'his
    textbook Morphology: The Descriptive Analysis of Words'): whatever the model names in it is the work."""
    cues, spans = _cues(), set()
    for colon in _COLON_TITLE.finditer(text):  # (the pattern runs only before each ': Name', which is quick to find)
        low = max(0, colon.start() - 100)
        if has_any(folded(text[low:colon.start()]), cues.subtitle_words):
            spans |= {found.span("title") for found in cues.subtitled.finditer(text, low, colon.end() + 150)}
    return sorted(spans)


_COLON_TITLE = re.compile(r":[ \t]+[A-Z]")
