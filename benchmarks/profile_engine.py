#!/usr/bin/env python3
"""Where the engine spends its time per record (for the engine's owner; not a benchmark).

    python benchmarks/profile_engine.py [--records 30000] [--policy rules/startup-us-ca.yaml]

1. cProfile of ``score_many(explain=True)`` reading id/score/tier/points: the
   functions with the most own time (the generated ``_evaluate`` is one of them);
2. the generated function's cost by section, exactly: cumulative prefixes of
   ``policy.source`` (fields, lets, filters, factors, adjustments...) are
   compiled with ``return None`` appended and timed; the differences are the
   sections' costs;
3. with line_profiler installed (``pip install line_profiler``): the lines of
   the generated evaluator (``policy.source``) that cost the most, in µs per
   record, with line_profiler's own per-line overhead (measured on a dummy
   function) subtracted, grouped into sections (record field checks, lets,
   filters, factors, adjustments/total/tier, the Result tuple);
4. the cost of the Result accessors the benchmark reads (id, score, tier, points)
   and of ``to_dict()``, timed on already built results.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import importlib.util
import io
import linecache
import pstats
import re
import sys
import time
from datetime import date
from pathlib import Path

import policyscore

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 1)


def _records(n: int) -> list[dict]:
    spec = importlib.util.spec_from_file_location("_gen", ROOT / "examples" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    return list(gen.generate(n, 20261101))


def _section(line: str) -> str:
    s = line.strip()
    if re.match(r"l\d+ = ", s):
        return "lets"
    if re.match(r"g\d+ = ", s) or s.startswith("if g0"):
        return "filters"
    if re.match(r"a\d+ = ", s) or s.startswith(("_raw", "_tot", "if _tot", "_tier")):
        return "adjustments, total, clamp, tier"
    if "return _new" in s or s.startswith("if _explain"):
        return "Result tuple"
    return "factors"


def line_profile(policy: policyscore.Policy, records: list[dict]) -> None:
    try:
        from line_profiler import LineProfiler
    except ImportError:
        print("line_profiler is not installed: skipping the per-line profile (pip install line_profiler)")
        return
    fn = policy.evaluator
    lines = policy.source.splitlines(True)
    linecache.cache[fn.__code__.co_filename] = (len(policy.source), None, lines, fn.__code__.co_filename)

    # line_profiler's own cost per line hit, from a function of trivial lines
    ns: dict = {}
    exec("def _dummy(x):\n" + "".join(f"    y{i} = x\n" for i in range(50)) + "    return x\n", ns)  # noqa: S102
    dummy = ns["_dummy"]
    lp0 = LineProfiler(dummy)
    wrapped0 = lp0(dummy)
    for _ in range(20000):
        wrapped0(1)
    stats0 = lp0.get_stats()
    ((_, entries0),) = stats0.timings.items()
    overhead = sum(t for _, _, t in entries0) * stats0.unit / sum(h for _, h, _ in entries0)
    start = time.perf_counter()
    for _ in range(20000):
        dummy(1)
    overhead -= (time.perf_counter() - start) / (20000 * 51)

    lp = LineProfiler(fn)
    wrapped = lp(fn)
    for r in records:
        wrapped(r, AS_OF, True)
    stats = lp.get_stats()
    ((_, entries),) = stats.timings.items()
    n = len(records)
    first_let = next((i for i, ln in enumerate(lines, 1) if re.match(r"\s*l0 = ", ln)), len(lines))
    rows = []
    for lineno, hits, t in entries:
        us = max(0.0, t * stats.unit - hits * overhead) / n * 1e6
        text = lines[lineno - 1].strip() if lineno <= len(lines) else "?"
        section = "record field reads and checks" if lineno < first_let else _section(text)
        rows.append((us, hits, lineno, section, text))
    total = sum(r[0] for r in rows)
    print(f"\n## Generated evaluator, per line (line_profiler, its overhead of {overhead * 1e9:.0f} ns per line hit subtracted)")
    print(f"estimated time inside _evaluate: {total:.2f} µs per record\n")
    by_section: dict[str, float] = {}
    for us, _, _, section, _ in rows:
        by_section[section] = by_section.get(section, 0.0) + us
    for section, us in sorted(by_section.items(), key=lambda kv: -kv[1]):
        print(f"  {us:6.2f} µs/record  {100 * us / total:5.1f}%  {section}")
    print("\nmost expensive lines:")
    for us, hits, lineno, _, text in sorted(rows, reverse=True)[:20]:
        print(f"  {us:6.2f} µs/rec  {hits / n:5.2f} hits/rec  L{lineno:<4d} {text[:130]}")


def sections(policy: policyscore.Policy, records: list[dict], repeat: int = 5) -> None:
    """Exact section costs: time cumulative prefixes of the generated function (each ends with ``return None``)."""
    fn = policy.evaluator
    lines = policy.source.splitlines()
    cuts: list[tuple[str, int]] = []

    def first(pattern: str, start: int = 0) -> int | None:
        return next((i for i in range(start, len(lines)) if re.match(pattern, lines[i])), None)

    marks = [
        ("record field reads and checks", first(r"\s*l0 = ")),
        ("lets", first(r"\s*g0 = ")),
        ("filters (and the eligibility test)", first(r"\s*if g0 ")),
    ]
    body = (marks[2][1] or 0) + 1
    marks += [
        ("factors", first(r"\s*a0 = ", body) or first(r"\s*_raw = ", body)),
        ("adjustments, total, clamp, tier", first(r"\s*if _explain:", body)),
    ]
    for label, idx in marks:
        if idx is not None:
            cuts.append((label, idx))
    variants = []
    for label, idx in cuts:
        indent = len(lines[idx]) - len(lines[idx].lstrip())
        if label.startswith("filters"):
            idx += 1  # keep the eligibility test; its body returns
            indent += 4
        src = "\n".join(lines[:idx] + [" " * indent + "return None"]) + "\n"
        ns = dict(fn.__globals__)
        exec(compile(src, "<prefix>", "exec"), ns)  # noqa: S102
        variants.append((label, ns["_evaluate"]))
    variants.append(("Result tuple (the rest)", fn))
    times: dict[str, list[float]] = {label: [] for label, _ in variants}
    for _ in range(repeat):
        for label, f in variants:
            gc.collect()
            gc.disable()
            start = time.perf_counter()
            for r in records:
                f(r, AS_OF, True)
            times[label].append(time.perf_counter() - start)
            gc.enable()
    n = len(records)
    med = {label: sorted(t)[len(t) // 2] / n * 1e6 for label, t in times.items()}
    total = med[variants[-1][0]]
    print(f"\n## Generated evaluator by section (cumulative prefixes of policy.source, median of {repeat}, gc off)")
    print(f"whole _evaluate(explain=True): {total:.2f} µs per record\n")
    prev = 0.0
    for label, _ in variants:
        inc = med[label] - prev
        prev = med[label]
        print(f"  {inc:6.2f} µs/record  {100 * inc / total:5.1f}%  {label}")


def accessors(policy: policyscore.Policy, records: list[dict]) -> None:
    results = list(policy.score_many(records, AS_OF, explain=True))
    n = len(results)

    def timeit(label: str, fn) -> None:
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        fn()
        dt = time.perf_counter() - start
        gc.enable()
        print(f"  {dt / n * 1e6:7.2f} µs/record  {label}")

    print("\n## Per record, outside the evaluator")
    timeit("score_many(explain=True) generator, results discarded", lambda: [None for _ in policy.score_many(records, AS_OF)])
    timeit("result.id", lambda: [r.id for r in results])
    timeit("result.score", lambda: [r.score for r in results])
    timeit("result.tier", lambda: [r.tier for r in results])
    timeit("result.points (builds a dict)", lambda: [r.points for r in results])
    timeit("result.to_dict()", lambda: [r.to_dict() for r in results[:5000]] and None)
    if n > 5000:
        print("  (to_dict timed on the first 5,000 results, shown per record of those)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=30000)
    ap.add_argument("--policy", default=str(ROOT / "rules" / "startup-us-ca.yaml"))
    args = ap.parse_args()
    policy = policyscore.load_policy(args.policy)
    records = _records(args.records)
    digest = hashlib.sha256(policy.source.encode()).hexdigest()[:12]
    print(f"# {Path(args.policy).name}, {len(records):,} records; generated evaluator sha256 {digest}\n")

    prof = cProfile.Profile()
    prof.enable()
    for res in policy.score_many(records, AS_OF, explain=True):
        _ = res.id, res.score, res.tier, res.points
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(15)
    print("## cProfile: score_many(explain=True) + id/score/tier/points, by own time")
    print("\n".join(out.getvalue().splitlines()[4:]))
    sections(policy, records)
    line_profile(policy, records)
    accessors(policy, records[:20000] if len(records) > 20000 else records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
