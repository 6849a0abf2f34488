"""The worst query shapes the parser accepts (issue 16), each timed over HTTP with all facets.

`make bench-search` prints them for its 100,000-article archive (target: none over 1 s).
On its own, on a small archive built from the first N corpus texts (spaCy, a minute or two):

    python -m bench.search.worst [--texts 300] [--data var/bench/worst-300]

The shapes come from the archive's own vocabulary: the widest prefix and wildcard the
bounds accept (search/bounds.py), prefixes ORed up to the cap, the most common words
ORed (boosted too) and ANDed to the longest query, phrases of common words (2 and 3
words, one word shared by all, with slop), NOT, ANDNOT, AND with NOT parts, the deepest page. The
refused shapes are timed too: they must be a quick 400. A 503 is a search stopped by
ARCHIVE_SEARCH_TIME_LIMIT (the server's budget; 2 s by default).
"""
from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path

from archive import ROOT, create_app, db, migrate, services
from archive.errors import ValidationError
from archive.ingest.records import validate
from archive.logic.ingest import ingest_articles
from archive.search.bounds import MAX_EXPANSION, MAX_PHRASES, MAX_SCANNED, bound
from archive.search.parser import MAX_DEPTH, MAX_PER_PAGE, MAX_QUERY, TEXT_FIELDS
from archive.search.query import text_query
from archive.settings import database_url
from bench.search import corpus
from bench.search.http import Client, path_for

RUNS = 3  # each shape's time is the slowest of these (the first one reads its postings cold)
REFUSED = [("leading wildcard", "*a"), ("range of words", "[a TO z]"), ("open range", "{a TO z}"),
           ("one-letter prefix", "a*"), ("ANDMAYBE", "said ANDMAYBE year"),
           (f"more than {MAX_PHRASES} phrases", " OR ".join(f'"word{n} other{n}"' for n in range(MAX_PHRASES + 1)))]


