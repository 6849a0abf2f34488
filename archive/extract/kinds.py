"""What kind of thing a name is, from the words around it (issue 15).

Four questions the entity rules ask of a name and its mentions, each answered from evidence
in the text and from word lists shipped in data/kinds.json (not written into code):
- is it a thing rather than an actor or a place: an award ('won an Oscar'), a title ('the film
  Sideways', 'the Today programme'), software or a product, a holiday or an event;
- is this mention a credit of the outlet that reported the story ('told the BBC', '(AP)',
  a closing 'REUTER') rather than the outlet as an actor of the story;
- is a name used as a place ('visits Manchester, Liverpool and Dorset', 'in Torbay'): usage.py's;
- is this mention a name written as a name rather than a mention of its bearer (naming.py, from the
  patterns kept here with the other lists).
Plus the fragments that are not names at all: generic capitalised words ('State', 'House')
and titles cut from a name ('Shadow Home', 'Tory Treasurer Lord').
The wording and lists of works (titles, languages, dated films) are works.py's, on these same lists.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from archive.extract.names import fold

DATA_FILE = Path(__file__).with_name("data") / "kinds.json"
WINDOW = 40  # characters either side of a mention that its context words are looked for in


class _Lists:
    """The word lists of data/kinds.json, folded and compiled once per process."""

    def __init__(self, data: dict) -> None:
        self.programme_words = set(data["programme_words"])
        self.things = {fold(name) for names in data["things"].values() for name in names}
        self.thing_names = tuple(name for names in data["things"].values() for name in names if " " in name)
        self.things |= {fold(name) for name in data["religions"]}
        self.thing_first_words = tuple(fold(w) + " " for w in data["thing_first_words"])
        # (Not 'Gospel of| Matthew': the name after 'of' or 'to' is the evangelist's own.)
        heads = [w for w in data["thing_first_words"] if w.split()[-1] not in ("of", "to")]
        self.thing_first_before = re.compile(rf"(?<![\w-])(?:{alternatives(heads)})\s+$")
        self.thing_first_ends = tuple(head.split()[-1] for head in heads)  # the last words the pattern can end on
        self.place_first_words = {fold(w) for w in data["place_first_words"]}
        self.place_last_words = {fold(w) for w in data["place_last_words"]}
        self.place_last_phrases = tuple(" " + fold(w) for w in data["place_last_phrases"])
        self.place_first_words_of = {fold(w) for w in data["place_first_words_of"]}
        self.thing_last_words = {fold(w) for w in data["thing_last_words"]}
        self.field_last_words = {fold(w) for w in data["field_last_words"]}
        self.field_first_words = {fold(w) for w in data["field_first_words"]}
        self.outlets = {fold(name) for name in data["outlets"]}
        self.outlet_words = {fold(w) for w in data["outlet_words"]}
        self.generic = {fold(w) for w in data["generic_words"]}
        self.honorifics = set(data["honorifics"])
        self.office_nouns = set(data["office_nouns"])
        self.office_words = set(data["office_modifiers"]) | self.office_nouns | self.honorifics
        self.thing_before = _ending(data["thing_words_before"], quote=True)
        self.thing_after = _starting(data["thing_words_after"])
        self.work_nouns = re.compile(rf"(?i:\b(?:{alternatives(data['work_nouns'])})\b)")
        # "Shakespeare's play The Tempest", "Andrzej Wajda's movie, Promised Land": a work by its author.
        self.possessive_work = re.compile(
            r"[A-Z][\w'’-]*['’]s\s+(?:[a-z]+(?:-[a-z]+)?\s+){0,2}?"
            rf"(?i:{alternatives(data['possessive_work_nouns'])}),?\s+(?:[Tt]he\s+)?['‘\"“]?$")
        # 'an adaptation of Evelyn Waugh's Brideshead Revisited', 'a remake of The Wicker Man', 'a performance
        # of Jean Anouilh's Antigone' (that one only with the author: 'the production of Airbus' is no title).
        author = r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*['’]s\s+"
        self.work_intro = re.compile(
            rf"(?<![\w-])(?i:(?:{alternatives(data['work_intros'])})\s+(?:the\s+)?(?-i:{author})?"
            rf"|(?:{alternatives(data['work_intros_before_author'])})\s+(?:the\s+)?(?-i:{author}))"
            r"(?:[Tt]he\s+)?['‘\"“]?$")
        intros = data["work_intros"] + data["work_intros_before_author"]
        self.work_intro_words = tuple(sorted({folded(intro.split()[0]) for intro in intros}))
        # 'Maximum Ride, a film based on …', 'Cry Wolf, another horror film,', 'Tinder is a 2013 novel by …'
        # (not 'Smith, a film director': the word for the work ends the description or a preposition follows).
        self.work_definition = re.compile(
            r"(?:[ \t]*\([^()\n]{1,60}\))?(?:\s+(?:is|was)\s+|\s*,\s+)(?:a|an|another|the|his|her|their)\s+"
            r"(?:(?!of\s)[\w-]+\s+){0,3}?"
            rf"(?:{alternatives(data['work_definition_nouns'])})"
            r"(?=\s*(?:[,.;:]|$|(?:based|about|by|directed|written|starring|that|which|released|set|adapted|"
            r"produced|in|from|for|with|and)\b))")
        self.winning = _ending([f"{verb}(?:\\s+(?:an?|the|his|her|their|its|two|three|four|five|\\d+))?"
                                for verb in data["winning_verbs"]], escape=False)
        self.credit_before = _ending(data["credit_before"], article=True)
        self.credit_after = _starting(data["credit_after"], possessive=True)
        self.place_before = _ending(data["place_words_before"], article=True)
        self.unknown_place_before = _ending(data["unknown_place_words_before"])  # 'in the Army' is no place
        self.place_after = _starting(data["place_words_after"])
        # 'flying to the Chathams': a journey's end, which may take 'the' where 'in' may not ('in the Army').
        self.travel_before = _ending(data["travel_words_before"], article=True)
        # 'cities like Kraków, Warsaw and Wrocław', 'the islands La Désirade, Petite Terre': a list of places.
        # (Lower case only: 'the United States Air Force' is no list.)
        lead = (rf"(?<![\w-])(?:{alternatives(data['place_list_nouns'])})[ \t]+"
                r"(?:(?:of|like|such[ \t]+as|including|namely)[ \t]+)?(?:the[ \t]+)?")
        self.place_list, self.place_list_before = re.compile(lead + "(?=[A-Z])"), re.compile(lead + "$")
        # A word of every list's lead, as written: a text without any is spared the lead's scan.
        self.place_list_words = tuple({noun.split()[0] for noun in data["place_list_nouns"]})
        # 'the films New York Minute and House of Wax', 'television films, including Silent Witness, …'.
        # (A comma only before 'including…': 'fearing computer games, Ravi Purushotma believes' lists nothing.)
        self.work_list = re.compile(rf"(?<![\w-])(?:{alternatives(data['work_list_nouns'])})"
                                    r"(?:,?[ \t]+(?:including|such[ \t]+as|like)[ \t]+|[ \t]+)(?=(?:the[ \t]+)?[A-Z])")
        # 'directors such as Rainer Werner Fassbinder (Querelle), Carl Foreman (Champion and The Victors)'.
        self.creator_leads = tuple(data["creator_list_nouns"])
        self.creator_list = re.compile(rf"(?<![\w-])(?:{alternatives(data['creator_list_nouns'])}),?[ \t]+"
                                       r"(?:such[ \t]+as|like|including)[ \t]+(?=[A-Z])")
        # 'speakers of Kujireray and Baïnounk Gubëeher', 'languages like Wolof, Serer and Jola': a list of languages.
        self.language_leads = tuple(data["language_list_leads"])
        self.language_list = re.compile(rf"(?<![\w-])(?:{alternatives(data['language_list_leads'])})"
                                        r"(?:,?[ \t]+(?:including|such[ \t]+as|like)[ \t]+|[ \t]+)(?=[A-Z])")
        # 'Chitonga-speaking children', 'Oscar-winning': a thing's words joined to a name, wherever the text writes it.
        # (The hyphen first: a pattern that begins with a plain character is the quickest to scan for.)
        joined = [word[1:] for word in data["thing_words_after"] if word.startswith("-")]
        self.thing_suffix = re.compile(rf"-(?:{alternatives(joined)})(?![\w])")
        self.work_list_words = tuple({noun.split()[0] for noun in data["work_list_nouns"]})
        # 'Hadibo is a small town', 'Coron, a municipality in Palawan', "Vava'u is a group of more than 50
        # islands", 'Rockridge, a neighborhood mixed with …', "Łódź is Poland's third largest city": a place
        # by definition.
        self.place_definition = re.compile(
            r"(?:[ \t]*\([^()\n]{1,60}\))?"  # an aside: 'Łódź (Pronounced: Wootch) is …'
            r"(?:\s+(?:is|was|are|were)\s+(?:(?:a|an|the)\s+|[A-Z][\w-]*['’]s\s+)?|\s*,\s+(?:a|an|the)\s+)"
            r"(?:(?:group|chain|cluster|string|pair|collection)\s+of\s+(?:[\w-]+\s+){0,3}?)?"
            r"(?:(?!of\s)[a-z][\w-]*\s+){0,3}?"
            rf"(?:{alternatives(data['place_nouns'])})"
            r"(?=\s*(?:[,.;:]|$|(?:of|in|on|near|off|and|that|which|where|with|"
            r"located|situated|known|north|south|east|west|[a-z]+ed)\b))")
        # 'an Armenian Quarter called Jolfa', 'a village named Sidi Bouzid': a place by its name's introduction.
        self.place_called = re.compile(rf"(?i:(?<![\w-])(?:{alternatives(data['place_nouns'] + ['quarter'])})[ \t]+"
                                       r"(?:called|named|known[ \t]+as)[ \t]+)(?=[A-Z])")
        # 'in the town of Yeoncheon', 'the port of Mukalla': a place by the noun the text gives it, however small
        # (in lower case: not 'the State of the Union'; nor a state of things: 'the state of EC finances').
        nouns = [noun for noun in data["place_nouns"] if noun != "state"]
        self.place_of = re.compile(rf"(?<![\w-])(?:[Tt]he|[Aa])[ \t]+(?:[a-z]+[ \t]+)?"
                                   rf"(?:{alternatives(nouns)})[ \t]+of[ \t]+(?=[A-Z])")
        # 'her pen name, Ichiyo Higuchi', 'The pseudonym "Jenna Marbles"', 'renamed to Litzmannstadt', 'the name
        # Marbles': the name itself follows (not 'Chelsea name Mourinho as boss': a noun needs its determiner).
        # (The word for names is looked for first, then its determiner: common words are slow to scan for.)
        self.naming = re.compile(
            rf"(?<![\w-])(?i:(?P<noun>{alternatives(data['name_nouns'])})|{alternatives(data['naming_verbs'])})"
            r"(?:(?P<comma>,)|[ \t]+(?:(?:is|was)(?:[ \t]+(?:now|still|officially))?(?:[ \t]+the)?|as|to))?"
            r"[ \t]+[\"“‘']?(?=[A-Z])")
        # Its determiner and kinds ('his internet nickname'); a bare 'his name,' is often an idiom's end ('a
        # winner's medal to his name, White is …'), so a comma after 'name' needs a kind ('her pen name, X').
        qualifiers = alternatives(data["name_noun_determiners"] + data["name_noun_kinds"])
        self.name_qualifier = re.compile(rf"(?i:(?<![\w-])(?:(?:{qualifiers})[ \t]+){{1,3}})$")
        self.name_kind_before = re.compile(rf"(?i:(?<![\w-])(?:{alternatives(data['name_noun_kinds'])}))[ \t]+$")
        self.known_by = _ending(data["known_by_words"])  # 'better known by her pseudonym Jenna Marbles': the bearer
        self.place_called_words = ("called", "named", "known")  # in the case-folded text
        self.actor_before = _ending(data["actor_words_before"], article=True)
        # 'England boss Sven-Goran Eriksson', 'Worldcom founder Bernie Ebbers' (in lower case, as written before
        # a name); 'Viktor Pinchuk, son-in-law of …', "Rinat Akhmetov, the country's richest man" (an age,
        # 'Smith, 54,', is spans.vote's).
        self.role_before = re.compile(rf"(?<![\w-])(?:{alternatives(data['person_roles_before'])})\s+$")
        self.role_ends = tuple(role.split()[-1] for role in data["person_roles_before"])
        self.apposition = re.compile(
            r",\s+(?:(?:a|an|the|his|her|their)\s+)?(?:[\w'’-]+\s+){0,3}?"
            rf"(?:{alternatives(data['person_apposition_nouns'])})(?![\w-])")
        # 'oil group Yukos', 'drugs firm Pfizer': a company by what it is, after a word for its trade (not 'the
        # company Blair founded': a determiner before the noun says nothing of the name after it).
        self.company_before = re.compile(
            r"(?<![\w-])(?!(?:a|an|the|his|her|its|their|our|this|that|which|whose|every|one|no)\s)[a-z][\w-]+\s+"
            rf"(?:{alternatives(data['company_nouns'])})\s+$")
        self.company_ends = tuple(data["company_nouns"])
        self.actor_after = _starting(data["actor_words_after"], possessive=True)
        self.group_before = _ending(data["group_words_before"], article=True)
        self.group_after = _starting(data["group_words_after"], possessive=True)
        self.club_before = _ending(data["club_words_before"], article=True)
        self.club_after = _starting(data["club_words_after"], possessive=True)


def alternatives(words: list[str], escape: bool = True) -> str:
    forms = [re.escape(w).replace(r"\ ", r"\s+") if escape else w for w in words]
    return "|".join(sorted(forms, key=len, reverse=True))


def _ending(words: list[str], quote: bool = False, article: bool = False, escape: bool = True) -> _Ending:
    """Words right before a name (case-insensitive), with an optional 'the' and opening quote (a title's
    own 'The' too: 'the animated comedy The Incredibles')."""
    tail = (r"(?:the\s+)?" if article else "") + (r"(?:[Tt]he\s+)?['‘\"“]?" if quote else "")
    pattern = re.compile(rf"(?i:(?<![\w-])(?:{alternatives(words, escape)}))\s+{tail}$")
    ends = tuple(sorted({folded(word.split()[-1]) for word in words})) if escape else None
    return _Ending(pattern, ends, quote, article or quote)


# What IGNORECASE matches to an ASCII letter besides its two cases: dotless and dotted I, the long s and the
# Kelvin sign. Folded with them, a case-insensitive word is in a text wherever the pattern can match it.
_IGNORECASE_ALSO = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "\u212a": "k"})


def folded(text: str) -> str:
    return text.translate(_IGNORECASE_ALSO).lower()


class _Ending:
    """An _ending pattern with a quick test first: the window must end (before a quote and 'the', when the
    pattern allows them, and the spaces) on the last word of one of its words. Most windows do not, and the
    search tries every word at every character (most of thing_context's time)."""

    def __init__(self, pattern: re.Pattern, ends: tuple[str, ...] | None, quote: bool, the: bool) -> None:
        self.pattern, self.ends, self.quote, self.the = pattern, ends, quote, the

    def search(self, window: str) -> re.Match | None:
        if self.ends is not None:
            spaced = window[:-1] if self.quote and window.endswith(("'", "‘", '"', "“")) else window
            words = spaced.rstrip()
            if len(words) == len(spaced):  # no space before the name (or its quote): nothing for the '\s+'
                return None
            if not (self.the and words.endswith(("the", "The"))) and not folded(words).endswith(self.ends):
                return None
        return self.pattern.search(window)


def _starting(words: list[str], possessive: bool = False) -> re.Pattern:
    """Words right after a name: 'Oscar-winning', 'Today programme', "BBC's correspondent"."""
    lead = r"(?:['’]s)?" if possessive else ""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in words)
    forms = [w if w.startswith(("-", ":")) else r"\s+" + w for w in escaped]  # '-winning', ': The Movie' as written
    adjectives = r"(?:\s+[a-z]+){0,2}?" if possessive else ""
    return re.compile(rf"{lead}{adjectives}(?i:{'|'.join(sorted(forms, key=len, reverse=True))})(?![\w])")


