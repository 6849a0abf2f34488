"""Many terms' scores added in Whoosh's order, a block of documents at a time.

Whoosh adds the scores of three or more parts under one AND/OR in the order of its
weighted tree (ranking._sum). Over dense arrays that was one array of floats per term
over every matching document, and one more per addition: the longest OR of common
words at 979,895 articles held 228 such arrays of 8 MB and added them up through
memory, 4.7 s a search. Here each term comes as its sparse scores (sorted positions
among the scored documents, values), and the same tree is evaluated over one block of
CHUNK documents at a time: the same additions in the same order, so the same floats
(a term absent from a document adds 0.0 there, which leaves any score as it is).
"""
from __future__ import annotations

import numpy as np

CHUNK = 1 << 16  # documents a block: the tree's arrays of a block stay in the processor's caches


def plan(weights: list[int]) -> list[tuple[int, int]]:
    """Whoosh's weighted tree over parts 0..n-1 of these weights as additions: the i-th (a, b) adds
    nodes a and b into node n + i. The two smallest (weight, part) are added first, the sum keeping
    the first one's part number, as ranking._sum pairs them."""
    nodes = sorted((weight, part, part) for part, weight in enumerate(weights))
    additions = []
    while len(nodes) > 1:
        (weight_a, part_a, a), (weight_b, _part_b, b) = nodes[0], nodes[1]
        additions.append((a, b))
        nodes = sorted(nodes[2:] + [(weight_a + weight_b, part_a, len(weights) + len(additions) - 1)])
    return additions


def tree_sum(size: int, leaves: list[tuple[np.ndarray, np.ndarray]], additions: list[tuple[int, int]]) -> np.ndarray:
    """The sum over `size` documents of the leaves (sorted positions, float64 values) in the plan's order."""
    starts = np.arange(0, size, CHUNK)
    edges = [at.searchsorted(np.append(starts, size)) for at, _values in leaves]
    total = np.zeros(size)
    for block, low in enumerate(starts.tolist()):
        width = min(CHUNK, size - low)
        nodes: dict = {}

        def node(number: int):
            if number in nodes:
                return nodes.pop(number)
            at, values = leaves[number]
            first, last = int(edges[number][block]), int(edges[number][block + 1])
            return (at[first:last] - low, values[first:last]) if first < last else None

        for number, (a, b) in enumerate(additions, start=len(leaves)):
            nodes[number] = _add(node(a), node(b), width)
        root = nodes.pop(len(leaves) + len(additions) - 1) if additions else node(0)
        if root is not None:
            total[low:low + width] = _dense(root, width) if isinstance(root, tuple) else root
    return total


def _add(left, right, width: int):
    """Two nodes of a block added: None (no score in the block), a leaf's (positions, values) there, or
    an array of the block's sums. A leaf goes into an array at its positions only (adding 0.0 elsewhere
    would change nothing): most words of a wide OR are in few of a block's documents."""
    if left is None or right is None:
        return right if left is None else left
    if isinstance(left, tuple):
        left, right = right, left
    if isinstance(left, tuple):
        left = _dense(left, width)
    if isinstance(right, tuple):
        left[right[0]] += right[1]
    else:
        left += right
    return left


def _dense(leaf: tuple[np.ndarray, np.ndarray], width: int) -> np.ndarray:
    dense = np.zeros(width)
    dense[leaf[0]] = leaf[1]
    return dense
