"""Counting near-duplicate groups among matches: the same as np.unique, by sorting or by marking."""
import numpy as np

from archive.search.collapse import SORT_BELOW, distinct_count


def test_distinct_count_is_the_number_of_different_values():
    rng = np.random.default_rng(3)
    for size in (0, 1, 7, SORT_BELOW - 1, SORT_BELOW, 50_000):
        for high in (1, 10, 100_000):
            values = rng.integers(0, high, size=size, dtype=np.int64)
            assert distinct_count(values) == np.unique(values).size


def test_negative_values_are_counted_too():
    values = np.array([-5, 3, 3, -5, 0] * SORT_BELOW, dtype=np.int64)
    assert distinct_count(values) == 3
