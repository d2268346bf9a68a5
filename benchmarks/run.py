#!/usr/bin/env python3
"""policyscore benchmark runner.  See benchmarks/README.md.

    python benchmarks/run.py --records 100000 --repeat 5 --output benchmarks/results.md
    python benchmarks/run.py --quick

Steps, in one process unless said otherwise:

1. generate N customer records in memory (examples/generate.py, fixed seed);
2. ASSERT that every hand-written baseline agrees with the engine on every
   record: ``handwritten.py`` and ``handwritten_small.py`` (eligible, score,
   tier, per-factor points, with and without explanations) and
   ``handwritten_explain.py`` (the whole ``to_dict()``); check each installed
   peer on a sample (mismatches reported);
3. time, interleaved in one run (every variant once per round, the order
   rotating), median of --repeat rounds with the garbage collector off, each
   engine variant against its hand-written baseline measured in the same
   rounds: scores with and without explanations, scores only (lazy results,
   reading ``.score`` and ``.tier``) on startup-us-ca and on the small policy,
   and full explanation dicts; each installed peer on a sample, interleaved
   with the hand-written scorer on the same sample;
4. load + check of every policy in rules/: cold and warm (loadcheck.py);
5. end to end, in subprocesses, with peak RSS (endtoend.py);
6. print a Markdown report and write it to --output.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import endtoend  # noqa: E402
import handwritten  # noqa: E402
import handwritten_explain  # noqa: E402
import handwritten_small  # noqa: E402
import loadcheck  # noqa: E402
import peers  # noqa: E402
from common import AS_OF, ROOT, SEED, Run, fmt_rate, interleave, log, rate, table  # noqa: E402

import policyscore  # noqa: E402

POLICY_PATH = ROOT / handwritten.POLICY_FILE
SMALL_PATH = ROOT / handwritten_small.POLICY_FILE


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_policyscore_examples_generate", ROOT / "examples" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:  # noqa: BLE001
        return "?"


def _describe_policy(path: Path, policy: policyscore.Policy) -> str:
    return (
        f"- policy {path.relative_to(ROOT).as_posix()}: {len(policy.filters)} filters, {len(policy.factors)} factors, "
        f"{len(policy.adjustments)} adjustments, {len(policy.lets)} lets, {len(policy.fields)} declared record fields"
    )


def machine_lines(policy: policyscore.Policy, small: policyscore.Policy) -> list[str]:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = _git("status", "--porcelain", "--", "src")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    package = Path(policyscore.__file__).resolve().parent
    elsewhere = "" if package.is_relative_to(ROOT / "src") else f" (imported from {package}, not this checkout)"
    return [
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {platform.system()} {platform.release()}",
        f"- CPU: {_cpu_model()}, {os.cpu_count()} logical cores ({affinity} usable)",
        f"- load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (the machine is shared)",
        f"- policyscore {policyscore.__version__}{elsewhere}, git {commit or '?'}{' with uncommitted changes in src/' if dirty else ''};"
        f" generated evaluator sha256 {hashlib.sha256(policy.source.encode()).hexdigest()[:12]}",
        _describe_policy(POLICY_PATH, policy),
        _describe_policy(SMALL_PATH, small),
    ]


# ---------------------------------------------------------------- agreement


def _scores_agree(policy: policyscore.Policy, scorer: Callable[..., Any], records: list[dict[str, Any]], name: str) -> int:
    """Assert ``scorer`` == engine on every record, with and without explanations; return the eligible count."""
    for explain in (False, True):
        for record, result in zip(records, policy.score_many(records, AS_OF, explain=explain), strict=True):
            mine = scorer(record, AS_OF)
            theirs = (result.id, result.eligible, result.score, result.tier, result.points)
            if mine != theirs:
                raise AssertionError(f"{name} and the engine disagree (explain={explain}) on {record.get('id')}: {mine} != {theirs}")
    return sum(1 for r in records if scorer(r, AS_OF)[1])


def check_agreement(policy: policyscore.Policy, small: policyscore.Policy, records: list[dict[str, Any]]) -> list[str]:
    """Assert every hand-written baseline == engine on every record; return report lines."""
    eligible = _scores_agree(policy, handwritten.score, records, "handwritten.py")
    eligible_small = _scores_agree(small, handwritten_small.score, records, "handwritten_small.py")
    for record, result in zip(records, policy.score_many(records, AS_OF, explain=True), strict=True):
        if handwritten_explain.explain(record, AS_OF) != result.to_dict():
            raise AssertionError(f"handwritten_explain.py and to_dict() disagree on {record.get('id')}")
    n = f"{len(records):,}"
    return [
        f"- handwritten.py == engine on all {n} records (eligible, score, tier, per-factor points), "
        f"with explain=True and explain=False; {eligible:,} eligible",
        f"- handwritten_explain.py == `to_dict()` (the whole explanation) on all {n} records",
        f"- handwritten_small.py == engine on all {n} records, with explain=True and explain=False; {eligible_small:,} eligible",
    ]


def check_peer(scorer: Callable[..., Any], records: list[dict[str, Any]]) -> tuple[int, int, str]:
    """(mismatches, errors, first difference) of a peer against the hand-written function."""
    bad = errors = 0
    first = ""
    for record in records:
        want = handwritten.score(record, AS_OF)
        try:
            got = scorer(record, AS_OF)
        except Exception as exc:  # noqa: BLE001
            errors += 1
            first = first or f"{record.get('id')}: {type(exc).__name__}: {str(exc)[:120]}"
            continue
        if got != want:
            bad += 1
            if not first:
                diff = [k for k in want[4] or {} if got[4] and got[4].get(k) != want[4][k]]
                first = f"{record.get('id')}: score {got[2]} vs {want[2]}" + (f" ({', '.join(diff)})" if diff else "")
    return bad, errors, first


# ---------------------------------------------------------------- the timed variants


def make_scorer_run(scorer: Callable[..., Any]) -> Callable[[list[dict[str, Any]]], None]:
    """A hand-written scorer (or a peer) on every record, unpacking its (id, eligible, score, tier, points)."""

    def run(records: list[dict[str, Any]]) -> None:
        as_of = AS_OF
        for record in records:
            rid, eligible, total, tier, points = scorer(record, as_of)

    return run


def run_explain(records: list[dict[str, Any]]) -> None:
    explain = handwritten_explain.explain
    as_of = AS_OF
    for record in records:
        explain(record, as_of)


def make_engine_run(policy: policyscore.Policy, explain: bool, to_dict: bool) -> Callable[[list[dict[str, Any]]], None]:
    """score_many, reading each result's id, score, tier and points (and building to_dict())."""

    def run(records: list[dict[str, Any]]) -> None:
        for result in policy.score_many(records, AS_OF, explain=explain):
            _ = result.id, result.score, result.tier, result.points

    def run_dict(records: list[dict[str, Any]]) -> None:
        for result in policy.score_many(records, AS_OF, explain=True):
            _ = result.id, result.score, result.tier, result.points
            result.to_dict()

    return run_dict if to_dict else run


