"""The spaCy pipeline, loaded lazily once per process and only where extraction runs."""
from __future__ import annotations

import gc
import logging
import re
import threading
import time
from collections.abc import Iterable, Iterator

# Extraction needs only the entity recogniser: the tagger, parser and lemmatizer
# would double the time per article (dates read the tense without them, see dates_rules).
EXCLUDED_PIPES = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")
_MODELS: dict[str, object] = {}  # loaded pipelines by name
_LOADING = threading.Lock()  # held while a pipeline loads
log = logging.getLogger(__name__)


def load(model_name: str):
    """Load an installed spaCy pipeline by package name (never from the network), once per process:
    a thread asking while another loads it waits for that load instead of loading a second copy."""
    model = _MODELS.get(model_name)
    if model is None:
        with _LOADING:
            model = _MODELS.get(model_name)
            if model is None:
                started = time.monotonic()
                import spacy  # imported here so that importing archive never pulls in spaCy

                model = _MODELS[model_name] = spacy.load(model_name, exclude=list(EXCLUDED_PIPES))
                # The model is hundreds of thousands of long-lived objects: out of the collector's
                # reach, no full collection walks them again (a quarter second each in a bulk ingest's
                # parent and its forked extraction processes, which inherit the frozen set).
                gc.collect()
                gc.freeze()
                log.info("spaCy model %s loaded in %.1f s", model_name, time.monotonic() - started)
    return model


def state(model_name: str) -> str:
    """`loaded`, `loading` (some thread is loading a model) or `not loaded`."""
    if model_name in _MODELS:
        return "loaded"
    return "loading" if _LOADING.locked() else "not loaded"


def load_in_background(model_name: str) -> threading.Thread:
    """Start loading the model in a daemon thread, so that no request of this process waits the
    seconds it takes (a request arriving meanwhile waits only for the rest of it)."""
    def run() -> None:
        try:
            load(model_name)
        except Exception:
            log.exception("loading the spaCy model failed; the first extraction will try again")
            return
        gc.collect()  # load() froze the model when it loaded it; the app may have grown meanwhile
        gc.freeze()

    thread = threading.Thread(target=run, name="model-loader", daemon=True)
    thread.start()
    return thread


def unwrap(text: str) -> str:
    """Turn hard line wraps into spaces; the length is unchanged so offsets stay valid."""
    return _SINGLE_NEWLINE.sub(" ", text)


def parse_many(model_name: str, texts: Iterable[str], batch_size: int = 32) -> Iterator:
    """spaCy docs for the texts (unwrapped), in order, batched through nlp.pipe. (Batches of 32, what a
    bulk ingest extracts at a time: with the rules run between them, 64 cost 1-6% more CPU.)"""
    nlp = load(model_name)
    return nlp.pipe((unwrap(text) for text in texts), batch_size=batch_size)
