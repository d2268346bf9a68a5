"""Peak memory of scoring a book with portfolio functions: a referral tree and a group average.

A run of a portfolio policy reads its records twice; memory should grow only
with what the portfolio functions read (ids, referrers, each call's argument
and group key), never with whole records.  This script writes a seeded book of
N customers (40% referred by an earlier customer, three segments), scores it
with ``benchmarks/book-policy.yaml`` in a fresh process, and reports that
process's peak resident memory next to the same command on a one-record file
(the fixed cost of the interpreter and its libraries), measured in the same run.

    python benchmarks/portfolio_memory.py --records 1000000 --output benchmarks/portfolio-results.md
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
POLICY = HERE / "book-policy.yaml"
SEGMENTS = ("smb", "mid", "enterprise")


def write_book(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            ref = f"C{rng.randrange(i):07d}" if i and rng.random() < 0.4 else None
            row = {"id": f"C{i:07d}", "referred_by": ref, "revenue": round(rng.lognormvariate(8, 1), 2), "segment": rng.choice(SEGMENTS)}
            out.write(json.dumps(row) + "\n")


def peak_of(records: Path) -> tuple[float, float]:
    """(peak RSS in MiB, seconds) of one `policyscore score` process over ``records``."""
    cmd = [sys.executable, "-m", "policyscore", "score", str(POLICY), str(records), "--as-of", "2026-11-01", "--top", "10"]
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        f"subprocess.run({cmd!r}, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, time.perf_counter() - t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book, one = Path(tmp) / "book.jsonl", Path(tmp) / "one.jsonl"
        write_book(book, args.records)
        one.write_text(book.open(encoding="utf-8").readline(), encoding="utf-8")
        base_mib, _ = peak_of(one)
        peak_mib, seconds = peak_of(book)
    load = os.getloadavg()[0]
    lines = [
        "# Portfolio policies: peak memory",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores (load average {load:.1f}) with "
        f"`python benchmarks/portfolio_memory.py --records {args.records}`: `policyscore score` of "
        "`benchmarks/book-policy.yaml` (a referral tree with `referred_sum(revenue, 3, 0.5)` and a "
        "`group_avg(revenue, segment)`) over a seeded book, in a fresh process.",
        "",
        "| records | peak RSS | of which the interpreter and libraries (one record) | time |",
        "|--:|--:|--:|--:|",
        f"| {args.records:,} | {peak_mib:.0f} MiB | {base_mib:.0f} MiB | {seconds:.0f} s |",
        "",
        "Target: under 300 MB for 1,000,000 records. The book is read twice; what stays in memory is "
        "the ids (one buffer and a sorted index), the referral tree (arrays), each call's argument "
        "(packed doubles) and group key (numbered), and the sorted values of each aggregate.",
    ]
    text = "\n".join(lines) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
