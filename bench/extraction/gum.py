"""GUM (shared/data/gum): named mentions with a Wikipedia identity, in six genres of today's English.

Each document's text is rebuilt from its tokens (SpaceAfter=No honoured), a blank line between
paragraphs, so every mention has exact character offsets. Only mentions that carry an identity
and whose head token is a proper name (NNP/NNPS) are scored: person and organization are actors,
place is a place, and named event, object and abstract mentions (awards, films, programmes,
languages) must be neither.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from archive.extract import DEFAULT_MODEL
from bench.extraction.archive_run import StoredMention, stored_mentions
from bench.extraction.runner import Mention
from bench.extraction.scoring import Row, bcubed_f1

GUM_DIR = Path("/work/shared/data/gum/conllu")
KINDS = {"person": "person", "organization": "organization", "place": "place"}
NOT_KINDS = {"event", "object", "abstract"}
_OPEN = re.compile(r"\((\d+)-([a-z]+)-([^()]*)")
_CLOSE = re.compile(r"(\d+)\)")


@dataclass(frozen=True)
class GoldMention:
    etype: str      # person | organization | place | event | object | abstract
    identity: str   # Wikipedia title, shared across documents
    start: int      # the whole mention
    end: int
    head_start: int  # its head token, the part a predicted span must overlap
    head_end: int


@dataclass
class Document:
    name: str
    text: str
    title: str
    published: date | None
    gold: list[GoldMention] = field(default_factory=list)

    @property
    def scored(self) -> list[GoldMention]:
        """Identity-bearing person, organisation and place mentions."""
        return [m for m in self.gold if m.etype in KINDS and m.identity]

    @property
    def not_entities(self) -> list[GoldMention]:
        """Identity-bearing named events, objects and abstractions: neither actors nor places."""
        return [m for m in self.gold if m.etype in NOT_KINDS and m.identity]


@dataclass
class _Token:
    index: int
    form: str
    xpos: str
    head: int
    misc: str
    start: int = 0
    end: int = 0


def load(limit: int | None = None, folder: Path = GUM_DIR) -> list[Document]:
    docs = []
    for path in sorted(folder.glob("GUM_*.conllu")):
        docs.append(read(path))
        if limit and len(docs) >= limit:
            break
    return docs


def read(path: Path) -> Document:
    """One CoNLL-U file as text with its scored gold mentions."""
    reader = _Reader()
    meta: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::"):
            key, _, value = line[len("# meta::"):].partition(" = ")
            meta[key] = value
        elif line.startswith("# newpar") and not line.startswith("# newpar_block"):
            reader.separate("\n\n")
        elif line.startswith("# text = "):
            reader.separate(" ")
        elif not line.strip():
            reader.end_sentence()
        elif not line.startswith("#"):
            reader.add(line.split("\t"))
    reader.end_sentence()
    gold = [m for tokens in reader.sentences for m in _mentions(tokens)]
    return Document(path.stem, reader.text.rstrip(), meta.get("title", ""), _published(meta), gold)


class _Reader:
    """Builds the text token by token; a multi-word range ('participants’' = 2 words) is written
    once and its words placed inside it."""

    def __init__(self) -> None:
        self.text = ""
        self.sentences: list[list[_Token]] = []
        self.sentence: list[_Token] = []
        self.surface, self.surface_start, self.range_end, self.cursor = "", 0, 0, 0

    def separate(self, gap: str) -> None:
        if self.text and not self.text.endswith("\n\n"):
            self.text = self.text.rstrip(" ") + gap

    def end_sentence(self) -> None:
        if self.sentence:
            self.sentences.append(self.sentence)
            self.sentence = []
        self.range_end = 0  # token numbers start again in the next sentence

    def add(self, cols: list[str]) -> None:
        if "." in cols[0]:
            return  # an empty node: no surface
        if "-" in cols[0]:
            self.surface, self.surface_start, self.cursor = cols[1], len(self.text), 0
            self.range_end = int(cols[0].split("-")[1])
            self.text += cols[1] + ("" if "SpaceAfter=No" in cols[9] else " ")
            return
        index = int(cols[0])
        token = _Token(index, cols[1], cols[4], int(cols[6]) if cols[6].isdigit() else 0, cols[9])
        if index <= self.range_end:
            found = self.surface.find(token.form, self.cursor)
            if found < 0:
                token.start, token.end = self.surface_start, self.surface_start + len(self.surface)
            else:
                token.start, token.end = self.surface_start + found, self.surface_start + found + len(token.form)
                self.cursor = found + len(token.form)
        else:
            token.start, token.end = len(self.text), len(self.text) + len(token.form)
            self.text += token.form + ("" if "SpaceAfter=No" in token.misc else " ")
        self.sentence.append(token)

def _mentions(tokens: list[_Token]) -> list[GoldMention]:
    """The sentence's mentions headed by a proper name (identity-bearing or not)."""
    opened: dict[str, list] = {}  # id -> [etype, identity, first token position]
    spans = []
    for position, token in enumerate(tokens):
        entity = next((part[len("Entity="):] for part in token.misc.split("|") if part.startswith("Entity=")), "")
        for match in _OPEN.finditer(entity):
            fields = match.group(3).split("-")
            identity = fields[5] if len(fields) > 5 else ""
            opened[match.group(1)] = [match.group(2), identity, position]
            if match.group(3).endswith(")") or entity[match.end():match.end() + 1] == ")":
                spans.append(opened.pop(match.group(1)) + [position])
        for match in _CLOSE.finditer(_without_openings(entity)):
            if match.group(1) in opened:
                spans.append(opened.pop(match.group(1)) + [position])
    return [m for m in (_gold(tokens, *span) for span in spans) if m is not None]