def make_scores_only_run(policy: policyscore.Policy, one_by_one: bool) -> Callable[[list[dict[str, Any]]], None]:
    """Lazy results, scores only: explain=False, reading .score and .tier (score_many, or score() per record)."""

    def run_many(records: list[dict[str, Any]]) -> None:
        for result in policy.score_many(records, AS_OF, explain=False):
            _ = result.score, result.tier

    def run_each(records: list[dict[str, Any]]) -> None:
        score = policy.score
        as_of = AS_OF
        for record in records:
            result = score(record, as_of, explain=False)
            _ = result.score, result.tier

    return run_each if one_by_one else run_many


# (key, label, baseline key or None, target ratio or None)
VARIANTS: tuple[tuple[str, str, str | None, float | None], ...] = (
    ("a", "(a) hand-written scorer (handwritten.py)", None, None),
    ("b", "(b) `score_many(explain=True)`, reading id/score/tier/points", "a", None),
    ("c", "(c) `score_many(explain=False)`, reading id/score/tier/points", "a", None),
    ("e", "(e) scores only: `score_many(explain=False)`, reading `.score`, `.tier`", "a", 0.9),
    ("f", "(f) scores only: `score(record, as_of, explain=False)` per record, reading `.score`, `.tier`", "a", 0.9),
    ("x", "(x) hand-written explanation dict (handwritten_explain.py)", None, None),
    ("d", "(d) full explanation: `score_many(explain=True)` + `result.to_dict()` per record", "x", 0.7),
    ("s", "(s) hand-written scorer of the small policy (handwritten_small.py)", None, None),
    ("g", "(g) small policy, scores only: `score_many(explain=False)`, reading `.score`, `.tier`", "s", 0.9),
    ("h", "(h) small policy, scores only: `score(record, as_of, explain=False)` per record", "s", 0.9),
)
STARTUP_KEYS = frozenset("abcefxd")


