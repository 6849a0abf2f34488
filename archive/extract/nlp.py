"""The spaCy pipeline, loaded lazily once per process and only where extraction runs."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

# Extraction needs only the entity recogniser: the tagger, parser and lemmatizer
# would double the time per article (dates read the tense without them, see dates_rules).
EXCLUDED_PIPES = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


@lru_cache(maxsize=2)
def load(model_name: str):
    """Load an installed spaCy pipeline by package name (never from the network)."""
    import spacy  # imported here so that importing archive never pulls in spaCy

    return spacy.load(model_name, exclude=list(EXCLUDED_PIPES))


def unwrap(text: str) -> str:
    """Turn hard line wraps into spaces; the length is unchanged so offsets stay valid."""
    return _SINGLE_NEWLINE.sub(" ", text)


def parse_many(model_name: str, texts: Iterable[str], batch_size: int = 64) -> Iterator:
    """spaCy docs for the texts (unwrapped), in order, batched through nlp.pipe."""
    nlp = load(model_name)
    return nlp.pipe((unwrap(text) for text in texts), batch_size=batch_size)
