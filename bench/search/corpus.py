"""The benchmark corpus: Reuters-21578 and BBC news texts, cycled to any size.

Copies beyond the first pass get a short trailer line so that they are new
articles (not duplicates) while their extraction stays that of the original.
"""
from __future__ import annotations

import html
import re
from datetime import datetime, timedelta

from archive import ROOT

DATA = ROOT.parent / "shared" / "data"
_DOC = re.compile(r"<REUTERS.*?</REUTERS>", re.DOTALL)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.DOTALL) for name in ("DATE", "TITLE", "BODY")}
TRAILER = "\n\n(Archive copy {copy}.)"


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
    """(index of the base text, article) pairs, `count` long."""
    out = []
    for number in range(count):
        base_index, copy = number % len(bases), number // len(bases)
        article = dict(bases[base_index])
        if copy:
            article["body"] += TRAILER.format(copy=copy)
            stamp = datetime.fromisoformat(article["published_at"]) + timedelta(days=copy)
            article["published_at"] = stamp.isoformat()
        out.append((base_index, article))
    return out