def in_memory(
    policy: policyscore.Policy, small: policyscore.Policy, records: list[dict[str, Any]], repeat: int
) -> tuple[list[str], dict[str, float], dict[str, list[float]]]:
    """Time every variant in one interleaved run; return the report section, the ratios and the times."""
    variants: dict[str, Run] = {
        "a": (make_scorer_run(handwritten.score), records),
        "b": (make_engine_run(policy, True, False), records),
        "c": (make_engine_run(policy, False, False), records),
        "e": (make_scores_only_run(policy, False), records),
        "f": (make_scores_only_run(policy, True), records),
        "x": (run_explain, records),
        "d": (make_engine_run(policy, True, True), records),
        "s": (make_scorer_run(handwritten_small.score), records),
        "g": (make_scores_only_run(small, False), records),
        "h": (make_scores_only_run(small, True), records),
    }
    n = len(records)
    log(f"timing in memory: {n:,} records x {repeat} rounds, {len(variants)} variants interleaved")
    times = interleave(variants, repeat)
    ratios: dict[str, float] = {}
    rows = []
    for key, label, base, target in VARIANTS:
        med, slow, fast = rate(n, times[key])
        policy_name = handwritten.POLICY_FILE if key in STARTUP_KEYS else handwritten_small.POLICY_FILE
        if base is None:
            rows.append([label, policy_name, fmt_rate(med), f"{fmt_rate(slow)}–{fmt_rate(fast)}", "baseline", "", "", ""])
            continue
        ratios[key] = med / rate(n, times[base])[0]
        paired = statistics.median(tb / tk for tb, tk in zip(times[base], times[key]))
        fastest = min(times[base]) / min(times[key])  # the least disturbed round of each
        verdict = "" if target is None else f">= {target} " + ("**met**" if ratios[key] >= target else "**not met**")
        rows.append(
            [
                label,
                policy_name,
                fmt_rate(med),
                f"{fmt_rate(slow)}–{fmt_rate(fast)}",
                f"{ratios[key]:.3f} vs ({base})",
                f"{paired:.3f}",
                f"{fastest:.3f}",
                verdict,
            ]
        )
    report = [
        f"## In memory: {n:,} records, median of {repeat} interleaved rounds (gc off), each ratio against a baseline of the same rounds",
        "",
        *table(
            [
                "variant",
                "policy",
                "records/s (median)",
                "range",
                "ratio vs baseline",
                "paired ratio (median of rounds)",
                "ratio of the fastest rounds",
                "target",
            ],
            rows,
        ),
        "",
    ]
    return report, ratios, times


