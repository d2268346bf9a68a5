"""What the scores-only ratio is made of: the generated loop with its parts taken out, against the hand-written scorer.

``score_many(explain=False)`` does two things the hand-written scorers of
``handwritten.py`` and ``handwritten_small.py`` do not: it checks every field
the policy reads (a malformed one rejects the record, as ``docs/semantics.md``
says), and it builds a :class:`policyscore.Result` per record (a named tuple
holding the program, the record and what the explanation needs), where the
hand-written scorers return a plain tuple.  This script edits the generated
loop's source to take each of them out and times the variants, interleaved, in
CPU time, against the hand-written scorer of the same policy:

- ``engine``: the generated loop as it is, reading ``.score`` and ``.tier``
  (variants (e) and (g) of ``run.py``);
- ``no Result``: each ``Result`` replaced by a plain tuple of the same items
  (read by index);
- ``no checks``: the record checks removed (a malformed field is no longer
  rejected);
- ``neither``: both.

Every variant is asserted to give the engine's score and tier on every record
before timing (the generated records are clean, so removing the checks
changes no result).  The variants are experiments, not something the engine
could do: they show how much of the gap each part is.

    python benchmarks/ceiling.py [--records 30000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import handwritten  # noqa: E402
import handwritten_small  # noqa: E402
from common import AS_OF, ROOT, SEED, log, table  # noqa: E402
from run import _load_generator  # noqa: E402

import policyscore  # noqa: E402
from policyscore.backends.python.generate import generate  # noqa: E402

#: a record check: ``if <test>: fN = _chkK(fN)``, one line of the generated source
_CHECK = re.compile(r"\n[ ]+if [^\n]* = _chk\d+\(f\d+\)(?=\n)")
_RESULT = "_new(_R, ("


def loop_variants(policy: policyscore.Policy) -> dict[str, Callable[..., Any]]:
    """The generated ``_evaluate_many`` of ``policy``, and the same loop with the Result and/or the checks taken out."""
    evaluate, source = generate(policy.program)
    loop = source[source.index("def _evaluate_many") :]
    if _RESULT not in loop or not _CHECK.search(loop):
        raise SystemExit("the generated loop no longer has the shape this script edits: update _CHECK and _RESULT")
    texts = {
        "engine": loop,
        "no Result": loop.replace(_RESULT, "(("),
        "no checks": _CHECK.sub("", loop),
    }
    texts["neither"] = _CHECK.sub("", texts["no Result"])
    out = {}
    for name, text in texts.items():
        ns = dict(evaluate.__globals__)
        exec(compile(text, f"<{name}>", "exec"), ns)  # noqa: S102 - the engine's own generated source, edited
        out[name] = ns["_evaluate_many"]
    return out


def _fail(record: Any, exc: Exception, as_of: Any) -> Any:
    raise exc


def runs(policy: policyscore.Policy, scorer: Callable[..., Any]) -> dict[str, Callable[[list[Any]], None]]:
    """Timed functions: the hand-written scorer, then each loop variant, reading the score and the tier."""

    def hand(records: list[Any]) -> None:
        as_of = AS_OF
        for record in records:
            rid, eligible, total, tier, points = scorer(record, as_of)

    out: dict[str, Callable[[list[Any]], None]] = {"hand-written": hand}
    for name, loop in loop_variants(policy).items():
        if name in ("engine", "no checks"):

            def by_name(records: list[Any], loop: Callable[..., Any] = loop) -> None:
                for result in loop(records, AS_OF, False, _fail):
                    _ = result.score, result.tier

            out[name] = by_name
        else:

            def by_index(records: list[Any], loop: Callable[..., Any] = loop) -> None:
                for result in loop(records, AS_OF, False, _fail):
                    _ = result[15], result[16]

            out[name] = by_index
    return out


def check(policy: policyscore.Policy, records: list[Any]) -> None:
    """Every variant gives the engine's (score, tier) on every record."""
    want = [(r.score, r.tier) for r in policy.score_many(records, AS_OF, explain=False)]
    for name, loop in loop_variants(policy).items():
        got = [(r[15], r[16]) for r in loop(records, AS_OF, False, _fail)]
        if got != want:
            raise SystemExit(f"{name} disagrees with the engine on {policy.name}")


def measure(fns: dict[str, Callable[[list[Any]], None]], records: list[Any], repeat: int) -> dict[str, list[float]]:
    """CPU seconds of each function per round, rounds interleaved with a rotating order, garbage collector off."""
    names = list(fns)
    times: dict[str, list[float]] = {n: [] for n in names}
    for round_ in range(repeat):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            gc.collect()
            gc.disable()
            start = time.process_time()
            fns[name](records)
            times[name].append(time.process_time() - start)
            gc.enable()
    return times


def section(label: str, times: dict[str, list[float]], n: int) -> list[str]:
    base = times["hand-written"]
    rows = []
    for name, t in times.items():
        per = statistics.median(t) / n * 1e6
        paired = statistics.median(b / x for b, x in zip(base, t, strict=True))
        rows.append([name, f"{per:.3f}", "baseline" if name == "hand-written" else f"{paired:.3f}"])
    return [f"### {label}", "", *table(["variant", "CPU µs per record (median)", "paired ratio to hand-written"], rows), ""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=30_000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--output", type=Path)
    args = ap.parse_args(argv)
    records = list(_load_generator().generate(args.records, SEED))
    report = [
        "# What the scores-only ratio is made of",
        "",
        f"`python benchmarks/ceiling.py --records {args.records} --repeat {args.repeat}` on {time.strftime('%Y-%m-%d %H:%M %Z')}; "
        "CPU time, rounds interleaved, median per record and median of the per-round ratios.",
        "",
    ]
    for path, scorer in ((handwritten.POLICY_FILE, handwritten.score), (handwritten_small.POLICY_FILE, handwritten_small.score)):
        policy = policyscore.load_policy(ROOT / path)
        check(policy, records)
        log(f"timing {path}")
        report += section(path, measure(runs(policy, scorer), records, args.repeat), len(records))
    text = "\n".join(report)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
