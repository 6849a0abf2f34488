"""Actors and places on CoNLL-2003 dev (eng.testa): span F1 and document-level F1.

Each document's text is its tokens joined by single spaces (sentences too), so every gold
entity has exact character offsets. PER and ORG are actors, LOC places, MISC is ignored;
the tags are IOB1 (B- only where two entities of one type touch).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.extraction.runner import Mention
from bench.extraction.scoring import Counts, Row, prf_rows

DEV_FILE = Path("/work/shared/data/conll2003/dev.txt")
KIND = {"PER": "actor", "ORG": "actor", "LOC": "place"}
KINDS = ("actor", "place")
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass
class Document:
    text: str
    gold: list[Mention]


def load(limit: int | None = None, path: Path = DEV_FILE) -> list[Document]:
    docs = []
    for tokens in _documents(path):
        docs.append(_document(tokens))
        if limit and len(docs) >= limit:
            break
    return docs


def _documents(path: Path) -> Iterator[list[tuple[str, str]]]:
    tokens: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if tokens:
                yield tokens
            tokens = []
        elif line.strip():
            parts = line.split()
            tokens.append((parts[0], parts[-1]))
    if tokens:
        yield tokens


def _document(tokens: list[tuple[str, str]]) -> Document:
    text, gold, offset = [], [], 0
    current: list | None = None  # [label, start, end]
    for word, tag in tokens:
        start, end = offset, offset + len(word)
        text.append(word)
        offset = end + 1
        prefix, _, label = tag.partition("-")
        if current and (tag == "O" or label != current[0] or prefix == "B"):
            gold.append(current)
            current = None
        if tag == "O":
            continue
        if current:
            current[2] = end
        else:
            current = [label, start, end]
    if current:
        gold.append(current)
    joined = " ".join(text)
    mentions = [Mention(KIND[label], s, e, joined[s:e]) for label, s, e in gold if label in KIND]
    return Document(joined, mentions)


def normalise(text: str) -> str:
    """Case- and punctuation-insensitive form of a mention for document-level scoring."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def score(docs: list[Document], ours: list[list[Mention]], baseline: list[list[Mention]]) -> list[Row]:
    rows = []
    for kind in KINDS:
        for level, scorer in (("span", _span_counts), ("doc", _doc_counts)):
            ours_counts, base_counts = Counts(), Counts()
            for doc, mine, theirs in zip(docs, ours, baseline):
                gold = [m for m in doc.gold if m.kind == kind]
                scorer(ours_counts, [m for m in mine if m.kind == kind], gold)
                scorer(base_counts, [m for m in theirs if m.kind == kind], gold)
            rows += prf_rows("conll-dev", f"{kind} {level}", ours_counts, base_counts)
    return rows


def _span_counts(counts: Counts, predicted: list[Mention], gold: list[Mention]) -> None:
    predicted_spans = {(m.start, m.end) for m in predicted}
    gold_spans = {(m.start, m.end) for m in gold}
    counts.add(len(predicted_spans & gold_spans), len(predicted_spans), len(gold_spans))


def _doc_counts(counts: Counts, predicted: list[Mention], gold: list[Mention]) -> None:
    predicted_names = {normalise(m.text) for m in predicted} - {""}
    gold_names = {normalise(m.text) for m in gold} - {""}
    counts.add(len(predicted_names & gold_names), len(predicted_names), len(gold_names))
