"""`python -m bench.extraction [--limit N] [--json PATH]`: one table, ours beside the bare model."""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict

from bench.extraction import conll, geo, gum, reuters, timeml
from bench.extraction.runner import Timing, run_both, warm_up
from bench.extraction.scoring import Row, format_table

DATASETS = (("conll-dev", conll), ("timeml", timeml), ("geowebnews", geo), ("reuters", reuters), ("gum", gum))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="documents per data set (default: all; "
                        f"Reuters: the first {reuters.DEFAULT_SAMPLE} with a body and places)")
    parser.add_argument("--json", metavar="PATH", help="also save the figures as JSON")
    parser.add_argument("--only", choices=[name for name, _module in DATASETS], action="append",
                        help="run only this data set (repeatable)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    warm_up()
    timing, rows = Timing(), []
    for name, module in DATASETS:
        if args.only and name not in args.only:
            continue
        docs = module.load(args.limit)
        items = [(doc.text, getattr(doc, "published", None)) for doc in docs]
        ours, baseline = run_both(items, timing)
        rows += module.score(docs, ours, baseline)
        print(f"{name}: {len(docs)} documents", file=sys.stderr)
    rows.append(Row("all", "words/second", timing.words_per_second("ours"), timing.words_per_second("baseline"),
                    f"{timing.words:,} words"))
    print(format_table(rows))
    elapsed = time.perf_counter() - started
    print(f"\nwall time {elapsed:.0f} s", file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"rows": [asdict(row) for row in rows], "seconds": elapsed, "limit": args.limit}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
