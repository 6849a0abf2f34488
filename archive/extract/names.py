"""Small text helpers shared by the entity rules: folding, acronyms, titles."""
from __future__ import annotations

import re
import unicodedata

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
}

# Words inside a name that say it is an organisation's.
ORG_WORDS = {
    "organisation", "organization", "ministry", "party", "bank", "council", "union", "university",
    "company", "corporation", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "plc", "committee",
    "agency", "association", "group", "fund", "court", "parliament", "government", "police",
    "army", "navy", "institute", "commission", "federation", "league", "club", "department",
    "office", "service", "authority", "board", "alliance", "movement", "front", "foundation",
    "assembly", "senate", "congress", "network", "airlines", "airways", "motors", "holdings",
    "bureau", "exchange", "times", "news", "press", "post", "journal", "reserve", "treaty", "united", "rovers",
    "wanderers", "athletic", "fc",
}

# Last words of the names of events, which are neither actors nor places ('Hong Kong Open',
# 'Berlin Grand Prix', 'UEFA Cup', 'Singer World Series').
EVENT_WORDS = {"open", "cup", "games", "prix", "masters", "championship", "championships", "series", "tour",
               "stakes", "trophy", "classic", "marathon", "olympics", "olympiad", "final", "finals",
               "tournament", "slam", "festival", "expo", "summit", "war"}

# Capitalised tokens that are never names: time zones, sports-table and market abbreviations.
NOT_NAMES = {"GMT", "UTC", "EST", "EDT", "CST", "CDT", "PST", "PDT", "BST", "CET", "AM", "PM", "RBI", "ERA", "PCT",
             "GB", "AVG", "Avg", "Extras", "Total", "Totals", "Note", "TV"}

ACRONYM_CONNECTORS = {"of", "the", "and", "for", "on", "de", "du", "des", "la", "&"}
_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Collapse runs of whitespace (including hard line wraps) to one space."""
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name: 'U.S.' -> 'us'."""
    text = unicodedata.normalize("NFKD", text.replace("-", " "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return collapse(_PUNCT.sub("", text.casefold()))


def initials(words: list[str]) -> str:
    """Initial letters of the significant words: 'Collective Security Treaty Organisation' -> 'CSTO'."""
    return "".join(word[0] for word in words if word.lower() not in ACRONYM_CONNECTORS)


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()
