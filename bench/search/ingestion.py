"""Ingestion speed: our whole bulk path (extraction + database + index, two processes)
beside the bare spaCy NER on the same texts with the same two processes.

`python -m bench.search.ingestion [--reuters 3000] [--sample 1000] [--rounds 2]` prints the
rows alone (the corpus row and the short Reuters wire texts row) without building an archive.
"""
from __future__ import annotations

import argparse
import os
import resource
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
from bench.extraction import reuters
from bench.search import corpus

NER_ONLY_EXCLUDE = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def bare_ner(texts: list[str], processes: int = 2) -> tuple[float, float]:
    """(words/s, CPU seconds) of the bare NER over `texts`, after loading the model."""
    import spacy

    nlp = spacy.load(DEFAULT_MODEL, exclude=NER_ONLY_EXCLUDE)
    list(nlp.pipe(texts[:32], n_process=1))
    start, cpu = time.perf_counter(), _cpu()
    for _doc in nlp.pipe(texts, n_process=processes, batch_size=64):
        pass
    return sum(len(t.split()) for t in texts) / (time.perf_counter() - start), _cpu() - cpu


def ours(articles: list[dict], processes: int = 2) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        return _timed_ingest(folder, articles, processes)


def _timed_ingest(folder: str, articles: list[dict], processes: int = 2) -> tuple[float, float]:
    """(words/s, CPU seconds) of `archive ingest`'s path over `articles`, into the archive in `folder`
    (after a warm-up that loads the model)."""
    app = create_app({"DATA_DIR": folder, "DATABASE_URL": None})
    migrate.upgrade(database_url(app.config))
    with app.app_context():
        BulkIngest(workers=processes).run_items([RawItem("warm", {"body": "Warm up in Paris."})])
        bulk = BulkIngest(batch_size=INGEST_BATCH, workers=processes)  # as `archive ingest` runs
        start, cpu = time.perf_counter(), _cpu()
        summary = bulk.run_items(RawItem(str(n), a) for n, a in enumerate(articles))
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    app.extensions["archive.index"].close()
    assert not summary.failed, summary.text()[:500]  # the corpus repeats a few texts: duplicates
    return sum(len(a["body"].split()) for a in articles) / seconds, cpu


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the extraction workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(sample: int, rounds: int = 2, archive: Path | None = None, short: int = 0) -> list[tuple]:
    """Best of `rounds` for each side, taken in turns: on this machine one run of either
    varies by up to 15% from the next, which alone moved the ratio from 0.75 to 0.90.
    With `archive`, also one run into a copy of that built archive (not timed: the copying);
    with `short`, also the row of that many short Reuters-21578 wire texts (issue 20)."""
    rows, bare = [], 0.0
    if sample:
        articles = corpus.base_texts()[:sample]
        row, bare = compared("bulk ingestion with extraction (words/s)", articles, rounds, ">= 0.8 x bare NER")
        rows.append(row)
    if short:  # before the copy of a large archive, whose gigabytes the kernel would be writing meanwhile
        rows.append(compared(f"  the same, {short:,} short Reuters texts", reuters_articles(short), rounds,
                             ">= 0.85 x bare NER")[0])
    if sample and archive is not None:
        count, (speed, _cpu) = into_copy_of(archive, articles)
        rows.insert(1, (f"  the same, into the {count:,}-article archive", f"{speed:,.0f}", "",
                        f"ratio {speed / bare:.2f} to the bare NER above (one run; new copies of stored stories)"))
    return rows


def compared(name: str, articles: list[dict], rounds: int, target: str) -> tuple[tuple, float]:
    """The bench row of our path against the bare NER over `articles`: best of `rounds` in turns (bare,
    ours, bare, ours), with the CPU seconds each side's best run took (itself and its workers); and the
    bare NER's best words/s."""
    bare, mine = [], []
    for _round in range(rounds):
        os.sync()  # no run pays for writing back another step's files (a copied archive is gigabytes)
        bare.append(bare_ner([a["body"] for a in articles]))
        os.sync()
        mine.append(ours(articles))
    (best_bare, bare_cpu), (best_mine, mine_cpu) = max(bare), max(mine)
    runs = ", ".join(f"{b:,.0f}/{m:,.0f}" for (b, _), (m, _) in zip(bare, mine))
    words = sum(len(a["body"].split()) for a in articles)
    note = (f"bare NER {best_bare:,.0f} words/s, ratio {best_mine / best_bare:.2f} (best of {rounds}; bare/ours "
            f"{runs}; CPU s bare {bare_cpu:.1f}, ours {mine_cpu:.1f}; {len(articles):,} texts of "
            f"{words / len(articles):.0f} words; load {os.getloadavg()[0]:.2f})")
    return (name, f"{best_mine:,.0f}", target, note), best_bare


def reuters_articles(count: int) -> list[dict]:
    """The first `count` Reuters-21578 stories as `archive ingest` reads them: body, day and source."""
    return [{"body": doc.text, "source": "Reuters",
             "published_at": doc.published.isoformat() if doc.published else None}
            for doc in reuters.load(count)]


def into_copy_of(archive: Path, articles: list[dict]) -> tuple[int, tuple[float, float]]:
    """(articles the archive held, (words/s, CPU seconds)) ingesting `articles`, each as a new copy of a story it
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
        os.sync()  # the copy written back before the timed run, not during it
        return count, _timed_ingest(folder, copies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=1000, help="corpus texts of the first row (0: no such row)")
    parser.add_argument("--reuters", type=int, default=3000, help="Reuters-21578 texts of the short-text row (0: none)")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    for row in measure(args.sample, args.rounds, short=args.reuters):
        print("  ".join(row), flush=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
