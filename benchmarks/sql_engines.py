#!/usr/bin/env python3
"""``policyscore score --engine duckdb`` end to end, against the hand-written script, in one run.

Every variant is a separate process, timed in interleaved rounds (the order
rotating between rounds); the median wall time of the rounds is reported,
with the CPU time (user + system, all threads) and the peak RSS of that
process.  Ratios are records/s of a variant over records/s of the baseline
measured in the same rounds:

- **baseline**: ``handwritten_e2e.py --json orjson`` (JSON Lines in, JSON Lines out);
- **duckdb jsonl→csv**: ``score --engine duckdb --format csv`` on the JSON Lines file, with every record check;
- **duckdb parquet→parquet**: ``score --engine duckdb --format parquet`` on the same records as Parquet;
- **python jsonl→csv** (``--python``): ``score --engine python --format csv``, for scale.

Before timing, the DuckDB and Python engines' CSV outputs are compared byte for
byte on the first 20,000 records, and each timed DuckDB run must report that
DuckDB scored (``--verbose`` is not needed: a run that fell back to Python is
caught by comparing its summary line with the baseline's count).

    python benchmarks/sql_engines.py --records 1000000 --repeat 3 --output benchmarks/sql-results.md
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "examples"))

from common import AS_OF, SEED, log  # noqa: E402

POLICY = ROOT / "rules" / "startup-us-ca.yaml"


def _records_file(data_dir: Path, n: int) -> Path:
    import generate  # examples/generate.py
    from endtoend import write_jsonl

    full = data_dir / f"customers-1000000-seed{SEED}.jsonl"
    if n == 1_000_000 or not (full.exists() and full.with_suffix(".done").exists()):
        path = data_dir / f"customers-{n}-seed{SEED}.jsonl"
        write_jsonl(generate, n, path)
        return path
    path = data_dir / f"customers-{n}-seed{SEED}-head.jsonl"
    if not path.exists():
        with open(full, "rb") as src, open(path, "wb") as dst:
            for i, line in enumerate(src):
                if i == n:
                    break
                dst.write(line)
    return path


def _parquet(jsonl: Path) -> Path:
    import duckdb

    path = jsonl.with_suffix(".parquet")
    if not path.exists():
        log(f"writing {path}")
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        con.execute(f"COPY (SELECT * FROM read_json('{jsonl}', format = 'newline_delimited')) TO '{path}' (FORMAT PARQUET)").fetchall()
    return path


def _run(cmd: list[str]) -> tuple[float, float, int, str]:
    """(wall s, CPU s, peak RSS KiB, stderr) of one run."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", tf.name, *cmd], cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
        user, system, rss = Path(tf.name).read_text().split()[-3:]
    return wall, float(user) + float(system), int(rss), proc.stderr


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "policyscore", "score", str(POLICY), *args, "--as-of", AS_OF.isoformat()]


def _agree(jsonl: Path, n: int) -> None:
    """The two engines' CSV of the first records, byte for byte."""
    with tempfile.TemporaryDirectory() as tmp:
        head = Path(tmp) / "head.jsonl"
        with open(jsonl, "rb") as src, open(head, "wb") as dst:
            for i, line in enumerate(src):
                if i == n:
                    break
                dst.write(line)
        outs = {}
        for engine in ("python", "duckdb"):
            out = Path(tmp) / f"{engine}.csv"
            _run(_cli(str(head), "--engine", engine, "--format", "csv", "--include-ineligible", "-o", str(out)))
            outs[engine] = out.read_bytes()
        if outs["python"] != outs["duckdb"]:
            raise SystemExit("the engines' CSV differ: not timing")
    log(f"agreement: both engines write the same CSV for the first {n:,} records")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--python", action="store_true", help="also time the Python engine (slow at 1,000,000 records)")
    ap.add_argument("--data-dir", type=Path, default=HERE / ".data")
    ap.add_argument("--output", type=Path)
    args = ap.parse_args(argv)

    jsonl = _records_file(args.data_dir, args.records)
    parquet = _parquet(jsonl)
    _agree(jsonl, min(args.records, 20_000))
    with tempfile.TemporaryDirectory() as tmp:
        variants = {
            "baseline (hand-written, orjson)": [
                sys.executable, str(HERE / "handwritten_e2e.py"), str(jsonl), "--json", "orjson", "--as-of", AS_OF.isoformat(),
                "--output", os.path.join(tmp, "hw.jsonl"),
            ],  # fmt: skip
            "duckdb jsonl→csv": _cli(str(jsonl), "--engine", "duckdb", "--format", "csv", "-o", os.path.join(tmp, "d.csv")),
            "duckdb parquet→parquet": _cli(str(parquet), "--engine", "duckdb", "--format", "parquet", "-o", os.path.join(tmp, "d.parquet")),
        }
        if args.python:
            variants["python jsonl→csv"] = _cli(str(jsonl), "--engine", "python", "--format", "csv", "-o", os.path.join(tmp, "p.csv"))
        runs: dict[str, list[tuple[float, float, int]]] = {k: [] for k in variants}
        keys = list(variants)
        loads = []
        for r in range(args.repeat):
            for key in keys[r % len(keys) :] + keys[: r % len(keys)]:
                loads.append(os.getloadavg()[0])
                wall, cpu, rss, err = _run(variants[key])
                if key.startswith("duckdb") and f"{args.records} records read" not in err.replace(",", ""):
                    raise SystemExit(f"{key}: unexpected summary: {err[-500:]}")
                runs[key].append((wall, cpu, rss))
                log(f"round {r + 1}: {key}: {wall:.1f} s wall, {cpu:.1f} s CPU, {rss // 1024} MiB")
    base = statistics.median(w for w, _, _ in runs[keys[0]])
    lines = [
        f"# DuckDB engine end to end ({args.records:,} records, {args.repeat} interleaved rounds)",
        "",
        f"Policy `rules/startup-us-ca.yaml`, as of {AS_OF}; records from `examples/generate.py` (seed {SEED}); "
        f"{os.cpu_count()} CPUs; load average before each run {min(loads):.1f} to {max(loads):.1f}. "
        "Written by `benchmarks/sql_engines.py`.",
        "",
        "| variant | median wall | records/s | ratio to baseline | CPU (all threads) | peak RSS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key in keys:
        wall = statistics.median(w for w, _, _ in runs[key])
        cpu = statistics.median(c for _, c, _ in runs[key])
        rss = max(m for _, _, m in runs[key])
        lines.append(
            f"| {key} | {wall:.1f} s | {args.records / wall:,.0f} | {base / wall:.2f}× | {cpu:.1f} s | {rss / 1024:.0f} MiB |"
        )
    report = "\n".join(lines) + "\n"
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
