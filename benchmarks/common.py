"""Shared by the benchmark runner's sections: the fixed inputs, timing, and report helpers."""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["AS_OF", "SEED", "HERE", "ROOT", "log", "timed", "interleave", "rate", "fmt_rate", "table", "Run"]

#: Every record is scored as of this date; records come from examples/generate.py with this seed.
AS_OF = date(2026, 11, 1)
SEED = 20261101
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: A timed variant: a function over a list of records, and the records it runs on.
Run = tuple[Callable[[list[Any]], None], list[Any]]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(fn: Callable[[list[Any]], None], records: list[Any]) -> float:
    """Seconds ``fn(records)`` takes, with the garbage collector off (collected just before)."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        fn(records)
        return time.perf_counter() - start
    finally:
        gc.enable()


def interleave(variants: dict[str, Run], repeat: int) -> dict[str, list[float]]:
    """Run every variant once per round, rotating the order each round; return times per variant.

    One untimed warm-up run per variant (on at most 2,000 records) comes first.
    """
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
    for name in names:
        fn, records = variants[name]
        timed(fn, records[: min(len(records), 2000)])
    for round_ in range(repeat):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            fn, records = variants[name]
            times[name].append(timed(fn, records))
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
