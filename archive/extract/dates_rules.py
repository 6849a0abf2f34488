"""Pattern tables and tense rules for the temporal tagger in :mod:`archive.extract.dates`.

Each pattern finds one family of date expressions (HeidelTime/SUTime style: pattern here,
normaliser in ``dates.py``). Month and weekday names are matched case-sensitively so that
"may" (the modal) and "march" (the verb) are never taken for months; the surrounding words
are matched case-insensitively through scoped ``(?i:...)`` groups.

:func:`direction` reads whether a date lies in the past or the future of the article: from
the governing verb of a spaCy parse when there is one, else from nearby cue words.
"""
from __future__ import annotations

import re
from typing import Any

# Directions; times FIRM when certain: forced by a preposition ("since", "until") or read from
# a verb governing the date directly. Plain values are tentative (a cue word further away).
PAST, NEUTRAL, FUTURE = -1, 0, 1
FIRM = 2
_LEFT_WINDOW, _RIGHT_WINDOW = 12, 6  # words of the sentence searched for a tense cue

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_INDEX = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}  # winter = Dec..Feb, named by its January
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_UNITS_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBERS = {"a": 1, "an": 1, **{w: i + 1 for i, w in enumerate(_UNITS_WORDS)},
           **{w: i + 10 for i, w in enumerate(_TEENS)}, **{w: 20 + 10 * i for i, w in enumerate(_TENS)}}
DECADE_WORDS = {w[:-1] + "ies": i + 2 for i, w in enumerate(_TENS)}  # twenties .. nineties
CENTURY_WORDS = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}
HOLIDAYS = {
    "christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "valentine's day": (2, 14), "thanksgiving": (11, 0), "thanksgiving day": (11, 0),
}
DEICTIC_DAYS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}
# Words before a bare month / year that make it a date ("in March", "since 1989").
DATE_PREPOSITIONS = frozenset(
    ["in", "since", "by", "until", "till", "of", "from", "to", "before", "after", "during", "through", "throughout", "around", "circa", "between", "early", "late", "mid", "last", "next", "this", "and", "or", "fiscal", "year"])
# Of those, the ones that also introduce counts ("up to 1500 troops", "and 1500 others").
COUNT_PREPOSITIONS = frozenset(["to", "from", "between", "and", "or", "around"])
SEASON_PREPOSITIONS = frozenset(["in", "during", "over", "since", "until", "till", "through", "throughout", "by", "for"])
# Words before a bare four-digit number that make it a quantity ("more than 2000").
QUANTITY_PREFIXES = frozenset(
    ["than", "about", "some", "nearly", "almost", "approximately", "over", "under", "least", "only", "just", "roughly", "exactly", "total", "number", "no", "flight", "room", "route", "page", "article", "section", "model", "item", "code", "box", "suite", "highway", "interstate", "rs", "usd", "eur"])
QUANTITY_NOUNS = frozenset(
    ["lb", "lbs", "oz", "ounces", "pounds", "grams", "kilos", "kilograms", "cm", "mm", "ft", "inches",
     "acres", "hectares", "sq", "square", "barrels", "bpd", "litres", "liters", "gallons", "mw", "kw", "gw",
     "kwh", "mwh", "cc", "hp", "degrees", "kph", "dlrs", "dollars", "yen", "francs", "shares",
     "people", "men", "women", "children", "police", "staff", "personnel", "cattle", "feet", "sheep", "fish", "deer", "persons", "million", "billion", "thousand", "hundred", "percent", "per", "km", "kg", "mph", "gmt", "utc", "hours", "hrs", "a.m.", "p.m.", "am", "pm", "times", "yards", "metres", "meters", "miles", "tons", "tonnes"])
NAMED_DAYS_BEFORE = frozenset(["black", "good", "super", "bloody", "ash", "palm", "easter", "cyber", "holy", "maundy", "shrove"])
NEWSPAPERS_AFTER = frozenset(["times", "telegraph", "express", "mirror", "herald", "post", "mail", "independent", "observer", "people", "star", "sport"])
PAST_WORDS = frozenset(
    ["said", "told", "was", "were", "had", "did", "saw", "took", "made", "went", "came", "gave", "met", "held", "left", "began", "fell", "rose", "won", "lost", "sent", "spent", "stood", "became", "brought", "thought", "found", "got", "ran", "shot", "struck", "fled", "led", "fought", "quit", "broke", "chose", "drove", "flew", "grew", "knew", "paid", "sold", "wrote", "spoke", "stole", "swore", "threw", "forgot", "understood", "built", "caught", "dealt", "felt", "heard", "kept", "laid", "meant", "sought", "taught", "tore", "been", "has", "have", "ago", "earlier", "previously"])
