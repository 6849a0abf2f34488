"""python -m bench.search.table A.json B.json ...: runs of `python -m bench.search --json PATH` at
several sizes, one column each, the measures as rows (issue 20's table at 10k, 100k and 1M)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def main(paths: list[str]) -> None:
    runs = [json.loads(Path(path).read_text()) for path in paths]
    names: list[str] = []
    for run in runs:
        names += [_measure(row[0]) for row in run["rows"] if _measure(row[0]) not in names]
    values = [{_measure(row[0]): row[1] for row in run["rows"]} for run in runs]
    width = max(len(name) for name in names)
    print(f"{'measure':{width}}  " + "  ".join(f"{run['articles']:>24,}" for run in runs))
    for name in names:
        print(f"{name:{width}}  " + "  ".join(f"{value.get(name, '-'):>24}" for value in values))


def _measure(name: str) -> str:
    """A row's measure without the counts that differ by size ('into the 98,003-article archive',
    'export of 100,000 rows'), so that one row holds it at every size."""
    return _COUNT.sub("N", name)


_COUNT = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")


if __name__ == "__main__":
    main(sys.argv[1:])
