#!/usr/bin/env python3
"""The book report on a large file, against ``score`` on the same file: wall time and peak RSS.

Writes (or reuses) a JSONL file of generated customers (``examples/generate.py``,
the seed of ``run.py``) and runs, each as its own process, interleaved over
``--repeat`` rounds (the median is reported):

- ``policyscore score POLICY FILE --top 50`` (a ranked table, bounded memory);
- ``policyscore score POLICY FILE --format jsonl -o /dev/null`` (every explanation written);
- ``policyscore report POLICY FILE --top 50 --amount annual_contract_value -o report.html``.

Run from the repository root with the project installed::

    python benchmarks/report.py --records 1000000 --repeat 1
    python benchmarks/report.py --records 100000            # a quick check

Prints a Markdown table; ``--output FILE`` also writes it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import AS_OF, SEED  # noqa: E402
from endtoend import POLICY_PATH, cli_command, timed_rounds, write_jsonl  # noqa: E402
from run import _load_generator  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description="policyscore report on a large book, against score (see benchmarks/README.md)")
    ap.add_argument("--records", type=int, default=1_000_000, help="records in the generated file (default 1,000,000)")
    ap.add_argument("--repeat", type=int, default=1, help="timed rounds; the median is reported (default 1)")
    ap.add_argument("--data-dir", type=Path, default=HERE / ".data", help="where the JSONL file is written and reused")
    ap.add_argument("--output", type=Path, help="also write the Markdown report here")
    args = ap.parse_args()
    cli = cli_command()
    if cli is None:
        sys.exit("policyscore is not installed: pip install -e .")
    path = args.data_dir / f"customers-{args.records}-seed{SEED}.jsonl"
    write_jsonl(_load_generator(), args.records, path)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"
        common = [str(POLICY_PATH), str(path), "--as-of", AS_OF.isoformat()]
        commands = {
            "score --top 50 (table)": [*cli, "score", *common, "--top", "50"],
            "score --format jsonl (every explanation)": [*cli, "score", *common, "--format", "jsonl", "-o", "/dev/null"],
            "report --top 50 --amount annual_contract_value": [
                *cli,
                "report",
                *common,
                "--top",
                "50",
                "--amount",
                "annual_contract_value",
                "--no-progress",
                "-o",
                str(out),
            ],
        }
        walls, peaks = timed_rounds(commands, args.repeat, args.records)
        keys = list(commands)
        size = out.stat().st_size
    base = statistics.median(walls[keys[0]])
    lines = [
        f"## The book report on {args.records:,} records",
        "",
        f"`{POLICY_PATH.name}`, as of {AS_OF}, median of {args.repeat} round(s); the report file is {size / 1024:,.0f} KiB.",
        "",
        "| command | wall time | records/s | vs score --top 50 | peak RSS |",
        "|---|--:|--:|--:|--:|",
    ]
    for key in keys:
        wall = statistics.median(walls[key])
        peak = f"{max(peaks[key]) // 1024} MiB" if peaks[key] else "n/a"
        lines.append(f"| `{key}` | {wall:.1f} s | {args.records / wall:,.0f} | {wall / base:.2f}x | {peak} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