FUTURE_WORDS = frozenset(["will", "'ll", "shall", "would", "wo", "scheduled", "slated", "expected", "upcoming", "next", "until", "till"])
PRESENT_WORDS = frozenset(["is", "are", "am", "says", "say"])
NOT_PAST_ED = frozenset(["need", "red", "bed", "seed", "speed", "feed", "proceed", "exceed", "succeed", "indeed", "hundred", "shed", "breed", "creed", "embed", "steed", "weed"])
FUTURE_AUX = frozenset(["will", "'ll", "shall", "would", "wo", "'d"])
FUTURE_VERBS = frozenset(["scheduled", "slated", "expected", "due", "set", "planned", "plans", "plan", "intends", "intend", "aims", "aim", "hopes", "hope", "wants", "want", "going", "poised"])

# ---------------------------------------------------------------- pattern fragments
_MON_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON = rf"(?P<mon>(?:{_MON_FULL})|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])"
_DAY = r"(?<![\w.,])(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|[:.]\d|%)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
_MOD = r"(?P<mod>(?i:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of))"
_NUM = "|".join(sorted(NUMBERS, key=len, reverse=True))
_CENTURY_ALT = "|".join(w.replace(" ", r"\s") for w in CENTURY_WORDS)
_POD = r"(?P<pod>(?i:morning|afternoon|evening|night))"


def _year(name: str = "year") -> str:
    """A four-digit year 1000-2099 that is not part of a longer number or an amount."""
    return rf"(?<![\d$£€#.,])(?P<{name}>1\d{{3}}|20\d{{2}})(?![\d%]|[.,]\d)"


# Each led pattern's text as written, without its lead: what the tests compare the leads against.
PLAIN: dict[re.Pattern[str], str] = {}


def _c(pattern: str, lead: str | None = None) -> re.Pattern[str]:
    """Compile a pattern. `lead` matches the first character of every possible match; as a
    lookahead it turns most positions away at once. A pattern opening with optional words is
    otherwise tried word by word at every character: leads make those scans 2-3 times faster,
    and the scans were most of the date rules' time (2 ms an article, 8% of the NER's)."""
    if lead is None:
        return re.compile(pattern)
    led = re.compile(f"(?={lead})(?:{pattern})")
    PLAIN[led] = pattern
    return led


ISO_DATE = _c(r"(?<![\d-])(?P<year>1\d{3}|20\d{2})-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d-])")
US_DATE = _c(r"(?<![\d/])(?P<mon>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/(?P<year>\d{4}|\d{2})(?![\d/])")
MONTH_DAY = _c(rf"(?:(?P<rel>(?i:this\s+coming|this\s+past))\s+)?(?:{_WD},?\s+)?(?:(?i:the)\s+)?{_MON}\s+{_DAY}"
               rf"(?:,?\s+{_year()})?", lead=r"(?i:t)|[MTWFSJAOND]")
DAY_MONTH = _c(rf"(?:{_WD},?\s+)?(?:(?i:the)\s+)?{_DAY}\s+(?:(?i:of)\s+)?{_MON}(?:,?\s+{_year()})?",
               lead=r"(?i:t)|[MWFS0-9]")
MONTH_YEAR = _c(rf"(?:{_MOD}[\s-]+)?{_MON},?\s+(?:(?i:of)\s+)?{_year()}", lead=r"(?i:[elmt])|[JFASOND]")
MONTH_ALONE = _c(rf"(?:{_MOD}[\s-]+)?(?:(?P<rel>(?i:this\s+past|this\s+coming|this|last|next))\s+)?"
                 rf"(?P<mon>{_MON_FULL})(?![A-Za-z])(?:\s+(?P<yrel>(?i:this|last|next))\s+(?i:year))?",
                 lead=r"(?i:[elmnt])|[JFASOD]")
YEAR = _c(rf"(?:(?P<mod>(?i:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|fiscal(?:\s+year)?"
          rf"|calendar(?:\s+year)?|the\s+year))[\s-]+|(?P<fy>FY)\s?)?{_year()}", lead=r"(?i:[celmft])|[12]")
