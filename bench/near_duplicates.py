"""Near-duplicate detection over Reuters-21578 (issue 8): how many groups, and pairs to check by hand.

    python -m bench.near_duplicates [--threshold 0.85] [--sample 30] [--seed 8] [--limit N]

Runs the ingest-time detector (archive/ingest/similarity.py: MinHash signatures, LSH
bands, verification against the threshold, joining the best candidate's group) over
every distinct Reuters text in ingest order, with the band table kept in memory
instead of the database. Exact duplicates (same normalised body) are skipped, as
ingest refuses them. Prints the groups found and a random sample of detected pairs
(each article with the earlier one it matched) with ids (Reuters NEWID), the
estimated Jaccard similarity and the first 150 characters of each, so that
precision can be judged by reading.
"""
from __future__ import annotations

import argparse
import html
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from archive.ingest.records import content_hash
from archive.ingest.similarity import band_hashes, best_match, signature
from archive.settings import SETTINGS
from bench.search.corpus import DATA

DEFAULT_THRESHOLD = next(s.default for s in SETTINGS if s.key == "NEAR_DUPLICATE_THRESHOLD")
_DOC = re.compile(r"<REUTERS.*?</REUTERS>", re.DOTALL)
_NEWID = re.compile(r'NEWID="(\d+)"')
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.DOTALL)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.DOTALL)


@dataclass
class Story:
    newid: int
    title: str
    body: str


def reuters_stories() -> list[Story]:
    """Every Reuters story with a body of 20 words or more, by NEWID (as bench/search/corpus.py reads them)."""
    stories = []
    for path in sorted((DATA / "reuters21578").glob("reut2-*.sgm")):
        for doc in _DOC.findall(path.read_text(encoding="latin-1")):
            body_match = _BODY.search(doc)
            body = html.unescape(body_match.group(1) if body_match else "").replace("\x03", "").strip()
            body = re.sub(r"\s*Reuter\s*$", "", body)
            if len(body.split()) >= 20:
                title = _TITLE.search(doc)
                stories.append(Story(int(_NEWID.search(doc).group(1)), html.unescape(title.group(1)) if title else "",
                                     body))
    return sorted(stories, key=lambda story: story.newid)


def detect(stories: list[Story], threshold: float) -> tuple[dict[int, int], list[tuple[int, int, float]], int]:
    """Group ids by NEWID, the detected (newid, matched newid, similarity) pairs, exact duplicates skipped."""
    bands: dict[tuple[int, int], list[int]] = defaultdict(list)
    signatures: dict[int, bytes] = {}
    group: dict[int, int] = {}
    pairs: list[tuple[int, int, float]] = []
    seen_hashes: set[str] = set()
    exact = 0
    for story in stories:
        digest = content_hash(story.body)
        if digest in seen_hashes:
            exact += 1
            continue
        seen_hashes.add(digest)
        sig = signature(story.body)
        if sig is None:
            continue
        keys = band_hashes(sig)
        candidates = {other: signatures[other] for key in keys for other in bands.get(key, ())}
        match = best_match(sig, candidates, threshold)
        group[story.newid] = group[match[0]] if match else story.newid
        if match:
            pairs.append((story.newid, match[0], match[1]))
        signatures[story.newid] = sig
        for key in keys:
            bands[key].append(story.newid)
    return group, pairs, exact


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--sample", type=int, default=30, help="detected pairs to print")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--limit", type=int, default=0, help="only the first N stories (0: all)")
    args = parser.parse_args()
    stories = reuters_stories()
    if args.limit:
        stories = stories[:args.limit]
    by_id = {story.newid: story for story in stories}
    started = time.perf_counter()
    group, pairs, exact = detect(stories, args.threshold)
    seconds = time.perf_counter() - started
    sizes = Counter(Counter(group.values()).values())
    grouped = sum(size * count for size, count in sizes.items() if size > 1)
    print(f"{len(stories)} Reuters stories, {exact} exact duplicates skipped, threshold {args.threshold}, "
          f"{seconds:.1f} s ({1000 * seconds / max(1, len(stories)):.2f} ms a story)")
    print(f"{sum(c for s, c in sizes.items() if s > 1)} groups of near-duplicates holding {grouped} stories; "
          f"group sizes: {dict(sorted(sizes.items()))}")
    print(f"{len(pairs)} detected pairs; a random sample of {min(args.sample, len(pairs))}:\n")
    for newid, matched, similarity in sorted(random.Random(args.seed).sample(pairs, min(args.sample, len(pairs)))):
        print(f"NEWID {matched} ~ NEWID {newid}   Jaccard {similarity:.2f}")
        for other in (matched, newid):
            print(f"  {other:>5}: {' '.join(by_id[other].body.split())[:150]}")
        print()


if __name__ == "__main__":
    main()
