"""Shared by the benchmark runner's sections: the fixed inputs, timing, and report helpers."""

from __future__ import annotations

import gc
import math
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["AS_OF", "SEED", "HERE", "ROOT", "MIN_RUN_SECONDS", "log", "timed", "interleave", "rate", "fmt_rate", "table", "Run"]

#: Every record is scored as of this date; records come from examples/generate.py with this seed.
AS_OF = date(2026, 11, 1)
SEED = 20261101
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: A timed variant: a function over a list of records, and the records it runs on.
Run = tuple[Callable[[list[Any]], None], list[Any]]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(fn: Callable[[list[Any]], None], records: list[Any], passes: int = 1) -> float:
    """Seconds one ``fn(records)`` takes (the mean of ``passes`` runs back to back), garbage collector off."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(passes):
            fn(records)
        return (time.perf_counter() - start) / passes
    finally:
        gc.enable()


#: A timed run shorter than this is repeated back to back (a short run is at the mercy of one scheduler hiccup).
MIN_RUN_SECONDS = 0.25


def interleave(variants: dict[str, Run], repeat: int) -> dict[str, list[float]]:
    """Run every variant once per round, rotating the order each round; return the seconds per run of each variant.

    An untimed warm-up run per variant (on at most 2,000 records) comes first and
    sets how many times a variant runs back to back in each timed round, so that
    each timed round lasts at least ``MIN_RUN_SECONDS``.
    """
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
    passes: dict[str, int] = {}
    for name in names:
        fn, records = variants[name]
        warm = records[: min(len(records), 2000)]
        estimate = timed(fn, warm) * len(records) / max(1, len(warm))
        passes[name] = max(1, math.ceil(MIN_RUN_SECONDS / max(estimate, 1e-9)))
    for round_ in range(repeat):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            fn, records = variants[name]
            times[name].append(timed(fn, records, passes[name]))
        log(f"  round {round_ + 1}/{repeat}: " + ", ".join(f"{n} {len(variants[n][1]) / times[n][-1]:,.0f}/s" for n in names))
    return times


def rate(n: int, times: list[float]) -> tuple[float, float, float]:
    """(median, slowest, fastest) records per second."""
    return n / statistics.median(times), n / max(times), n / min(times)


def fmt_rate(r: float) -> str:
    return f"{r:,.0f}"


def table(headers: list[str], rows: Iterable[list[str]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out