def _without_openings(entity: str) -> str:
    return _OPEN.sub(lambda match: "", entity)


def _gold(tokens: list[_Token], etype: str, identity: str, first: int, last: int) -> GoldMention | None:
    """A named mention; one without an identity is not scored, but a predicted span that matches it
    best is its, not a nested mention's: 'Andy Warhol Foundation for the Visual Arts' (no identity)
    is not a mis-typed 'Andy Warhol'."""
    if etype not in KINDS and etype not in NOT_KINDS:
        return None
    inside = tokens[first:last + 1]
    indexes = {t.index for t in inside}
    head = next((t for t in inside if t.head not in indexes), inside[-1])
    if head.xpos not in ("NNP", "NNPS"):
        return None
    return GoldMention(etype, identity, inside[0].start, inside[-1].end, head.start, head.end)


def _published(meta: dict[str, str]) -> date | None:
    try:
        return date.fromisoformat(meta.get("dateCreated", "")[:10])
    except ValueError:
        return None


def score(docs: list[Document], ours: list[list[Mention]], baseline: list[list[Mention]],
          model: str = DEFAULT_MODEL) -> list[Row]:
    """Every figure for us and the bare model; cross-document identity from one real archive
    extracting with `model`."""
    stored = stored_mentions([(doc.text, doc.title, doc.published) for doc in docs], model)
    mine = [_found(doc, predicted) for doc, predicted in zip(docs, ours)]
    theirs = [_found(doc, predicted) for doc, predicted in zip(docs, baseline)]
    rows = [_recall_row(kind, mine, theirs) for kind in ("person", "organization", "place", None)]
    rows.append(Row("gum", "kind accuracy", _kind_accuracy(mine), _kind_accuracy(theirs),
                    "of the mentions found"))
    rows.append(Row("gum", "identity B3 within doc", _within(docs, mine), _within(docs, theirs),
                    "of the mentions found"))
    across_mine = [(gold.identity, f"{stored_id}") for doc, found in zip(docs, stored)
                   for gold, stored_id in _stored_ids(doc, found)]
    across_theirs = [(gold.identity, mention.entity) for found in theirs for gold, mention in found if mention]
    rows.append(Row("gum", "identity B3 across docs", bcubed_f1(across_mine), bcubed_f1(across_theirs),
                    f"{len(docs)} docs in one archive"))
    wrong = [_wrong_kind(doc, predicted) for doc, predicted in zip(docs, ours)]
    wrong_base = [_wrong_kind(doc, predicted) for doc, predicted in zip(docs, baseline)]
    total = sum(len(doc.not_entities) for doc in docs)
    rows.append(Row("gum", "event/object/abstract as entity", sum(wrong) / total, sum(wrong_base) / total,
                    f"n={total}; lower is better"))
    return rows + _news_rows(docs, mine, theirs, wrong, wrong_base)


def _news_rows(docs: list[Document], mine, theirs, wrong: list[int], wrong_base: list[int]) -> list[Row]:
    """The same figures over GUM's news documents alone (Wikinews): the text most like an archive's."""
    news = [i for i, doc in enumerate(docs) if is_news(doc)]
    if not news:
        return []
    total = sum(len(docs[i].not_entities) for i in news)

    def pick(found: list) -> list:
        return [found[i] for i in news]
    return [Row("gum", "news: all recall", _recall(pick(mine)), _recall(pick(theirs)), f"{len(news)} docs"),
            Row("gum", "news: kind accuracy", _kind_accuracy(pick(mine)), _kind_accuracy(pick(theirs)), ""),
            Row("gum", "news: event/object/abstract", sum(pick(wrong)) / total, sum(pick(wrong_base)) / total,
                f"n={total}; lower is better")]