SPELLED_YEAR = _c(rf"(?i:\b(?:the\s+year\s+)?nineteen[\s-]+(?P<tens>{'|'.join(_TENS + _TEENS)})"
                  rf"(?:[\s-]+(?P<units>{'|'.join(_UNITS_WORDS)}))?\b"
                  rf"|\bthe\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-]+(?P<units2>{'|'.join(_UNITS_WORDS)}))?\b)")
DECADE = _c(rf"(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?"
            rf"(?:(?<![\d$£€])(?P<dec>1\d\d|20\d)0['’]?s|['’](?P<yy>\d)0['’]?s)(?![A-Za-z])"
            rf"|(?i:\bthe\s+(?:(?P<mod2>early|mid|late)[\s-]+)?(?P<dw>{'|'.join(DECADE_WORDS)})\b)",
            lead=r"(?i:[elmt])|[12'’]")
CENTURY = _c(rf"(?i:(?:\bthe\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)"
             rf"|(?P<w>{_CENTURY_ALT}))[\s-]+century\b)")
DEICTIC = _c(r"(?i:\b(?:(?P<mod>early|late|earlier|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow"
             rf"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+{_POD})?\b)", lead=r"(?i:[elty])")
WEEKDAY = _c(rf"(?:(?P<mod>(?i:early|late|earlier|later))(?:\s+(?i:on))?\s+)?"
             rf"(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|the\s+previous|the\s+following))\s+)?"
             rf"{_WD}(?:\s+{_POD})?(?![A-Za-z])", lead=r"(?i:[elnt])|[MWFS]")
RELATIVE = _c(r"(?i:\b(?:(?P<mod>early|late|earlier|later|mid|the\s+(?:end|beginning|start|middle|rest)\s+of)"
              r"[\s-]+(?:in\s+)?)?(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+current|the\s+coming"
              r"|the\s+previous|the\s+following|the\s+latest|the\s+most\s+recent|the)\s+"
              r"(?P<unit>week|weekend|month|year|quarter|decade|century)\b)", lead=r"(?i:[elmnt])")
QUARTER = _c(rf"(?i:(?:\bthe\s+)?(?:(?P<yq>(?:this|last|next)\s+year['’]s|{_year()}(?:['’]s)?)\s+)?"
             r"(?:(?:fiscal|calendar)[\s-]+)?\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
             r"(?:fiscal[\s-]+)?quarter"
             rf"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<yq2>this|last|next)\s+year|{_year('year2')}))?\b)",
             lead=r"(?i:[cflnst1-4])")
QUARTER_CODE = _c(rf"(?<![A-Za-z0-9])(?:Q(?P<q>[1-4])(?:\s*{_year()}|\s*['’](?P<yy>\d\d))?"
                  rf"|{_year('year2')}\s*Q(?P<q2>[1-4]))(?![A-Za-z0-9])")
HALF = _c(rf"(?i:(?:\bthe\s+)?\b(?P<ord>first|second|1st|2nd)[\s-]+half(?:\s+of\s+(?:(?P<yrel>this|last|next|the)"
          rf"\s+year|{_year()}))?\b)|(?<![A-Za-z0-9])H(?P<h>[12])\s*{_year('year2')}", lead=r"(?i:[fst12])|H")
SEASON = _c(rf"(?i:(?:\b(?P<mod>early|late|mid)[\s-]+)?(?:\b(?P<rel>this\s+past|this\s+coming|this|last|next|the)\s+)?"
            rf"\b(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?{_year()})?)(?![A-Za-z])",
            lead=r"(?i:[aeflmnstw])")
VAGUE = {
    "PRESENT_REF": _c(r"(?i:\b(?:right\s+now|now|currently|nowadays|at\s+present|presently|at\s+the\s+moment"
                      r"|these\s+days)\b)(?!-)", lead=r"(?i:[acnprt])"),
    # "the past week" is vague, but "the past two weeks" is a duration
    # "previously" and "formerly" qualify events more often than they name a time: left out
    "PAST_REF": _c(r"(?i:\b(?:the\s+(?:past|last)\s+(?:week|month|year|decade)(?!\s+of\b)|(?:more\s+)?recently"
                   rf"|the\s+past(?!\s+(?:few|several|couple|\d+|{_NUM}|[a-z]+s)\b)"
                   r"|recent\s+(?:days|weeks|months|years|decades|times)|long\s+ago|years\s+ago)\b)",
                   lead=r"(?i:[lmrty])"),
    "FUTURE_REF": _c(r"(?i:(?<!as\s)\bsoon\b(?!\s+(?:as|after|afterwards?)\b)|\bas\s+soon\s+as\s+possible\b"
                     r"|\bthe\s+(?:near\s+|distant\s+|foreseeable\s+)?future\b"
                     r"|\b(?:the\s+)?coming\s+(?:days|weeks|months|years|decades)\b"
                     r"|\bthe\s+years\s+ahead\b|\bsomeday\b)", lead=r"(?i:[acst])"),
}
AGO = _c(rf"(?i:\b(?:(?:almost|nearly|about|around|some|roughly|more\s+than|less\s+than|just|only|over|barely"
         rf"|exactly)\s+)?(?P<n>\d{{1,3}}|a\s+few|a\s+couple(?:\s+of)?|{_NUM}|several|few|many|some)\s+"
         r"(?P<unit>days?|weeks?|months?|years?|decades?|century|centuries)(?:\s+or\s+so)?\s+"
         r"(?P<dir>ago|from\s+now|hence|earlier|before(?=\s*[,.;]))\b)", lead=r"(?i:[abefjlmnorst]|\d)")
