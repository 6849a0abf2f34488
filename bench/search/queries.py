"""The benchmark's queries, drawn from the corpus itself (fixed seed, same every run)."""
from __future__ import annotations

import itertools
import random
import re
from collections import Counter

STOP = frozenset(["the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "at", "by", "with", "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "said", "says", "will", "would", "not", "but", "after", "over", "up", "out", "new", "mln", "pct", "vs", "dlrs"])
_WORD = re.compile(r"[A-Za-z]{4,}")


def build_queries(bases: list[dict], actors: list[str], count: int = 200, seed: int = 7) -> list[dict]:
    """40% one common word, 30% two words, 15% phrases, 15% word + actor filter."""
    rng = random.Random(seed)
    titles = [b["title"] or "" for b in bases[:8000]]
    words = Counter(w.lower() for t in titles for w in _WORD.findall(t) if w.lower() not in STOP)
    common = [w for w, _n in words.most_common(300)]
    bigrams = Counter()
    for title in titles:
        tokens = [w.lower() for w in _WORD.findall(title)]
        bigrams.update(f"{a} {b}" for a, b in itertools.pairwise(tokens)
                       if a not in STOP and b not in STOP)
    phrases = [p for p, _n in bigrams.most_common(100)]
    queries = []
    for number in range(count):
        share = number % 20
        if share < 8:
            queries.append({"q": rng.choice(common)})
        elif share < 14:
            queries.append({"q": " ".join(rng.sample(common[:120], 2))})
        elif share < 17:
            queries.append({"q": f'"{rng.choice(phrases)}"'})
        else:
            queries.append({"q": rng.choice(common[:100]), "actor": rng.choice(actors)})
    return queries
