"""The second peer: Datasette over HTTP on the same rows and queries (installed when it can be).

Datasette gets its own virtual environment (var/bench/datasette-venv, from
requirements-datasette.txt), so none of its packages meet the archive's. Its
database holds one row per article with the actor and place ids as JSON arrays
(what `_facet_array` counts) and the publication month (what `_facet` counts),
and an FTS5 table it finds by its `content="articles"` option. Queries go in as
FTS5 expressions (`_searchmode=raw`), written as the in-process FTS5 peer writes them.
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from bench.search.fts import fts_query
from bench.search.http import latencies
from tests.servers import free_port

REQUIREMENTS = Path(__file__).with_name("requirements-datasette.txt")
# Datasette's defaults stop a facet after 200 ms and a query after 1 s, and then leave the facet
# out of the answer: raised so that every answer is complete, as ours are.
SETTINGS = {"facet_time_limit_ms": "30000", "sql_time_limit_ms": "30000"}


def install(venv: Path) -> Path | str:
    """The datasette command, installing it first when needed; a reason string when it can't be."""
    command = venv / "bin" / "datasette"
    if command.exists():
        return command
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                        "-r", str(REQUIREMENTS)], check=True, capture_output=True, text=True, timeout=900)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        return f"not installable: {str(detail).strip().splitlines()[-1][:120]}"
    return command


def build(archive_db: Path, target: Path) -> None:
    """One row per article (title, body, month, actor and place id arrays) and its FTS5 table."""
    target.unlink(missing_ok=True)
    con = sqlite3.connect(target)
    con.execute(f"ATTACH DATABASE '{archive_db}' AS src")
    con.executescript("""
        CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT, month TEXT, actors TEXT, places TEXT);
        INSERT INTO articles
            SELECT a.id, a.title, a.body, substr(a.published_at, 1, 7),
                   (SELECT json_group_array(CAST(l.entity_id AS TEXT)) FROM src.article_entities l
                      JOIN src.entities e ON e.id = l.entity_id
                     WHERE l.article_id = a.id AND e.kind IN ('person', 'organization')),
                   (SELECT json_group_array(CAST(l.entity_id AS TEXT)) FROM src.article_entities l
                      JOIN src.entities e ON e.id = l.entity_id
                     WHERE l.article_id = a.id AND e.kind = 'place')
              FROM src.articles a;
        CREATE INDEX articles_month ON articles(month);
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content="articles", content_rowid="id",
                                                     tokenize='porter');
        INSERT INTO articles_fts(rowid, title, body) SELECT id, title, body FROM articles;
    """)
    con.commit()
    con.close()


@contextmanager
def serve(command: Path, database: Path):
    """Yield the base URL of `datasette serve` on a free loopback port."""
    port = free_port()
    settings = [arg for name, value in SETTINGS.items() for arg in ("--setting", name, value)]
    with open(database.with_suffix(".log"), "wb") as log:
        process = subprocess.Popen([str(command), "serve", str(database), "--port", str(port), *settings],
                                   stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, process, database.with_suffix(".log"))
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_ready(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 180  # Datasette imports for several seconds on a busy machine
    while True:
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=5):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.5)


def paths(table: str, queries: list[dict], facets: bool) -> list[str]:
    out = []
    for query in queries:
        params = [("_search", fts_query(query["q"])), ("_searchmode", "raw"), ("_size", "20")]
        if "actor" in query:
            params.append(("actors__arraycontains", query["actor"]))
        if facets:
            params += [("_facet_array", "actors"), ("_facet_array", "places"), ("_facet", "month")]
        out.append(f"{table}.json?{urlencode(params)}")
    return out


def run(archive_db: Path, workdir: Path, queries: list[dict], venv: Path) -> dict | str:
    """{"plain": latencies, "faceted": latencies} over HTTP, or why Datasette was not run."""
    command = install(venv)
    if isinstance(command, str):
        return command
    database = workdir / "datasette.db"
    build(archive_db, database)
    with serve(command, database) as base:
        table = f"/{database.stem}/articles"
        return {"plain": latencies(base, paths(table, queries, facets=False)),
                "faceted": latencies(base, paths(table, queries, facets=True))}
