"""Run our extraction and the bare spaCy model over the same texts, timing both."""
from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from archive.extract import DEFAULT_MODEL, Extraction, extract_many
from archive.extract.nlp import load

BATCH_SIZE = 16
ACTOR_LABELS = {"PERSON", "ORG"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
KIND_OF_LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass(frozen=True)
class Mention:
    """One predicted span, the common currency of every scorer."""

    kind: str  # actor | place | date
    start: int
    end: int
    text: str
    value: str | None = None  # dates: the TimeML value
    place: object = None      # places: archive.extract.places.Place, when resolved
    label: str | None = None  # actors and places: person | organization | place
    entity: str | None = None  # which entity of its text: same value, same entity


@dataclass
class Timing:
    """Words and seconds per system, summed over every data set of a run."""

    words: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: {"ours": 0.0, "baseline": 0.0})

    def words_per_second(self, system: str) -> float:
        return self.words / self.seconds[system] if self.seconds[system] else 0.0


def warm_up(model: str = DEFAULT_MODEL) -> None:
    """Load spaCy and the gazetteers before any clock starts."""
    extract_many([("President Kassym-Jomart Tokayev flew from Almaty to Moscow on Monday.", date(2022, 1, 6))],
                  model)


def run_both(items: Sequence[tuple[str, date | None]], timing: Timing,
             model: str = DEFAULT_MODEL) -> tuple[list[list[Mention]], list[list[Mention]]]:
    """(ours, baseline) mentions per text; the clock covers extraction and parsing only."""
    texts = [text for text, _published in items]
    nlp = load(model)
    _settle()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    middle = time.perf_counter()
    _settle()
    resumed = time.perf_counter()
    extractions = extract_many(items, model)
    finished = time.perf_counter()
    timing.words += sum(len(text.split()) for text in texts)
    timing.seconds["baseline"] += middle - started
    timing.seconds["ours"] += finished - resumed
    return [ours_mentions(e) for e in extractions], [baseline_mentions(doc) for doc in docs]


def _settle() -> None:
    """Collect and freeze what earlier data sets left (scored documents, gold annotations), so
    neither side pays for full garbage collections over the bench's own growing heap."""
    gc.collect()
    gc.freeze()


def ours_mentions(extraction: Extraction) -> list[Mention]:
    found = set()
    for kind, entities in (("actor", extraction.actors), ("place", extraction.places)):
        for entity in entities:
            found |= {Mention(kind, m.start, m.end, m.text, place=entity.place, label=entity.kind,
                              entity=f"{kind}:{entity.key}") for m in entity.mentions}
    found |= {Mention("date", d.start, d.end, d.text, d.value) for d in extraction.dates}
    return sorted(found, key=lambda m: (m.start, m.end, m.kind))


def baseline_mentions(doc) -> list[Mention]:
    found = []
    for ent in doc.ents:
        kind = ("actor" if ent.label_ in ACTOR_LABELS else "place" if ent.label_ in PLACE_LABELS
                else "date" if ent.label_ == "DATE" else None)
        if kind == "date":
            found.append(Mention(kind, ent.start_char, ent.end_char, ent.text))
        elif kind:  # the bare model's entity: the same name string
            found.append(Mention(kind, ent.start_char, ent.end_char, ent.text, label=KIND_OF_LABEL[ent.label_],
                                 entity=f"{kind}:{ent.text}"))
    return found
