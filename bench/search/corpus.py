"""The benchmark corpus: Reuters-21578 and BBC news texts, cycled to any size.

Copies beyond the first pass get a short trailer line so that they are new
articles (not duplicates) while their extraction is the original's, varied
(`varied`). So that postings at a million articles are not a few thousand
patterns repeated, each copy also gets its own date (any day of forty years)
and source (one of a few dozen outlets, a few of them common).
"""
from __future__ import annotations

import html
import random
import re
from datetime import datetime, timedelta

from archive import ROOT
from archive.extract import Extraction

DATA = ROOT.parent / "shared" / "data"
_DOC = re.compile(r"<REUTERS.*?</REUTERS>", re.DOTALL)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.DOTALL) for name in ("DATE", "TITLE", "BODY")}
TRAILER = "\n\n(Archive copy {copy}.)"
OUTLETS = ("Reuters", "BBC", "Associated Press", "Agence France-Presse", "Bloomberg", "The Guardian",
           "The Times", "Financial Times", "Al Jazeera", "Deutsche Welle", "NPR", "The Hindu",
           "Sydney Morning Herald", "Le Monde", "El País", "Kyodo", "Xinhua", "CBC", "RTÉ", "The Irish Times",
           "Los Angeles Times", "Chicago Tribune", "The Straits Times", "Mail & Guardian")
OUTLET_WEIGHTS = [1 / (rank + 1) for rank in range(len(OUTLETS))]  # a few outlets write most copies
FIRST_DAY, DAYS = datetime(1987, 1, 1), 40 * 365
LEFT_OUT = 0.25  # the share of a copy's actors and places it does not name


def reuters() -> list[dict]:
    articles = []
    for path in sorted((DATA / "reuters21578").glob("reut2-*.sgm")):
        for doc in _DOC.findall(path.read_text(encoding="latin-1")):
            fields = {k: (m.group(1) if (m := rx.search(doc)) else "") for k, rx in _FIELD.items()}
            body = html.unescape(fields["BODY"]).replace("\x03", "").strip()
            body = re.sub(r"\s*Reuter\s*$", "", body)
            if len(body.split()) < 20:
                continue
            stamp = datetime.strptime(fields["DATE"].split()[0], "%d-%b-%Y")  # some times are malformed
            articles.append({"title": html.unescape(fields["TITLE"]).strip().title() or None, "body": body,
                             "published_at": stamp.isoformat(), "source": "Reuters"})
    return articles


def bbc() -> list[dict]:
    articles, start = [], datetime(2004, 1, 1)
    for number, path in enumerate(sorted((DATA / "news" / "bbc").glob("*/*.txt"))):
        text = path.read_bytes().decode("utf-8", errors="replace")
        title, _, body = text.partition("\n")
        articles.append({"title": title.strip(), "body": body.strip(), "source": "BBC",
                         "published_at": (start + timedelta(hours=7 * number)).isoformat()})
    return articles


def base_texts() -> list[dict]:
    """Every distinct text, Reuters and BBC interleaved so any prefix mixes both."""
    first, second = reuters(), bbc()
    ratio = max(1, len(first) // max(1, len(second)))
    mixed = []
    for index, article in enumerate(first):
        mixed.append(article)
        if index % ratio == 0 and index // ratio < len(second):
            mixed.append(second[index // ratio])
    mixed.extend(second[len(first) // ratio + 1:])
    return mixed


def cycled(count: int, bases: list[dict]) -> list[tuple[int, dict]]:
    """(index of the base text, article) pairs, `count` long: the first pass as the texts are, each
    later copy with its trailer, a day and an outlet of its own (the same for the same `count`)."""
    out = []
    for number in range(count):
        base_index, copy = number % len(bases), number // len(bases)
        article = dict(bases[base_index])
        if copy:
            chance = random.Random(number)
            article["body"] += TRAILER.format(copy=copy)
            stamp = FIRST_DAY + timedelta(days=chance.randrange(DAYS), hours=chance.randrange(24))
            article["published_at"] = stamp.isoformat()
            article["source"] = chance.choices(OUTLETS, OUTLET_WEIGHTS)[0]
        out.append((base_index, article))
    return out


def varied(extraction: Extraction, number: int, extractions: list[Extraction]) -> Extraction:
    """The extraction of copy `number` of a text: about a quarter of its actors and places left out
    (one of each kept) and an actor and a place of another text added, so that the copies of a text
    do not all name the same entities. The same `number` gives the same mix. An added entity keeps its
    own text's mention offsets, so a bench archive's article page may mark other words for it."""
    chance = random.Random(-number)
    other = extractions[chance.randrange(len(extractions))]

    def mix(own: list, others: list) -> list:
        kept = [found for found in own if chance.random() >= LEFT_OUT] or own[:1]
        keys = {(found.kind, found.key) for found in kept}
        return kept + [found for found in others[:1] if (found.kind, found.key) not in keys]

    return Extraction(mix(extraction.actors, other.actors), mix(extraction.places, other.places), extraction.dates)
