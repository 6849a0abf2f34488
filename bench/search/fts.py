"""The peer: SQLite FTS5 with GROUP BY facets over the same rows, queried in-process."""
from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from bench.search.http import summarize

_TOKEN = re.compile(r'"[^"]*"|\S+')


def build(archive_db: Path, target: Path) -> float:
    """Copy the archive's rows into an FTS5 database; returns seconds taken."""
    start = time.perf_counter()
    target.unlink(missing_ok=True)
    con = sqlite3.connect(target)
    con.execute(f"ATTACH DATABASE '{archive_db}' AS src")
    con.executescript("""
        CREATE TABLE articles AS SELECT id, title, body, published_at FROM src.articles;
        CREATE TABLE links AS SELECT a.article_id, a.entity_id, e.kind FROM src.article_entities a
            JOIN src.entities e ON e.id = a.entity_id;
        CREATE INDEX links_article ON links(article_id);
        CREATE INDEX links_entity ON links(entity_id, article_id);
        CREATE VIRTUAL TABLE fts USING fts5(title, body, content='articles', content_rowid='id',
                                            tokenize='porter');
        INSERT INTO fts(rowid, title, body) SELECT id, title, body FROM articles;
    """)
    con.commit()
    con.close()
    return time.perf_counter() - start


def fts_query(q: str) -> str:
    return " AND ".join(t if t.startswith('"') else f'"{t}"' for t in _TOKEN.findall(q))


def run(target: Path, queries: list[dict], facets: bool) -> dict:
    con = sqlite3.connect(target)
    times = []
    for query in queries[:20] + queries:
        start = time.perf_counter()
        _search(con, query, facets)
        times.append((time.perf_counter() - start) * 1000)
    con.close()
    return summarize(times[20:])


def _search(con: sqlite3.Connection, query: dict, facets: bool) -> None:
    match = fts_query(query["q"])
    where, args = "fts MATCH ?", [match]
    if "actor" in query:
        where += " AND +rowid IN (SELECT article_id FROM links WHERE entity_id = ?)"
        args.append(int(query["actor"]))
    con.execute(f"SELECT rowid FROM fts WHERE {where} ORDER BY bm25(fts) LIMIT 20", args).fetchall()
    if not facets:
        return
    matching = f"SELECT rowid FROM fts WHERE {where}"
    for kind in ("person', 'organization", "place"):
        con.execute(f"SELECT entity_id, count(*) n FROM links WHERE kind IN ('{kind}') AND article_id IN "
                    f"({matching}) GROUP BY entity_id ORDER BY n DESC LIMIT 10", args).fetchall()
    con.execute(f"SELECT substr(published_at, 1, 7) m, count(*) FROM articles WHERE id IN ({matching}) "
                "GROUP BY m ORDER BY m", args).fetchall()