def shapes(reader) -> list[tuple[str, dict]]:
    """(label, search arguments) of the worst accepted shapes for this index, then the refused ones."""
    words = _words(reader)
    frequent = sorted(reader.most_frequent_terms("body", number=600), reverse=True)
    common = [word for _count, term in frequent if len(word := _text(term)) > 2 and word.isalpha()]
    prefixes = _prefix_counts(words)
    widest = max((p for p, n in prefixes.items() if len(p) == 2 and n <= MAX_EXPANSION), key=prefixes.get)
    accepted = [
        ("bare *: every article, newest first", {"q": "*"}),
        ("** and title:*", {"q": "** title:*"}),
        (f"widest accepted prefix ({prefixes[widest]} words)", {"q": f"{widest}*"}),
        ("prefixes ORed up to the cap", {"q": _or_prefixes(reader, prefixes)}),
        ("widest accepted wildcard", {"q": _widest_wildcard(words)}),
        ("common words ORed, longest q", {"q": _fill(common, " OR ")}),
        ("common words ANDed, longest q", {"q": _fill(common, " ")}),
        (f"{MAX_PHRASES} phrases of common words ORed",
         {"q": " OR ".join(f'"{a} {b}"' for a, b in list(zip(common[::2], common[1::2]))[:MAX_PHRASES])}),
        (f"{MAX_PHRASES} phrases of common words ORed, words up to 10 apart",
         {"q": " OR ".join(f'"{a} {b}"~10' for a, b in list(zip(common[::2], common[1::2]))[:MAX_PHRASES])}),
        ("common words, each boosted, ORed", {"q": " OR ".join(f"{word}^2" for word in common[:16])}),
        (f"{MAX_PHRASES} phrases sharing the commonest word",
         {"q": " OR ".join(f'"{common[0]} {word}"' for word in common[1:MAX_PHRASES + 1])}),
        (f"{MAX_PHRASES} phrases of 3 common words ORed",
         {"q": " OR ".join(f'"{" ".join(common[3 * n:3 * n + 3])}"' for n in range(MAX_PHRASES))}),
        ("NOT the commonest word", {"q": f"NOT {common[0]}"}),
        ("ANDNOT", {"q": f"{common[0]} ANDNOT {common[1]}"}),
        ("AND with NOT parts", {"q": f"{common[0]} -{common[1]} -{common[2]}"}),
        ("everything but the commonest word", {"q": f"* ANDNOT {common[0]}"}),
        ("commonest word, deepest page", {"q": common[0], "page": str(MAX_DEPTH // MAX_PER_PAGE),
                                          "per_page": str(MAX_PER_PAGE)}),
    ]
    return accepted + [(f"refused: {label}", {"q": q}) for label, q in REFUSED]


def _words(reader) -> dict[str, list[str]]:
    return {field: [_text(t) for t in reader.lexicon(field)] for field in TEXT_FIELDS}


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _prefix_counts(words: dict[str, list[str]]) -> Counter:
    """Words per 2- and 3-letter prefix, title and body together (as the cap counts them)."""
    return Counter(w[:size] for field in TEXT_FIELDS for w in words[field] for size in (2, 3) if len(w) >= size)


def _or_prefixes(reader, prefixes: Counter) -> str:
    """3-letter prefixes ORed while the bounds accept them (the costliest accepted OR). Each is checked
    by the bounds themselves: the parser stems a prefix (`res*` looks for `re*`)."""
    q = ""
    for prefix, _count in prefixes.most_common():
        longer = f"{q} OR {prefix}*" if q else f"{prefix}*"
        if len(prefix) == 3 and len(longer) <= MAX_QUERY and _accepted(reader, longer):
            q = longer
    return q


def _accepted(reader, q: str) -> bool:
    try:
        bound(text_query(q, reader.schema), reader)
    except ValidationError:
        return False
    return True


def _widest_wildcard(words: dict[str, list[str]]) -> str:
    """`xy*e`: the 2-letter start with the most words to look through that the bounds still accept."""
    by_start: dict[str, list[str]] = {}
    for field in TEXT_FIELDS:
        for word in words[field]:
            by_start.setdefault(word[:2], []).append(word)
    best, best_scanned = "", -1
    for start, started in by_start.items():
        kept = sum(word.endswith("e") for word in started if len(word) > 2)
        if len(start) == 2 and best_scanned < len(started) <= MAX_SCANNED and kept <= MAX_EXPANSION:
            best, best_scanned = f"{start}*e", len(started)
    return best


def _fill(parts: list[str], joint: str) -> str:
    """As many parts as fit in the longest query the parser takes."""
    q = ""
    for part in parts:
        longer = f"{q}{joint}{part}" if q else part
        if len(longer) > MAX_QUERY:
            break
        q = longer
    return q


def timed_rows(base: str, cases: list[tuple[str, dict]]) -> list[tuple[str, str, str, str]]:
    """Rows (measure, value, target, note) in bench.search's table: the slowest of RUNS and its status."""
    client, rows = Client(base), []
    for label, params in cases:
        results = [client.get(path_for("/api/v1/search", params)) for _ in range(RUNS)]
        statuses = sorted({status for status, _ms in results})
        slowest = max(ms for _status, ms in results)
        target = "400, at once" if label.startswith("refused") else "<= 1000 ms"
        note = params["q"] if len(params["q"]) <= 70 else f"{params['q'][:67]}... ({len(params['q'])} chars)"
        rows.append((f"worst shape: {label}", f"{slowest:.0f} ms ({'/'.join(map(str, statuses))})", target, note))
    return rows


def measure(app, base: str) -> list[tuple[str, str, str, str]]:
    """The shapes of the archive `app` serves at `base`, timed."""
    with app.app_context():
        cases = shapes(services.index_store().searcher().reader())
        services.index_store().close()
    return timed_rows(base, cases)


def build_small(app, texts: int) -> int:
    """Ingest the first `texts` corpus texts through the real path (spaCy included); articles stored."""
    with app.app_context():
        session = db.new_session()
        records = [validate(article) for article in corpus.base_texts()[:texts]]
        for first in range(0, len(records), 100):
            ingest_articles(session, services.index_store(), records[first:first + 100], services.model_name())
        session.close()
    return len(records)


def main() -> None:
    from tests.servers import gunicorn

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    data = args.data or ROOT / "var" / "bench" / f"worst-{args.texts}"
    app = create_app({"DATA_DIR": str(data), "DATABASE_URL": None})
    migrate.upgrade(database_url(app.config))
    with app.app_context():
        empty = services.index_store().doc_count() == 0 if services.index_store().exists() else True
    if empty:
        print(f"building {args.texts} articles in {data} ...", flush=True)
        build_small(app, args.texts)
    with gunicorn(data, workers=1) as (base, _env):
        rows = measure(app, base)
    width = max(len(r[0]) for r in rows)
    for name, value, target, note in rows:
        print(f"{name:{width}}  {value:>16}  {target:14}  {note}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