@lru_cache(maxsize=1)
def lists() -> _Lists:
    return _Lists(data())


@lru_cache(maxsize=1)
def data() -> dict:
    """data/kinds.json as written, for the modules that compile their own patterns from it (works.py)."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def is_thing(name: str) -> bool:
    """A shipped name of an award, software, product, holiday, event or religion; a name ending in
    'Awards' or 'Act'; a craft, storm or law's title by its first words ('Space Shuttle Columbia',
    'Hurricane Ivan', 'Title IX'); a field of study."""
    key, known = fold(name), lists()
    words = key.split()
    return key in known.things or key.startswith(known.thing_first_words) or (
        len(words) > 1 and words[-1] in known.thing_last_words) or _is_field(words) or _is_award(words) or (
        _DESIGNATION.fullmatch(name) is not None and _HIGHWAY.match(name) is None)


# A mission, craft, weapon or virus by its letters and number: 'STS-134', 'MH-17', 'AK-47', 'COVID-19'.
_DESIGNATION = re.compile(r"[A-Z]{2,5}-\d{1,4}[A-Z]?")


def after_thing_word(text: str, start: int) -> bool:
    """The mention follows the first words of a thing's name, as written: 'Space Shuttle| Columbia',
    'Hurricane| Ivan' (not 'an operation| Smith led')."""
    known = lists()
    return _before(text, start).endswith(known.thing_first_ends) and known.thing_first_before.search(
        text, max(0, start - WINDOW), start) is not None


def _before(text: str, start: int) -> str:
    """The window before a mention without its trailing space: a cheap first test of what a pattern
    ending in a word and '\\s+$' can match (the patterns run only where the word is there)."""
    return text[max(0, start - WINDOW):start].rstrip()


_AWARD_WORDS = {"award", "awards", "prize", "prizes", "medal", "trophy", "cup"}


def _is_award(words: list[str]) -> bool:
    """An award named with what it is for: 'César Award for Best Actress', 'Nobel Prize for Literature',
    'Medal of Honor'."""
    return any(word in _AWARD_WORDS and following in ("for", "of") for word, following in zip(words, words[1:]))


def things_written(text: str) -> list[str]:
    """The shipped names of several words that the text writes as such ('Internet Explorer')."""
    return [name for name in lists().thing_names if name in text]


def _is_field(words: list[str]) -> bool:
    """A field of study ('Digital Humanities', 'East Asian Studies'), not the department, school or
    journal named after it ('Department of Linguistics', 'Journal of Semantics')."""
    known = lists()
    return len(words) > 1 and words[-1] in known.field_last_words and not any(
        word in known.field_first_words for word in words)


def is_place_name(name: str) -> bool:
    """A name that says it is a place by its form: its first word ('Fort Lee', 'Mount Kenya', 'Lake
    Placid'), its last ('Socotra Island', 'George Washington Bridge', 'Wembley Stadium') or its
    first before 'of' ('Gulf of Mexico', 'Museum of Flight'); or a numbered highway ('I-44 East', 'US-75')."""
    words, known = fold(name).split(), lists()
    if _HIGHWAY.match(name):
        return True
    if len(words) < 2:
        return False
    return (words[0] in known.place_first_words or words[-1] in known.place_last_words
            or (" " + " ".join(words)).endswith(known.place_last_phrases)
            or (len(words) > 2 and words[1] == "of" and words[0] in known.place_first_words_of))


# American highways by number: 'I-44', 'US-75 South', 'SR 51' (not Britain's 'A19', which is also an aircraft's 'A380').
_HIGHWAY = re.compile(r"(?:I|US|SR)-?\s?\d{1,3}(?:\s+(?:North|South|East|West))?$")


def has_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of the words is in the text: a quick test before a scan that needs one."""
    return any(word in text for word in words)


def listed(text: str, lead: re.Pattern, item: re.Pattern) -> set[int]:
    """The end of each `item` of every list that `lead` begins (items apart by commas, 'and', 'or')."""
    ends = set()
    for found in lead.finditer(text):
        position = found.end()
        while (name := item.match(text, position)) is not None:
            ends.add(name.end())
            separator = LIST_SEPARATOR.match(text, name.end())
            if separator is None:
                break
            position = separator.end()
    return ends


def is_outlet(name: str) -> bool:
    """A news outlet or wire agency: shipped by name, or named like one ('Financial Times', 'Sky News')."""
    key = fold(name)
    words = key.split()
    return key in lists().outlets or (len(words) > 1 and words[-1] in lists().outlet_words) or (
        len(words) > 1 and words[0] in lists().outlets)


def is_credit(text: str, start: int, end: int) -> bool:
    """An outlet's mention that credits it as the story's source rather than naming an actor: '(AP)',
    '— AFP' or 'REUTER' ending a line, 'told the BBC', 'BBC News website', "the BBC's correspondent"."""
    before, after = text[max(0, start - WINDOW):start], text[end:end + WINDOW]
    if re.search(r"\(\s*$", before) and re.match(r"\s*\)", after):
        return True
    if re.search(r"(?:^|\s)[—–-]+\s*$", before) and re.match(r"\s*(?:$|\n)", after):
        return True
    if not text[end:].strip():  # a sign-off closing the text
        return True
    return bool(lists().credit_before.search(before) or lists().credit_after.match(after))


def acts(text: str, start: int, end: int) -> bool:
    """Wording only an actor gets, for a name no gazetteer knows that the model called a place:
    'telecoms giant BT', "Verizon's offer", 'BT customers', 'Rio Ferdinand told', 'co-founder of Blinkx'."""
    known = lists()
    return bool(known.actor_after.match(text, end, end + WINDOW)
                or known.actor_before.search(text[max(0, start - WINDOW):start]))


def named_as_person(text: str, start: int, end: int) -> bool:
    """A role right before the mention or a person's apposition right after it: 'England boss Sven-Goran
    Eriksson', 'Viktor Pinchuk, son-in-law of former President Leonid Kuchma'."""
    known = lists()
    return bool((_before(text, start).endswith(known.role_ends)
                 and known.role_before.search(text, max(0, start - WINDOW), start))
                or known.apposition.match(text, end))


def named_as_company(text: str, start: int) -> bool:
    """A word for a company and its trade right before the mention: 'oil group Yukos', 'telecoms giant BT'."""
    known = lists()
    return _before(text, start).endswith(known.company_ends) and known.company_before.search(
        text, max(0, start - WINDOW), start) is not None


def after_outlet(text: str, start: int) -> bool:
    """The mention follows an outlet's possessive: "BBC One's Breakfast", "the BBC's Panorama" (a programme,
    where the model calls the name no person: "the BBC's Nick Robinson" is the reporter)."""
    if not _before(text, start).endswith(("'s", "’s")):
        return False
    owner = _OWNER.search(text, max(0, start - WINDOW), start)
    return owner is not None and is_outlet(owner.group(1))


_OWNER = re.compile(r"((?:[A-Z][\w-]*[ \t]+){0,2}[A-Z][\w-]*(?:[ \t]+\d)?)['’]s[ \t]+$")


def acts_as_group(text: str, start: int, end: int) -> bool:
    """Wording that makes a name a body of people: 'members of the Sea Org', 'head of the Koinonia',
    'the Koinonia leadership'."""
    known = lists()
    return bool(known.group_after.match(text, end, end + WINDOW)
                or known.group_before.search(text[max(0, start - WINDOW):start]))


# One name of a list: capitalised words, with the particles of place names between them ('Terre de Haut').
# (A word's full stop ends the list, except in 'St.': 'Sun City. Next' is not one name.)
_LIST_WORD = r"(?:St\.|[A-Z][\w'’-]*)"
LIST_ITEM = re.compile(rf"{_LIST_WORD}(?:[ \t]+(?:(?:de|du|des|la|le|di|del|da|do|dos|van|von|al|el|sur|on)[ \t]+)?"
                        rf"{_LIST_WORD})*")
LIST_SEPARATOR = re.compile(r"(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+)(?=(?:the[ \t]+)?[A-Z])")


def is_fragment(name: str, text: str, end: int) -> bool:
    """A generic word ('State', 'House', 'Ministry'), an office of a place ('King of Athens'), or a
    title without its name: a run of office
    words ending in an honorific ('Tory Treasurer Lord') or before an office ('Shadow Home' Secretary),
    or an office alone ('Prime Minister')."""
    words = name.split()
    known = lists()
    if len(words) == 1 and fold(name) in known.generic:
        return True
    if len(words) > 2 and words[0] in known.office_nouns and words[1] == "of":
        return True  # 'King of Athens', 'Mayor of London': an office, named by its place
    if words[-1].rstrip(".") in known.honorifics:
        return True
    if not all(w in known.office_words for w in words):
        return False
    following = re.match(r"\s+([A-Z]\w+)", text[end:end + WINDOW])
    before_office = len(words) > 1 and following is not None and following.group(1) in known.office_nouns
    return before_office or any(w in known.office_nouns for w in words)
