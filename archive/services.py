"""Process-wide service handles, created lazily (the index opens on first use)."""
from __future__ import annotations

from flask import Flask, current_app

from archive.index import IndexStore
from archive.ingest.unpack import UnpackLimits
from archive.settings import index_dir


def init_app(app: Flask) -> None:
    app.extensions["archive.index"] = IndexStore(index_dir(app.config))


def index_store() -> IndexStore:
    return current_app.extensions["archive.index"]


def model_name() -> str:
    return current_app.config["SPACY_MODEL"]


def max_article_chars() -> int:
    return current_app.config["MAX_ARTICLE_CHARS"]


def unpack_limits() -> UnpackLimits:
    """How far compressed input may unpack (ARCHIVE_MAX_DECOMPRESSED_BYTES, ARCHIVE_MAX_EXPANSION_RATIO)."""
    return UnpackLimits.from_config(current_app.config)


def search_time_limit() -> float:
    return current_app.config["SEARCH_TIME_LIMIT"]


def map_places() -> int:
    """Most places the search page's map draws (ARCHIVE_MAP_PLACES; 0: no map)."""
    return current_app.config["MAP_PLACES"]
