"""Ingestion speed: our whole bulk path (extraction + database + index, two processes)
beside the bare spaCy NER on the same texts with the same two processes."""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from archive import create_app, migrate
from archive.extract import DEFAULT_MODEL
from archive.ingest.files import RawItem
from archive.logic.bulk import INGEST_BATCH, BulkIngest
from archive.settings import database_url
from bench.search import corpus

NER_ONLY_EXCLUDE = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def bare_ner(texts: list[str], processes: int = 2) -> float:
    import spacy

    nlp = spacy.load(DEFAULT_MODEL, exclude=NER_ONLY_EXCLUDE)
    list(nlp.pipe(texts[:32], n_process=1))
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, n_process=processes, batch_size=64):
        pass
    return sum(len(t.split()) for t in texts) / (time.perf_counter() - start)


def ours(articles: list[dict], processes: int = 2) -> float:
    with tempfile.TemporaryDirectory() as folder:
        return _timed_ingest(folder, articles, processes)


def _timed_ingest(folder: str, articles: list[dict], processes: int = 2) -> float:
    """Words/s of `archive ingest`'s path over `articles`, into the archive in `folder` (after a warm-up)."""
    app = create_app({"DATA_DIR": folder, "DATABASE_URL": None})
    migrate.upgrade(database_url(app.config))
    with app.app_context():
        BulkIngest(workers=processes).run_items([RawItem("warm", {"body": "Warm up in Paris."})])
        bulk = BulkIngest(batch_size=INGEST_BATCH, workers=processes)  # as `archive ingest` runs
        start = time.perf_counter()
        summary = bulk.run_items(RawItem(str(n), a) for n, a in enumerate(articles))
        seconds = time.perf_counter() - start
    app.extensions["archive.index"].close()
    assert not summary.failed, summary.text()[:500]  # the corpus repeats a few texts: duplicates
    return sum(len(a["body"].split()) for a in articles) / seconds


def measure(sample: int, rounds: int = 2, archive: Path | None = None) -> list[tuple]:
    """Best of `rounds` for each side, taken in turns: on this machine one run of either
    varies by up to 15% from the next, which alone moved the ratio from 0.75 to 0.90.
    With `archive`, also one run into a copy of that built archive (not timed: the copying)."""
    articles = corpus.base_texts()[:sample]
    bare, mine = [], []
    for _round in range(rounds):
        bare.append(bare_ner([a["body"] for a in articles]))
        mine.append(ours(articles))
    runs = ", ".join(f"{b:,.0f}/{m:,.0f}" for b, m in zip(bare, mine))
    note = f"bare NER {max(bare):,.0f} words/s, ratio {max(mine) / max(bare):.2f} (best of {rounds}; bare/ours {runs})"
    rows = [("bulk ingestion with extraction (words/s)", f"{max(mine):,.0f}", ">= 0.8 x bare NER", note)]
    if archive is not None:
        count, speed = into_copy_of(archive, articles)
        rows.append((f"  the same, into the {count:,}-article archive", f"{speed:,.0f}", "",
                     f"ratio {speed / max(bare):.2f} to the bare NER above (one run; new copies of stored stories)"))
    return rows


def into_copy_of(archive: Path, articles: list[dict]) -> tuple[int, float]:
    """(articles the archive held, words/s) ingesting `articles`, each as a new copy of a story it
    holds (another wire's version), into a copy of the archive's database and index."""
    copies = [dict(a, body=a["body"] + corpus.TRAILER.format(copy=999)) for a in articles]
    with tempfile.TemporaryDirectory() as folder:
        source, target = sqlite3.connect(archive / "archive.db"), sqlite3.connect(Path(folder) / "archive.db")
        with target:
            source.backup(target)
        count = target.execute("select count(*) from articles").fetchone()[0]
        source.close()
        target.close()
        shutil.copytree(archive / "index", Path(folder) / "index")
        return count, _timed_ingest(folder, copies)
