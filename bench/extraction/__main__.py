"""`python -m bench.extraction [--limit N] [--json PATH] [--model NAME]`: one table, ours beside the bare model."""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict

from archive.settings import from_environment
from bench.extraction import bbc, conll, geo, gum, reuters, timeml
from bench.extraction.runner import Timing, run_both, warm_up
from bench.extraction.scoring import Row, format_table

DATASETS = (("conll-dev", conll), ("timeml", timeml), ("geowebnews", geo), ("reuters", reuters), ("gum", gum))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="documents per data set (default: all; "
                        f"Reuters: the first {reuters.DEFAULT_SAMPLE} with a body and places)")
    parser.add_argument("--json", metavar="PATH", help="also save the figures as JSON")
    parser.add_argument("--only", choices=[name for name, _module in DATASETS] + ["bbc"], action="append",
                        help="run only this data set (repeatable)")
    parser.add_argument("--model", default=None, help="the spaCy pipeline (package name or folder) for our extraction "
                        "and the bare model alike (default: ARCHIVE_SPACY_MODEL's)")
    args = parser.parse_args(argv)
    model = args.model or from_environment()["SPACY_MODEL"]
    print(f"model: {model}", file=sys.stderr)
    started = time.perf_counter()
    warm_up(model)
    timing, rows = Timing(), []
    for name, module in DATASETS:
        if args.only and name not in args.only:
            continue
        docs = module.load(args.limit)
        items = [(doc.text, getattr(doc, "published", None)) for doc in docs]
        ours, baseline = run_both(items, timing, model)
        if module is gum:  # its cross-document identity ingests the texts into a real archive: same model
            rows += gum.score(docs, ours, baseline, model)
        else:
            rows += module.score(docs, ours, baseline)
        print(f"{name}: {len(docs)} documents", file=sys.stderr)
    if timing.words:  # not when only the BBC check ran
        rows.append(Row("all", "words/second", timing.words_per_second("ours"), timing.words_per_second("baseline"),
                        f"{timing.words:,} words"))
    lists = ""
    if not args.only or "bbc" in args.only:  # the identity check ingests through the API: its own clock
        bbc_rows, lists = bbc.run(args.limit or bbc.SAMPLE, model)
        rows += bbc_rows
    print(format_table(rows))
    if lists:
        print("\n" + lists)
    elapsed = time.perf_counter() - started
    print(f"\nwall time {elapsed:.0f} s", file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"rows": [asdict(row) for row in rows], "seconds": elapsed, "limit": args.limit,
                       "model": model}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