IN_N = _c(rf"(?i:\bin\s+(?:(?:about|around|roughly|some|just|only)\s+)?(?P<n>\d{{1,3}}|{_NUM})\s+"
          r"(?P<unit>days?|weeks?|months?|years?|decades?)(?:['’]\s*time)?\b)")
YEAR_AGO = _c(r"(?i:(?<!\ba\s)(?<!\bone\s)\b(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?"
              r"year[-\s](?:earlier|ago)"
              r"(?:\s+(?:(?P<ord>first|second|third|fourth)[\s-]+)?(?P<unit>quarter|period))?\b)", lead=r"(?i:[csty])")
# "the year", "the full year", "the fiscal year", "year-end": in news, the current year (not
# "the year before", "the year ended March 31", "the year of the dragon").
THE_YEAR = _c(r"(?i:\bthe\s+(?:(?:full|whole|entire)\s+)?(?:(?:current|latest)\s+)?(?:fiscal\s+|calendar\s+)?year"
              r"(?![-'’\w])(?!\s+(?:before|earlier|after|ago|ended|ending|of|in\s+which|when|that|to|since|and)\b)"
              r"|\byear[-\s]end\b|\byear['’]s\s+end\b)")
# The year-ago expressions that point back from the last period named rather than from publication.
YEAR_BACK = _c(r"(?i:(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:a\s+|one\s+)?year[-\s](?:earlier|ago)"
               r"(?:\s+(?:quarter|period))?)")
HOLIDAY = _c(r"(?:(?P<rel>(?i:last|next|this))\s+)?(?P<h>Christmas\s+Eve|Christmas(?:\s+Day)?"
             r"|New\s+Year['’]s\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Halloween|Valentine['’]s\s+Day)(?![A-Za-z])")
# What every match of some rules contains, found in one quick scan of the text (each opens with plain letters
# or digits, so the re module skips straight to them instead of trying a pattern at every character): a text
# without it is spared those rules' scans. Half the news texts name no month, a third no year.
MONTH_NAME = re.compile(rf"(?:{_MON_FULL}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![A-Za-z])")
YEAR_DIGITS = re.compile(r"(?:1\d|20)\d\d(?![\d%]|[.,]\d)")
ISO_DIGITS = re.compile(r"\d-[01]\d-[0-3]\d")
# The words one of which each vague expression contains (in lower case).
VAGUE_WORDS = {"PRESENT_REF": ("now", "current", "present", "moment", "these"),
               "PAST_REF": ("past", "last", "recent", "ago"),
               "FUTURE_REF": ("soon", "future", "coming", "ahead", "someday")}

WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|['’]ll")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[\"“(]?[A-Z])|\n\s*\n")


# ------------------------------------------------------------------ tense / direction

def direction(text: str, flat: str, start: int, end: int, doc: Any = None) -> int:
    """PAST, NEUTRAL or FUTURE for the date at start..end, times FIRM when sure.

    ``flat`` is ``text`` with line breaks as spaces; ``doc`` an optional spaCy Doc over it.
    """
    before = [w.lower() for w in WORD.findall(flat[max(0, start - 30):start])[-2:]]
    if before[-1:] == ["since"]:
        return PAST * FIRM
    found = _doc_direction(doc, start, end) if doc is not None else None
    if found is None:
        found = _cue_direction(text, flat, start, end)
    until = (before[-1:] in (["until"], ["till"], ["through"])
             or before in (["ahead", "of"], ["early", "as"], ["soon", "as"], ["extended", "to"]))
    return FUTURE * FIRM if until and found >= 0 else found


def _doc_direction(doc: Any, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok, direct = span.root, True
    for _ in range(8):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            found = _verb_direction(tok)
            if found is None:
                return None
            # firm only when the verb the date hangs on (through prepositions) carries the tense
            return found[0] * (FIRM if direct and found[1] else 1)
        direct = direct and tok.pos_ in ("ADP", "SCONJ")
    return None


def _verb_direction(verb: Any) -> tuple[int, bool] | None:
    """(tense, read on this very verb) of a verb group, climbing non-finite verbs to a finite one."""
    infinitive, own = False, True
    for _ in range(5):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in auxes}
        if words & FUTURE_AUX:
            return FUTURE, own
        if words & {"has", "have"}:
            return PAST, own
        finite = [t for t in auxes + [verb] if "Fin" in t.morph.get("VerbForm")]
        tenses = {tense for t in finite for tense in t.morph.get("Tense")}
        if "Past" in tenses:
            return PAST, own
        if "Pres" in tenses:
            # "plans to meet Friday", "is expected to vote Friday": present + infinitive = future
            return (FUTURE if infinitive or verb.lower_ in FUTURE_VERBS else NEUTRAL), own
        infinitive, own = infinitive or "to" in words, False
        head = verb.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
            return None
        verb = head
    return None


# Words right before a day that make it one to come: "starting Oct. 1", "effective on Oct. 1".
FORWARD_LEADS = frozenset(["starting", "beginning", "effective", "begins", "starts", "commencing", "due"])
_FORWARD_WINDOW = 6  # words back to a future auxiliary ("will start on Oct. 1")


def looks_ahead(text: str, flat: str, start: int) -> bool:
    """Does the sentence look forward to the date at ``start``: a lead word right before it, or a
    future auxiliary before it in the same sentence with no past-tense word in between?"""
    lo, _hi = _sentence_bounds(text, start, start)
    left = [w.lower() for w in WORD.findall(flat[lo:start])][-_FORWARD_WINDOW:]
    if any(w in FORWARD_LEADS for w in left[-2:]):
        return True
    for i in range(len(left) - 1, -1, -1):
        if left[i] in FUTURE_AUX or left[i].endswith("'ll"):
            return True
        if _cue(left[i], left[i + 1] if i + 1 < len(left) else "") == PAST:
            return False
    return False


def _cue_direction(text: str, flat: str, start: int, end: int) -> int:
    """The nearest tense cue word in the same sentence (left side wins ties), or NEUTRAL."""
    lo, hi = _sentence_bounds(text, start, end)
    left = WORD.findall(flat[lo:start])[-_LEFT_WINDOW:]
    right = WORD.findall(flat[end:hi])[:_RIGHT_WINDOW]
    best: tuple[int, int, int] | None = None
    for side, words in ((0, left), (1, right)):
        order = range(len(words) - 1, -1, -1) if side == 0 else range(len(words))
        verb_distance = None
        for distance, i in enumerate(order, 1):
            cue = _cue(words[i], words[i + 1] if i + 1 < len(words) else "")
            if cue == PAST and side == 0 and i > 0 and words[i - 1].lower() in ("be", "being"):
                verb_distance = verb_distance or distance  # "will be held": the auxiliary has the tense
                continue
            if cue is not None:
                distance = min(distance, verb_distance or distance)
                if best is None or (distance, side) < best[:2]:
                    best = (distance, side, cue)
                break
    if best is None:
        return NEUTRAL
    return best[2] * (FIRM if best[0] <= 2 else 1)


def _cue(word: str, following: str) -> int | None:
    """The tense a word signals, given the word after it ("plans to" is future)."""
    w = word.lower().replace("’", "'")
    if w in FUTURE_WORDS or w.endswith("'ll") or w == "won't":
        return FUTURE
    if w in FUTURE_VERBS and w != "due" and following.lower() == "to":
        return FUTURE
    if w in PRESENT_WORDS:
        return NEUTRAL
    if w in PAST_WORDS or (word.islower() and len(w) > 4 and w.endswith("ed") and w not in NOT_PAST_ED):
        return PAST
    return None


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 300)
    for m in SENTENCE_END.finditer(text, lo, start):
        lo = m.end()
    nxt = SENTENCE_END.search(text, end, end + 300)
    return lo, (nxt.start() + 1 if nxt else min(len(text), end + 300))
