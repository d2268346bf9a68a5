"""Start-up: `policyscore validate POLICY` in a fresh process, against `python -c pass` in the same run.

pre-commit runs `policyscore validate` on every commit, so the time of a whole
fresh process is what a user waits for.  The two commands are interleaved
round by round (a busy moment of the shared machine hits both), after one
untimed run of each that fills the bytecode cache, as an installed package has
it.  The report gives the median and the fastest wall time of each, the
median CPU time (user + system: steadier than wall time on a busy machine),
and the difference: what policyscore itself costs above starting Python.

    python benchmarks/startup.py [--runs 30] [--policy rules/startup-us-ca.yaml] [--output FILE]

Run it from the repository root; the package is taken from src/.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(policy: str, runs: int, pycache: str) -> dict[str, list[tuple[float, float]]]:
    # a bytecode cache, as an installed package has (kept out of the source tree)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT / "src"), PYTHONPYCACHEPREFIX=pycache)
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        f"policyscore validate {policy}": [sys.executable, "-m", "policyscore", "validate", policy],
    }
    for cmd in commands.values():  # untimed: bytecode cache, file cache
        _time(cmd, env)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            samples[name].append(_time(cmd, env))
    return samples


def report(samples: dict[str, list[tuple[float, float]]], runs: int) -> str:
    (base_name, base), (name, runs_of) = samples.items()

    def ms(x: float) -> str:
        return f"{x * 1000:.0f} ms"

    def row(label: str, got: list[tuple[float, float]]) -> list[float]:
        wall, cpu = [w for w, _ in got], [c for _, c in got]
        return [statistics.median(wall), min(wall), statistics.median(cpu)]

    a, b = row(base_name, base), row(name, runs_of)
    lines = [
        f"## Start-up: one policy validated in a fresh process (median of {runs} interleaved runs)",
        "",
        f"Produced by `python benchmarks/startup.py --runs {runs}`; load average at start: "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
        + " (the machine is shared: the CPU time is the steadier figure).",
        "",
        "| command | wall, median | wall, fastest | CPU (user + system), median |",
        "|---|---|---|---|",
        f"| `{base_name}` | {ms(a[0])} | {ms(a[1])} | {ms(a[2])} |",
        f"| `{name}` | **{ms(b[0])}** | {ms(b[1])} | {ms(b[2])} |",
        f"| difference: policyscore's own start-up and check | {ms(b[0] - a[0])} | {ms(b[1] - a[1])} | {ms(b[2] - a[2])} |",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--policy", default="rules/startup-us-ca.yaml")
    parser.add_argument("--output", help="also write the Markdown section to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="policyscore-startup-") as pycache:
        text = report(measure(args.policy, args.runs, pycache), args.runs)
    print(text, end="")
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
