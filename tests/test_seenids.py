"""The compact table of ids seen so far (duplicate-id detection while streaming)."""

from __future__ import annotations

import random

from policyscore.io.seenids import SeenIds


def test_reports_the_first_line_of_a_repeated_id():
    seen = SeenIds()
    assert seen.add("C1", 2) is None
    assert seen.add("C2", 3) is None
    assert seen.add("C1", 9) == 2
    assert seen.add(7, 10) is None
    assert seen.add(7, 11) == 10
    assert len(seen) == 3


def test_agrees_with_a_dict_through_many_growths():
    rng = random.Random(5)
    seen, reference = SeenIds(bits=2), {}
    keys = [f"C{rng.randrange(30_000):06d}" for _ in range(40_000)] + list(range(20_000)) + list(range(0, 40_000, 2))
    for line, key in enumerate(keys, start=1):
        assert seen.add(key, line) == reference.get(key)
        reference.setdefault(key, line)
    assert len(seen) == len(reference)


def test_many_sequential_and_edge_integer_ids_are_told_apart():
    # Fibonacci hashing spreads sequential ids; -1 and -2 (equal under Python's hash) stay distinct
    seen = SeenIds()
    for i in range(200_000):
        assert seen.add(i, i + 1) is None
    assert seen.add(123_456, 1) == 123_457
    assert seen.add(0, 1) == 1 and seen.add(-1, 1) is None and seen.add(-2, 1) is None


def test_a_whole_number_and_its_decimal_text_are_one_id():
    seen = SeenIds()
    assert seen.add(7, 1) is None and seen.add("7", 2) == 1
    assert seen.add("08", 3) is None and seen.add(8, 4) is None  # "08" is not how 8 is written
    assert seen.add("-0", 5) is None and seen.add(0, 6) is None and seen.add("0", 7) == 6
    assert seen.add(10**30, 8) is None and seen.add(str(10**30), 9) == 8  # beyond 64 bits too