def is_news(doc: Document) -> bool:
    """One of GUM's news stories (its file is GUM_news_*)."""
    return doc.name.startswith("GUM_news_")


def _align(text: str, golds: list[GoldMention], spans: list) -> dict[GoldMention, object]:
    """Each predicted span (anything with start and end) scores against ONE gold mention: among those
    whose head token it covers, those whose head is the span's own head if any, and of these the one
    whose whole span it matches best (character overlap over union). GUM nests mentions ('Copenhagen'
    inside 'University of Copenhagen'); a flat prediction of the university is the university, not also
    a second, mis-typed mention of the city, and 'Centre for Social Evolution' is the centre of 'the
    Centre for Social Evolution at the University of Copenhagen', not the field nested in it."""
    best: dict[GoldMention, tuple[float, object]] = {}
    for span in spans:
        over = [g for g in golds if span.start < g.head_end and g.head_start < span.end]
        if not over:
            continue
        head = span_head(text, span.start, span.end)
        over = [g for g in over if g.head_start <= head < g.head_end] or over
        gold = max(over, key=lambda g: (_overlap(g, span), g.end - g.start))
        score = _overlap(gold, span)
        if gold not in best or score > best[gold][0]:
            best[gold] = (score, span)
    return {gold: span for gold, (_score, span) in best.items()}


def span_head(text: str, start: int, end: int) -> int:
    """Where the head word of a name starts: its last word ('New York Times': 'Times'), or the last before
    'of', 'for', 'at', 'in' or 'on' ('Centre for Social Evolution': 'Centre')."""
    name = text[start:end]
    cut = _HEAD_CUT.search(name)
    if cut is not None:
        name = name[:cut.start()]
    last = name.rstrip().rfind(" ")
    return start + (last + 1 if last >= 0 else 0)


_HEAD_CUT = re.compile(r"\s(?:of|for|at|in|on)\s")


def _overlap(gold: GoldMention, span) -> float:
    shared = min(gold.end, span.end) - max(gold.start, span.start)
    return max(shared, 0) / (max(gold.end, span.end) - min(gold.start, span.start))


def _hits(doc: Document, predicted: list[Mention]) -> dict[GoldMention, Mention]:
    """The predicted actor or place span of each gold mention (scored and not-entity) it matched."""
    spans = [m for m in predicted if m.kind in ("actor", "place")]
    return _align(doc.text, doc.gold, spans)  # type: ignore[return-value]


def _found(doc: Document, predicted: list[Mention]) -> list[tuple[GoldMention, Mention | None]]:
    hits = _hits(doc, predicted)
    return [(gold, hits.get(gold)) for gold in doc.scored]


def _recall_row(kind: str | None, mine, theirs) -> Row:
    total = sum(1 for doc in mine for g, _m in doc if kind is None or g.etype == kind)
    return Row("gum", f"{kind or 'all'} recall", _recall(mine, kind), _recall(theirs, kind), f"n={total}")


def _recall(found, kind: str | None = None) -> float:
    pairs = [(g, m) for doc in found for g, m in doc if kind is None or g.etype == kind]
    return sum(m is not None for _g, m in pairs) / len(pairs) if pairs else 0.0


def _kind_accuracy(found) -> float:
    pairs = [(g, m) for doc in found for g, m in doc if m is not None]
    return sum(KINDS[g.etype] == m.label for g, m in pairs) / len(pairs) if pairs else 0.0


def _within(docs: list[Document], found) -> float:
    return bcubed_f1([((doc.name, g.identity), (doc.name, m.entity))
                      for doc, pairs in zip(docs, found) for g, m in pairs if m is not None])


def _stored_ids(doc: Document, stored: list[StoredMention]) -> list[tuple[GoldMention, int]]:
    hits = _align(doc.text, doc.gold, stored)
    return [(gold, hits[gold].entity_id) for gold in doc.scored if gold in hits]  # type: ignore[attr-defined]


def _wrong_kind(doc: Document, predicted: list[Mention]) -> int:
    hits = _hits(doc, predicted)
    return sum(gold in hits for gold in doc.not_entities)
