"""Load + check of every policy in rules/: cold (a fresh interpreter per run) and warm (in this process)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import ROOT, log, table

import policyscore

__all__ = ["section"]


_COLD = """
import sys, time
t0 = time.perf_counter()
import policyscore
t1 = time.perf_counter()
policy = policyscore.load_policy(sys.argv[1])
t2 = time.perf_counter()
diags = policyscore.check(sys.argv[1])
t3 = time.perf_counter()
assert not any(d.is_error for d in diags)
print(t1 - t0, t2 - t1, t3 - t2)
"""


def load_check(policies: list[Path], repeat: int, pycache: Path) -> list[dict[str, Any]]:
    """Cold runs use a bytecode cache (PYTHONPYCACHEPREFIX, warmed by one untimed run) as an installed package has;
    the "no bytecode" column compiles every module from source (PYTHONDONTWRITEBYTECODE=1, as in some CI setups).
    Policies are interleaved round by round, so that a busy moment of the shared machine does not hit one policy only."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    nocache = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    nocache["PYTHONDONTWRITEBYTECODE"] = "1"
    keys = ("import", "cold_load", "cold_check", "process", "no_bytecode", "warm_load", "warm_check")
    samples: dict[Path, dict[str, list[float]]] = {path: {k: [] for k in keys} for path in policies}
    for path in policies:
        subprocess.run([sys.executable, "-c", _COLD, str(path)], capture_output=True, check=True, cwd=ROOT, env=env)
        policyscore.load_policy(path)
    for _ in range(max(repeat, 5)):
        for path in policies:
            got = samples[path]
            out = subprocess.run(
                [sys.executable, "-B", "-c", _COLD, str(path)], capture_output=True, text=True, check=True, cwd=ROOT, env=nocache
            )
            got["no_bytecode"].append(sum(float(x) for x in out.stdout.split()[:2]))
            start = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", _COLD, str(path)], capture_output=True, text=True, check=True, cwd=ROOT, env=env)
            got["process"].append(time.perf_counter() - start)
            a, b, c = (float(x) for x in out.stdout.split())
            got["import"].append(a)
            got["cold_load"].append(b)
            got["cold_check"].append(c)
            start = time.perf_counter()
            policyscore.load_policy(path)
            got["warm_load"].append(time.perf_counter() - start)
            start = time.perf_counter()
            policyscore.check(path)
            got["warm_check"].append(time.perf_counter() - start)
    rows = []
    med = statistics.median
    for path in policies:
        got = samples[path]
        rows.append(
            {
                "policy": path.relative_to(ROOT).as_posix(),
                **{k: med(v) for k, v in got.items()},
                "cold_total": med([a + b for a, b in zip(got["import"], got["cold_load"])]),
            }
        )
    return rows


def section(repeat: int, data_dir: Path) -> tuple[list[str], float]:
    """The report section, and the worst cold import + load in seconds."""
    log("timing load + check")
    policies = sorted(p for p in (ROOT / "rules").glob("*.yaml") if not p.name.endswith(".test.yaml"))  # test files are not policies
    lc = load_check(policies, repeat, data_dir / "pycache")
    report = [
        f"## Load + check (median of {max(repeat, 5)} fresh interpreters per policy, policies interleaved; warm: in this process)",
        "",
        *table(
            [
                "policy",
                "cold: import policyscore",
                "cold: load_policy",
                "cold: import + load",
                "cold: check()",
                "whole process",
                "cold import + load, no bytecode cache",
                "warm load_policy",
                "warm check()",
            ],
            [
                [
                    r["policy"],
                    f"{r['import'] * 1000:.0f} ms",
                    f"{r['cold_load'] * 1000:.0f} ms",
                    f"**{r['cold_total'] * 1000:.0f} ms**",
                    f"{r['cold_check'] * 1000:.0f} ms",
                    f"{r['process'] * 1000:.0f} ms",
                    f"{r['no_bytecode'] * 1000:.0f} ms",
                    f"{r['warm_load'] * 1000:.1f} ms",
                    f"{r['warm_check'] * 1000:.1f} ms",
                ]
                for r in lc
            ],
        ),
        "",
    ]
    return report, max(r["cold_total"] for r in lc)
