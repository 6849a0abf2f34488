"""After the run: compare what was acknowledged with the database, the index and search."""
from __future__ import annotations

import random
import re
import sqlite3
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from whoosh import index

from bench.reliability.load import Article, request

# Whole words as the index's tokenizer cuts them (\w+ joined by single dots): 'stanbul' inside the hostile
# clients' 'İstanbul', or 'btom' inside the ticker '<BTOM.MI>' (one word: 'btom.mi'), is no word of the article.
_WORD = re.compile(r"(?<![\w.])(?<!\w\.)[A-Za-z]{4,}(?!\w)(?!\.\w)")

HALF_WRITTEN = {
    "article without its change-log row":
        "select count(*) from articles a where not exists (select 1 from changes c where c.article_id = a.id)",
    "mention of a missing article":
        "select count(*) from mentions m left join articles a on a.id = m.article_id where a.id is null",
    "entity link of a missing article":
        "select count(*) from article_entities l left join articles a on a.id = l.article_id where a.id is null",
    "date of a missing article":
        "select count(*) from article_dates d left join articles a on a.id = d.article_id where a.id is null",
}


def database_rows(db_path: Path) -> tuple[dict[int, str], list[str]]:
    """{article id: content hash} and the integrity problems found (none expected)."""
    problems = []
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        if (result := connection.execute("pragma integrity_check").fetchone()[0]) != "ok":
            problems.append(f"integrity_check: {result}")
        if connection.execute("pragma foreign_key_check").fetchall():
            problems.append("foreign_key_check found rows")
        for name, sql in HALF_WRITTEN.items():
            if count := connection.execute(sql).fetchone()[0]:
                problems.append(f"{name}: {count}")
        rows = dict(connection.execute("select id, content_hash from articles"))
    return rows, problems


def last_change(db_path: Path) -> int:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        return connection.execute("select coalesce(max(seq), 0) from changes").fetchone()[0]


def index_ids(index_dir: Path) -> Counter:
    """How many index documents each article id has."""
    ix = index.open_dir(str(index_dir))
    try:
        with ix.searcher() as searcher:
            return Counter(int(fields["id"]) for fields in searcher.all_stored_fields())
    finally:
        ix.close()


def search_query(article: Article, rng: random.Random) -> str:
    """Words of the article's own body, all required: the article must be among the hits."""
    words = sorted({w.lower() for w in _WORD.findall(article.data["body"])})
    return " ".join(rng.sample(words, min(6, len(words))))


def dup_groups(db_path: Path) -> dict[int, int]:
    """{article id: its near-duplicate group} (an article alone is its own group)."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        return dict(connection.execute("select id, coalesce(dup_group_id, id) from articles"))


def not_found_by_search(base: str, sample: list[tuple[Article, int]], groups: dict[int, int],
                        seed: int = 7) -> list[tuple[int, str, int, str]]:
    """(id, query, status, text) of sampled acknowledged articles that a search for their own words does not return, itself
    or as its near-duplicate group (search shows each group once: its best-ranked member)."""
    rng, missing = random.Random(seed), []
    for article, article_id in sample:
        query = {"q": search_query(article, rng), "per_page": 100, "facets": "none"}
        status, body = request(base, "GET", "/api/v1/search?" + urlencode(query))
        shown = {groups.get(hit["id"], hit["id"]) for hit in body.get("results", [])}
        if status != 200 or groups.get(article_id, article_id) not in shown:
            missing.append((article_id, query["q"], status, article.data["body"][:160]))
    return missing
