"""In-process search profile on a built archive: python -m bench.search.profile [--repeat 3] [--profile b].

Runs the benchmark's query classes through run_search directly and through the
Flask test client (no gunicorn, no sockets), prints medians and p95 per class,
and with --profile the top cumulative functions of one class under cProfile.
--dump FILE saves every search's ids, scores and facets (to compare two versions).
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import statistics
import time
from pathlib import Path

from archive import ROOT, create_app, db, migrate, services
from archive.search import parse_args, run_search
from archive.settings import database_url
from bench.search import corpus
from bench.search.http import path_for
from bench.search.queries import build_queries


def query_classes(actors: list[str]) -> dict[str, list[dict]]:
    """The bench's (a)-(d) request arguments, as in bench/search/__main__.py."""
    queries = build_queries(corpus.base_texts(), actors)
    return {
        "a": [{**q, "facets": "none"} for q in queries],
        "b": list(queries),
        "c": [{**q, "facets": "none", "sort": "newest"} for q in queries],
        "d": [{"actor": a, "published_from": "1987-03", "published_to": "1987-06", "facets": "none"}
              for a in actors[:20]] * 10,
    }


def direct(app, args: dict):
    """run_search without HTTP (what the view calls after parsing)."""
    with app.test_request_context(path_for("/api/v1/search", args)):
        from flask import request

        session = db.session()
        try:
            return run_search(session, services.index_store(), parse_args(request.args))
        finally:
            session.close()


def timed(fn, items: list, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        for item in items:
            start = time.perf_counter()
            fn(item)
            times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return f"p50 {statistics.median(ordered):7.1f}  p95 {p95:7.1f}  p99 {p99:7.1f} ms  (n={len(ordered)})"


def outcome(result) -> dict:
    return {"total": result.total, "ids": [h.article.id for h in result.hits],
            "scores": [h.score for h in result.hits], "snippets": [h.snippet for h in result.hits],
            "facets": {name: [(r["value"], r["count"]) for r in f["results"]] + [f["truncated"]]
                       for name, f in result.facets.items()}}


STAGES = [("archive.search.result", "resolve_entities"), ("archive.search.postings", "matches"),
          ("archive.search.result", "published_mask"), ("archive.search.ranking", "scores_of"),
          ("archive.search.ranking", "first_of_groups"), ("archive.search.result", "_load"),
          ("archive.search.result", "snippet"), ("archive.search.result", "_facets"),
          ("archive.search.result", "facet_labels"), ("archive.search.collapse", "annotate"),
          ("archive.search.collapse", "group_total")]


def time_stages() -> dict[str, list[float]]:
    """Wrap the search's stages with timers (no profiler overhead): name -> ms per call."""
    import importlib

    spent: dict[str, list[float]] = {}
    for module_name, name in STAGES:
        module = importlib.import_module(module_name)
        inner = getattr(module, name)

        def timed_stage(*args, _inner=inner, _name=name, **kwargs):
            start = time.perf_counter()
            try:
                return _inner(*args, **kwargs)
            finally:
                spent.setdefault(_name, []).append((time.perf_counter() - start) * 1000)

        setattr(module, name, timed_stage)
    return spent


def memory() -> str:
    """Resident memory now: total, anonymous (this process's own) and file-backed (mapped index, shared)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    mb = {key: int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "RssAnon", "RssFile")}
    return f"rss {mb['VmRSS']:.0f} MB (anonymous {mb['RssAnon']:.0f}, file-backed {mb['RssFile']:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench" / "search-100000")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--classes", default="abcd")
    parser.add_argument("--limit", type=int, default=200, help="queries of each class")
    parser.add_argument("--profile", default="", help="classes to run under cProfile")
    parser.add_argument("--profile-http", action="store_true", help="profile through the test client instead")
    parser.add_argument("--http", action="store_true", help="also time through the Flask test client")
    parser.add_argument("--stages", action="store_true", help="time each stage of run_search (ms per search)")
    parser.add_argument("--dump", type=Path, help="write every search's outcome as JSON")
    args = parser.parse_args()
    app = create_app({"DATA_DIR": str(args.data), "DATABASE_URL": None})
    migrate.upgrade(database_url(app.config))
    client = app.test_client()
    start = time.perf_counter()
    actors = [str(a["id"]) for a in client.get("/api/v1/actors").get_json()["results"]]
    with app.app_context():
        services.index_store().searcher()
    print(f"open: {time.perf_counter() - start:.2f} s")
    classes = {name: items[:args.limit] for name, items in query_classes(actors).items()}
    first = time.perf_counter()
    direct(app, classes["b"][0])
    print(f"first faceted search: {(time.perf_counter() - first) * 1000:.0f} ms, "
          f"maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, {memory()}")
    if args.dump:
        dump = {name: [outcome(direct(app, q)) for q in classes[name]] for name in args.classes}
        args.dump.write_text(json.dumps(dump))
        print(f"wrote {args.dump}")
    spent = time_stages() if args.stages else {}
    for name in args.classes:
        items = classes[name]
        spent.clear()
        for q in items[:20]:
            direct(app, q)
        print(f"({name}) run_search  {summary(timed(lambda q: direct(app, q), items, args.repeat))}")
        if args.http:
            paths = [path_for("/api/v1/search", q) for q in items]
            print(f"({name}) test client {summary(timed(client.get, paths, args.repeat))}")
        searches = len(items) * args.repeat * (2 if args.http else 1)
        for stage, times in spent.items():
            print(f"    {stage:18} {sum(times) / searches:6.2f} ms per search (median call {statistics.median(times):.2f})")
    print(f"maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, {memory()}")
    for name in args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for q in classes[name]:
            client.get(path_for("/api/v1/search", q)) if args.profile_http else direct(app, q)
        profiler.disable()
        print(f"\n--- profile of ({name}), {len(classes[name])} searches")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
