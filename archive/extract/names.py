"""Small text helpers shared by the entity rules: folding, acronyms, titles."""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# Words that, right before a name, say the name is a person's.
PERSON_TITLES = {
    "president", "minister", "premier", "chancellor", "senator", "sen.", "rep.", "representative",
    "governor", "gov.", "mayor", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof.",
    "professor", "king", "queen", "prince", "princess", "pope", "general", "gen.", "colonel",
    "col.", "captain", "capt.", "judge", "justice", "sir", "lord", "lady", "ambassador", "secretary",
    "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson", "leader", "ceo",
    "director", "coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "actor",
    "actress", "singer", "author", "journalist", "correspondent", "protester", "activist",
    "vice-president", "deputy", "commissioner", "sheikh", "emir", "ayatollah", "archbishop",
    "bishop", "cardinal", "rev.", "father", "st.", "analyst", "economist", "officer", "official",
    "miss", "dame", "baroness", "baron", "prof", "rev", "senator", "sen", "congressman", "congresswoman",
}

# Forms of address that make any name after them a person's ('Dr Carpenter', 'Ms Jowell').
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "baroness", "baron", "prof",
              "professor", "rev", "reverend"}
# Titles and offices that may stand before a person's name and are not part of it: the words a
# leading run of them must end with ('Prime Minister', 'Home Secretary', 'Lib Dem leader') ...
_TITLE_HEADS = HONORIFICS | {
    "president", "minister", "premier", "chancellor", "secretary", "senator", "sen", "rep", "representative",
    "governor", "gov", "mayor", "judge", "justice", "general", "gen", "colonel", "col", "captain", "capt",
    "commander", "lieutenant", "lt", "sergeant", "sgt", "admiral", "coach", "manager", "king", "queen", "prince",
    "princess", "pope", "ambassador", "commissioner", "inspector", "detective", "superintendent", "chairman",
    "chairwoman", "leader", "spokesman", "spokeswoman", "treasurer", "father", "sheikh", "emir", "ayatollah",
    "archbishop", "bishop", "cardinal", "congressman", "congresswoman", "councillor", "chief", "director", "mp",
    "tsar", "czar", "emperor", "empress", "earl", "duke", "duchess", "countess", "marquess", "viscount", "saint",
}
# ... and the words that may come before those ('Foreign Secretary', 'Shadow Home Secretary').
_TITLE_MODIFIERS = {"prime", "foreign", "home", "shadow", "deputy", "vice", "acting", "former", "culture", "health",
                    "education", "trade", "defence", "defense", "interior", "finance", "justice", "attorney",
                    "first", "chief", "executive", "lib", "dem", "tory", "labour", "party", "opposition", "state",
                    "environment", "transport", "work", "pensions", "industry", "energy", "sports", "media"}

# Words inside a name that say it is an organisation's.
ORG_WORDS = {
    "organisation", "organization", "ministry", "party", "bank", "council", "union", "university",
    "company", "corporation", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "plc", "committee",
    "agency", "association", "group", "fund", "court", "parliament", "government", "police",
    "army", "navy", "institute", "commission", "federation", "league", "club", "department",
    "office", "service", "authority", "board", "alliance", "movement", "front", "foundation",
    "assembly", "senate", "congress", "network", "airlines", "airways", "motors", "holdings",
    "bureau", "exchange", "times", "news", "press", "post", "journal", "reserve", "treaty", "united", "rovers",
    "wanderers", "athletic", "fc", "org", "brigade", "corps", "society", "laboratories", "laboratory", "labs",
    "industries", "enterprises", "technologies", "systems", "pharmaceuticals", "insurance", "securities", "partners",
    "associates", "studios", "records", "entertainment", "communications", "brothers",
}

# Last words of the names of events, which are neither actors nor places ('Hong Kong Open',
# 'Berlin Grand Prix', 'UEFA Cup', 'Singer World Series').
EVENT_WORDS = {"open", "cup", "games", "prix", "masters", "championship", "championships", "series", "tour",
               "stakes", "trophy", "classic", "marathon", "olympics", "olympiad", "final", "finals",
               "tournament", "slam", "festival", "expo", "summit", "war", "paralympics", "fair", "jubilee",
               "carnival", "regatta", "draft"}

