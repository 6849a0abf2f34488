"""Build the benchmark archive through the project's own ingestion path.

Distinct texts are extracted once (two processes) and the extractions saved to
a cache file; articles are stored in batches and the index is then built from
the database in one pass (as `archive reindex` does); cycled copies reuse their original's extraction,
varied (corpus.varied), so a rebuild with the cache skips spaCy entirely.
"""
from __future__ import annotations

import hashlib
import pickle
import time
from pathlib import Path

from archive import db, services
from archive.index.sync import rebuild
from archive.ingest.records import validate
from archive.logic.ingest import ingest_articles
from archive.logic.pool import ExtractionPool
from bench.search import corpus

BATCH = 500


def extract_bases(bases: list[dict], model: str, cache: Path, processes: int = 2) -> tuple[list, dict]:
    """Extractions of the distinct texts, from the cache file when it has them all and was written
    by the same extraction code and model (a stale cache held objects the code no longer reads)."""
    cache = cache.with_name(f"{cache.stem}-{_extraction_version(model)}{cache.suffix}")
    if cache.exists():
        saved = pickle.loads(cache.read_bytes())
        if len(saved) >= len(bases):
            return saved[:len(bases)], {"cached": True}
    pool = ExtractionPool(model, processes)
    items = [(b["body"], validate(b).published_at.date()) for b in bases]
    pool(items[:16])  # start the workers before timing
    start = time.perf_counter()
    extractions = []
    for first in range(0, len(items), 256):
        extractions.extend(pool(items[first:first + 256]))
    seconds = time.perf_counter() - start
    pool.close()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(extractions))
    words = sum(len(body.split()) for body, _day in items)
    return extractions, {"cached": False, "seconds": seconds, "words_per_s": words / seconds}


def _extraction_version(model: str) -> str:
    """A short digest of the model name and every file of archive/extract (code and word lists)."""
    digest = hashlib.sha256(model.encode())
    folder = Path(__file__).resolve().parents[2] / "archive" / "extract"
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def ingest(app, articles: list[tuple[int, dict]], extractions: list, progress=print) -> dict:
    """Store every article (DB rows + index) in batches, extraction taken from `extractions`."""
    start = time.perf_counter()
    with app.app_context():
        session, store = db.new_session(), services.index_store()
        for first in range(0, len(articles), BATCH):
            batch = articles[first:first + BATCH]
            records = [validate(article) for _base, article in batch]
            by_body = {article["body"]: extractions[base] if number < len(extractions)
                       else corpus.varied(extractions[base], number, extractions)
                       for number, (base, article) in enumerate(batch, start=first)}
            ingest_articles(session, store, records, services.model_name(), sync=False,
                            extractor=lambda items, lookup=by_body: [lookup[body] for body, _day in items])
            session.expunge_all()
            progress(f"  stored {first + len(batch):,} / {len(articles):,}")
        stored = time.perf_counter() - start
        progress("  indexing from the database (archive reindex)")
        rebuild(session, store)
        session.close()
    seconds = time.perf_counter() - start
    return {"database_seconds": stored, "seconds": seconds, "articles_per_s": len(articles) / seconds}


def build(app, count: int, cache: Path) -> dict:
    bases = corpus.base_texts()
    with app.app_context():
        extractions, extraction = extract_bases(bases, services.model_name(), cache)
    stored = ingest(app, corpus.cycled(count, bases), extractions)
    return {"distinct_texts": len(bases), "extraction": extraction, "store": stored}