def peer_section(
    peer_scorers: list[tuple[peers.Peer, Callable[..., Any]]], records: list[dict[str, Any]], args: argparse.Namespace, b_rate: float,
    hw_rate: float, b_ratio: float,
) -> tuple[list[str], dict[str, float]]:  # fmt: skip
    """Each installed peer on a sample, interleaved with (a) on the same records."""
    log("timing peers")
    hw = make_scorer_run(handwritten.score)
    rows = []
    peer_ratios = {}
    for peer, scorer in peer_scorers:
        probe = records[:200]
        start = time.perf_counter()
        make_scorer_run(scorer)(probe)
        per_record = (time.perf_counter() - start) / len(probe)
        m = max(200, min(len(records), int(args.peer_seconds / per_record)))
        sample = records[:m]
        t = interleave({"a": (hw, sample), "peer": (make_scorer_run(scorer), sample)}, max(1, args.repeat))
        a_rate, p_rate = rate(m, t["a"])[0], rate(m, t["peer"])[0]
        peer_ratios[peer.name] = p_rate / a_rate
        rows.append(
            [
                f"{peer.name} ({peer.package} {_version(peer.package)})",
                f"{m:,}",
                fmt_rate(p_rate),
                fmt_rate(a_rate),
                f"{p_rate / a_rate:.4f}",
            ]
        )
    rows.append(
        ["policyscore (b), explain=True, from the table above", f"{len(records):,}", fmt_rate(b_rate), fmt_rate(hw_rate), f"{b_ratio:.3f}"]
    )
    report = [
        "## Peers: the same policy in other engines (the first records of the set, interleaved with (a) on the same records)",
        "",
        *table(["engine", "records", "records/s (median)", "(a) on the same records", "ratio vs (a)"], rows),
        "",
    ]
    return report, peer_ratios


# ---------------------------------------------------------------- targets


#: (variant, target, minimum ratio)
TARGETS = (
    ("d", "full explanation dicts (d) >= 0.7x the hand-written explanation (x), startup-us-ca", 0.7),
    ("e", "scores only, lazy results (e) `score_many` >= 0.9x hand-written (a), startup-us-ca (56 fields)", 0.9),
    ("f", "scores only, lazy results (f) `score()` >= 0.9x hand-written (a), startup-us-ca (56 fields)", 0.9),
    ("g", "scores only, lazy results (g) `score_many` >= 0.9x hand-written (s), small policy (5 fields)", 0.9),
    ("h", "scores only, lazy results (h) `score()` >= 0.9x hand-written (s), small policy (5 fields)", 0.9),
)