# Capitalised tokens that are never names: time zones, sports-table and market abbreviations.
NOT_NAMES = {"GMT", "UTC", "EST", "EDT", "CST", "CDT", "PST", "PDT", "BST", "CET", "AM", "PM", "RBI", "ERA", "PCT",
             "GB", "AVG", "Avg", "Extras", "Total", "Totals", "Note", "TV",
             # The row labels of wire earnings tables ('Shr 12 cts vs 10 cts', 'Revs 1.2 mln vs 1.1 mln').
             "Shr", "Shrs", "Revs", "Rev", "Net", "Oper", "Qtr", "Mths", "Mln", "Dlrs", "Cts", "Vs",
             # The labels closing a match report ('Att: 47,111 Ref: S Bennett').
             "Att", "Ref"}

SHORT_FORMS_FILE = Path(__file__).parent / "data" / "short_forms.json"

ACRONYM_CONNECTORS = {"of", "the", "and", "for", "on", "de", "du", "des", "la", "&"}
_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


# A party or standing written before a full name ('Tory Liam Fox', 'former Lib Dem ...').
_AFFILIATIONS = {"tory", "labour", "conservative", "republican", "democrat", "democratic", "liberal", "lib", "dem",
                 "former", "veteran", "senior", "ex"}
# Letters after a name that are not part of it ('Paul Boateng MP', 'Daniel Bernoulli FRS').
_POSTNOMINALS = {"mp", "msp", "mep", "qc", "kc", "frs", "obe", "mbe", "cbe", "kbe", "dbe", "phd"}


def title_length(words: list[str]) -> int:
    """How many of the leading words are a title or office before a name: 2 for
    'Prime Minister Tony Blair', 1 for 'Mr Blair' and 'Tory Liam Fox', 0 for 'Tony Blair'.
    A name is never all title."""
    size = 0
    for position, word in enumerate(words[:-1]):
        folded = word.casefold().rstrip(".")
        if folded in _TITLE_HEADS and words[position + 1][:1].isupper():
            size = position + 1
        elif folded not in _TITLE_MODIFIERS:
            break
    while not size and len(words) > 2 and words[0].casefold() in _AFFILIATIONS and words[1][:1].isupper():
        size = 1
    return size


def postnominal_length(words: list[str]) -> int:
    """How many trailing words are letters after a name ('MP', 'FRS'), keeping one word at least."""
    size = 0
    while len(words) - size > 1 and words[-1 - size].casefold().rstrip(".") in _POSTNOMINALS:
        size += 1
    return size


def without_title(name: str) -> str:
    """The name without the titles and offices before it and the letters after it:
    'Ms Tessa Jowell' -> 'Tessa Jowell', 'Paul Boateng MP' -> 'Paul Boateng'."""
    words = name.split()
    return " ".join(words[title_length(words):len(words) - postnominal_length(words)])


def collapse(text: str) -> str:
    """Collapse runs of whitespace (including hard line wraps) to one space."""
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name: 'U.S.' -> 'us'. Cached: an
    article's rules fold the same few names hundreds of times."""
    text = unicodedata.normalize("NFKD", text.replace("-", " "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return collapse(_PUNCT.sub("", text.casefold()))


def initials(words: list[str]) -> str:
    """Initial letters of the significant words: 'Collective Security Treaty Organisation' -> 'CSTO'."""
    return "".join(word[0] for word in words if word.lower() not in ACRONYM_CONNECTORS)


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


@lru_cache(maxsize=1)
def _short_form_entries() -> tuple[tuple[str, ...], ...]:
    """(display name, other forms...) of each organisation of data/short_forms.json."""
    with SHORT_FORMS_FILE.open(encoding="utf-8") as fh:
        return tuple((entry["name"], *entry["forms"]) for entry in json.load(fh)["organisations"])


@lru_cache(maxsize=1)
def short_forms() -> dict[str, str]:
    """Folded form -> display name of the organisations known by several names
    (data/short_forms.json): 'eu' and 'european union' -> 'European Union'."""
    return {fold(form): forms[0] for forms in _short_form_entries() for form in forms}


def written_forms() -> list[str]:
    """Every form of data/short_forms.json as written ('Lib Dems', 'European Union')."""
    return [form for forms in _short_form_entries() for form in forms]
