"""Precision, recall and F1 counters, and the table the run prints."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass
class Counts:
    """True positives against predicted and gold totals (micro-averaged)."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Row:
    """One line of the table: a figure for us and for the bare model."""

    dataset: str
    metric: str
    ours: float | None
    baseline: float | None
    note: str = ""


# (set, metric) -> (at least?, bound, relative to the bare model?): the targets (issue 15).
TARGETS = {
    ("gum", "identity B3 within doc"): (True, 0.95, False),
    ("gum", "identity B3 across docs"): (True, 0.90, False),
    ("gum", "kind accuracy"): (True, 0.90, False),
    ("gum", "event/object/abstract as entity"): (False, 0.05, False),
    ("conll-dev", "actor doc F1"): (True, 0.889, False),
    ("conll-dev", "place doc F1"): (True, 0.882, False),
    ("timeml", "date value F1"): (True, 0.809, False),
    ("all", "words/second"): (True, 0.8, True),
}


def target_cell(row: Row) -> str:
    """'>= 0.950 ok' or '>= 0.950 MISSED' for a row with a target, else ''."""
    if (row.dataset, row.metric) not in TARGETS or row.ours is None:
        return ""
    at_least, bound, relative = TARGETS[(row.dataset, row.metric)]
    if relative:
        if not row.baseline:
            return ""
        met = row.ours >= bound * row.baseline
        return f"{'>=' if at_least else '<='} {bound}x spaCy {'ok' if met else 'MISSED'}"
    met = row.ours >= bound if at_least else row.ours <= bound
    return f"{'>=' if at_least else '<='} {bound:.3f} {'ok' if met else 'MISSED'}"


def prf_rows(dataset: str, metric: str, ours: Counts, baseline: Counts) -> list[Row]:
    """F1, precision and recall of one metric, as three rows."""
    return [Row(dataset, f"{metric} F1", ours.f1, baseline.f1, f"n={ours.gold}"),
            Row(dataset, f"{metric} P", ours.precision, baseline.precision),
            Row(dataset, f"{metric} R", ours.recall, baseline.recall)]


def _cell(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if abs(value) < 10 else f"{value:,.0f}"


def format_table(rows: list[Row]) -> str:
    header = ("set", "metric", "ours", "spaCy", "delta", "target", "")
    lines = [header]
    for row in rows:
        delta = None if row.ours is None or row.baseline is None else row.ours - row.baseline
        lines.append((row.dataset, row.metric, _cell(row.ours), _cell(row.baseline),
                      "" if delta is None else f"{delta:+.3f}" if abs(delta) < 10 else f"{delta:+,.0f}",
                      target_cell(row), row.note))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        cells = [cell.ljust(w) if i < 2 or i >= 5 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def bcubed_f1(pairs: list[tuple[object, object]]) -> float:
    """B-cubed F1 of (gold cluster, predicted cluster) pairs, one pair per mention."""
    if not pairs:
        return 0.0
    gold_sizes, predicted_sizes, both = Counter(g for g, _ in pairs), Counter(p for _, p in pairs), Counter(pairs)
    precision = sum(both[(g, p)] / predicted_sizes[p] for g, p in pairs) / len(pairs)
    recall = sum(both[(g, p)] / gold_sizes[g] for g, p in pairs) / len(pairs)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