def target_rows(
    ratios: dict[str, float], peer_ratios: dict[str, float], worst_cold: float | None, e2e: dict[str, Any], e2e_n: int
) -> list[list[str]]:
    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**not met**"

    rows = [[label, f"{ratios[key]:.3f}", verdict(ratios[key] >= target)] for key, label, target in TARGETS]
    if peer_ratios:
        best = max(peer_ratios, key=peer_ratios.__getitem__)
        rows.append(
            [
                "faster than every installed peer",
                f"(b) {ratios['b']:.3f} vs best peer {peer_ratios[best]:.4f} ({best})",
                verdict(ratios["b"] > peer_ratios[best]),
            ]
        )
    if worst_cold is not None:
        rows.append(
            [
                "load + check of a policy in rules/ < 150 ms (cold, incl. grammar)",
                f"worst {worst_cold * 1000:.0f} ms",
                verdict(worst_cold < 0.150),
            ]
        )
    if "cli" in e2e:
        rows.append(
            [
                "end to end >= 0.8x hand-written script",
                f"{e2e['cli'][1]:.3f} ({e2e['cli'][0]:,.0f} records/s)",
                verdict(e2e["cli"][1] >= 0.8),
            ]
        )
        if e2e["cli"][2]:
            big = e2e_n >= 1_000_000
            rows.append(
                [
                    "streaming 1,000,000 records: peak RSS < 150 MB",
                    f"{e2e['cli'][2]:.0f} MiB at {e2e_n:,} records",
                    verdict(e2e["cli"][2] * 1.048576 < 150) if big else "not measured at 1,000,000 records (use --e2e 1000000)",
                ]
            )
    elif e2e_n > 0:
        rows.append(["end to end >= 0.8x hand-written script", "CLI missing", "not measured"])
    return rows


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="policyscore benchmark runner (see benchmarks/README.md)")
    ap.add_argument("--records", type=int, default=None, help="records in memory (default 100,000; 10,000 with --quick)")
    ap.add_argument("--repeat", type=int, default=5, help="timed rounds per measurement; the median is reported (default 5)")
    ap.add_argument("--quick", action="store_true", help="small sizes, for checking the runner itself")
    ap.add_argument(
        "--e2e", type=int, default=None, help="records in the end-to-end JSONL file (default 1,000,000; 20,000 with --quick; 0 skips)"
    )
    ap.add_argument("--e2e-repeat", type=int, default=3, help="timed rounds end to end (default 3: each round is minutes long at 1M)")
    ap.add_argument(
        "--memory", type=int, default=None, help="also measure the CLI's peak RSS on a file of this many records (default: --e2e only)"
    )
    ap.add_argument("--peer-seconds", type=float, default=1.5, help="target duration of one timed peer run (sets the peer sample size)")
    ap.add_argument("--no-peers", action="store_true", help="skip the optional peer engines")
    ap.add_argument("--no-load-check", action="store_true", help="skip the load + check timings")
    ap.add_argument("--data-dir", type=Path, default=HERE / ".data", help="where the JSONL files are written and reused")
    ap.add_argument("--output", type=Path, default=None, help="also write the Markdown report here")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    n = args.records or (10_000 if args.quick else 100_000)
    e2e_n = args.e2e if args.e2e is not None else (20_000 if args.quick else 1_000_000)
    repeat = max(1, args.repeat)

    argv_text = " ".join(["python benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])
    report = ["# policyscore benchmark results", "", f"Produced by `{argv_text}` on {time.strftime('%Y-%m-%d %H:%M %Z')}.", ""]

    gen = _load_generator()
    policy = policyscore.load_policy(POLICY_PATH)
    small = policyscore.load_policy(SMALL_PATH)
    report += ["## Machine", "", *machine_lines(policy, small), ""]

    log(f"generating {n:,} records (seed {SEED})")
    records = list(gen.generate(n, SEED))
    log("checking agreement")
    report += ["## Agreement (asserted before timing)", "", *check_agreement(policy, small, records)]

    peer_scorers: list[tuple[peers.Peer, Callable[..., Any]]] = []
    if not args.no_peers:
        for peer in peers.PEERS:
            if not peer.installed():
                report.append(f"- peer {peer.name}: not installed (`pip install {peer.package}`), skipped")
                continue
            scorer = peer.build()
            bad, errors, first = check_peer(scorer, records[:2000])
            note = "agrees" if not bad and not errors else f"{bad} mismatches, {errors} errors (first: {first})"
            report.append(f"- peer {peer.name} ({peer.package} {_version(peer.package)}): on {min(n, 2000):,} records {note}")
            peer_scorers.append((peer, scorer))
    report.append("")

    section, ratios, times = in_memory(policy, small, records, repeat)
    report += section

    peer_ratios: dict[str, float] = {}
    if peer_scorers:
        section, peer_ratios = peer_section(peer_scorers, records, args, rate(n, times["b"])[0], rate(n, times["a"])[0], ratios["b"])
        report += section

    worst_cold = None
    if not args.no_load_check:
        section, worst_cold = loadcheck.section(repeat, args.data_dir)
        report += section

    section, e2e = endtoend.section(args, gen, e2e_n)
    report += section

    rows = target_rows(ratios, peer_ratios, worst_cold, e2e, e2e_n)
    report += ["## Targets", "", *table(["target", "measured", "verdict"], rows), ""]

    text = "\n".join(report) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
