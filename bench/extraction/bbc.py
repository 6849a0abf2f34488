"""BBC identity check (issue 15): one person, one actor, on news the rules were not written for.

A fixed sample of SAMPLE articles of `shared/data/news/bbc` (random.Random(SEED).sample over
the sorted file list) is posted through the JSON API (`POST /api/v1/articles/batch`, the
Flask test client against a real app in a temporary folder); each file goes in whole, its
first line (the headline) included, as the body. Reported, beside the bare spaCy model
(each distinct PERSON/ORG text an actor):
- split pairs per 100 articles: two person actors of one article where one is the other's
  surname, alone or after a title, and only one person of the article has that surname;
- among the 100 most frequent actors, how many are a surname or titled variant of another;
- the 30 most frequent actors and places, for a human read.
`python -m bench.extraction.bbc [--sample N] [--model NAME]`; `python -m bench.extraction` runs it last.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from archive import create_app, migrate
from archive.extract import DEFAULT_MODEL
from archive.extract.names import fold, without_title
from archive.extract.nlp import load as load_nlp
from archive.settings import database_url, from_environment
from bench.extraction.scoring import Row

BBC_DIR = Path("/work/shared/data/news/bbc")
SAMPLE, SEED, TOP = 400, 15, 100
TOKEN = "bench-token"
ACTOR_LABELS = {"PERSON", "ORG"}


def load(sample: int = SAMPLE, root: Path = BBC_DIR) -> list[tuple[str, str]]:
    """(headline, whole text) of the fixed sample, in file order."""
    paths = sorted(root.glob("*/*.txt"))
    chosen = sorted(random.Random(SEED).sample(paths, min(sample, len(paths))))
    texts = [path.read_bytes().decode("utf-8", errors="replace").strip() for path in chosen]
    return [(text.splitlines()[0][:300], text) for text in texts]


def ingest(docs: list[tuple[str, str]], folder: str, model: str = DEFAULT_MODEL) -> list[dict]:
    """Post the documents through the API of an archive extracting with `model`; return each stored
    article as GET returns it."""
    app = create_app({"DATA_DIR": folder, "DATABASE_URL": None, "ADMIN_TOKEN": TOKEN, "INDEX_FOLLOW_INTERVAL": 0,
                      "JOB_WORKER": "external", "SPACY_MODEL": model})
    migrate.upgrade(database_url(app.config))
    client, auth = app.test_client(), {"Authorization": f"Bearer {TOKEN}"}
    ids = []
    for first in range(0, len(docs), 50):
        batch = [{"title": title, "body": body} for title, body in docs[first:first + 50]]
        reply = client.post("/api/v1/articles/batch", headers=auth, json={"articles": batch}).get_json()
        ids += [result["id"] for result in reply["results"] if "id" in result]
    articles = [client.get(f"/api/v1/articles/{article_id}").get_json() for article_id in ids]
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()
    return articles


def split_pairs(people: list[str]) -> int:
    """Pairs (short, full) of one article's person names where `short` is, after any title,
    the last word of `full` and `full` is the article's only longer name with that surname."""
    longer: dict[str, list[str]] = {}
    for name in people:
        words = fold(without_title(name)).split()
        if len(words) > 1:
            longer.setdefault(words[-1], []).append(name)
    pairs = 0
    for name in people:
        bare = fold(without_title(name))
        if " " not in bare and len(longer.get(bare, [])) == 1 and longer[bare][0] != name:
            pairs += 1
    return pairs


def variants(names: list[str]) -> list[tuple[str, str]]:
    """(variant, name) among `names`: a surname or titled form of another of them."""
    found = []
    for name in names:
        bare = fold(without_title(name))
        for other in names:
            words = fold(other).split()
            if other != name and (bare == fold(other) or (" " not in bare and len(words) > 1 and words[-1] == bare)):
                found.append((name, other))
                break
    return found


def measure(per_article: list[dict[str, list[str]]], articles: int) -> dict:
    """The figures from each article's person and actor names (and places, to print)."""
    pairs = sum(split_pairs(names["persons"]) for names in per_article)
    actors = Counter(name for names in per_article for name in set(names["actors"]))
    places = Counter(name for names in per_article for name in set(names["places"]))
    top = [name for name, _count in actors.most_common(TOP)]
    return {"pairs_per_100": 100 * pairs / articles, "pairs": pairs, "variants": variants(top),
            "actors": actors.most_common(30), "places": places.most_common(30)}


def ours(articles: list[dict]) -> dict:
    per_article = [{"persons": [a["name"] for a in art["actors"] if a["kind"] == "person"],
                    "actors": [a["name"] for a in art["actors"]], "places": [p["name"] for p in art["places"]]}
                   for art in articles]
    return measure(per_article, len(articles))


def baseline(docs: list[tuple[str, str]], model: str = DEFAULT_MODEL) -> dict:
    per_article = []
    for doc in load_nlp(model).pipe([text for _title, text in docs], batch_size=16):
        ents = {(" ".join(ent.text.split()), ent.label_) for ent in doc.ents}
        per_article.append({"persons": [t for t, label in ents if label == "PERSON"],
                            "actors": [t for t, label in ents if label in ACTOR_LABELS],
                            "places": [t for t, label in ents if label in {"GPE", "LOC", "FAC"}]})
    return measure(per_article, len(docs))


def run(sample: int = SAMPLE, model: str = DEFAULT_MODEL) -> tuple[list[Row], str]:
    """The table rows and the printed lists, ours and the bare pipeline both with `model`."""
    docs = load(sample)
    with tempfile.TemporaryDirectory() as folder:
        mine = ours(ingest(docs, folder, model))
    bare = baseline(docs, model)
    note = f"{len(docs)} articles"
    rows = [Row("bbc", "split pairs / 100 articles", mine["pairs_per_100"], bare["pairs_per_100"], note),
            Row("bbc", f"variants in top {TOP} actors", len(mine["variants"]), len(bare["variants"]), note)]
    return rows, report(mine)


def report(figures: dict) -> str:
    lines = ["variants in the top actors: " + ", ".join(f"{a} ~ {b}" for a, b in figures["variants"])]
    for kind in ("actors", "places"):
        lines.append(f"top 30 {kind}: " + "; ".join(f"{name} {count}" for name, count in figures[kind]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction.bbc", description=__doc__)
    parser.add_argument("--sample", type=int, default=SAMPLE, help=f"articles (default {SAMPLE})")
    parser.add_argument("--model", default=None, help="the spaCy pipeline (default: ARCHIVE_SPACY_MODEL's)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows, text = run(args.sample, args.model or from_environment()["SPACY_MODEL"])
    for row in rows:
        print(f"{row.dataset}\t{row.metric}\tours {row.ours:.2f}\tbare {row.baseline:.2f}\t{row.note}")
    print(text)
    print(f"wall time {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
