#!/usr/bin/env python3
"""File-to-file baseline: read JSONL customers, score them, write JSONL results.

The end-to-end counterpart of ``policyscore score rules/startup-us-ca.yaml
FILE --format jsonl``: it reads the file line by line (lazily), scores each
record with the hand-written function of ``handwritten.py`` and writes one
JSON object per eligible customer (the CLI's default also shows only eligible
customers), with the same JSON settings as the CLI (sorted keys, compact,
``ensure_ascii=False``).  It writes ``{id, eligible, score, tier, as_of,
points}``; the CLI writes the engine's full explanation, which is larger.

Options (used by run.py):
  --json json|orjson     JSON library for reading and writing (default: json, as the CLI)
  --scorer handwritten|engine
                         engine = the same loop with Policy.score_many(explain=False)
                         in place of the hand-written function (how much of the
                         end-to-end time is the engine itself)

    python benchmarks/handwritten_e2e.py FILE.jsonl --as-of 2026-11-01 --output /dev/null
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import handwritten  # noqa: E402


def _json(lib: str) -> tuple[Callable[[Any], Any], Callable[[Any], str]]:
    if lib == "orjson":
        import orjson

        def dumps_orjson(value: Any) -> str:
            return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()

        return orjson.loads, dumps_orjson
    return json.loads, lambda value: json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records", help="JSONL file of customer records")
    ap.add_argument("--as-of", default="2026-11-01")
    ap.add_argument("--output", "-o", default="-")
    ap.add_argument("--json", choices=("json", "orjson"), default="json")
    ap.add_argument("--scorer", choices=("handwritten", "engine"), default="handwritten")
    args = ap.parse_args(argv)

    loads, dumps = _json(args.json)
    as_of = date.fromisoformat(args.as_of)
    as_of_text = as_of.isoformat()

    def read() -> Iterator[dict[str, Any]]:
        with open(args.records, "rb") as f:
            for line in f:
                if line.strip():
                    yield loads(line)

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    write = out.write
    count = 0
    if args.scorer == "handwritten":
        score = handwritten.score
        for record in read():
            rid, eligible, total, tier, points = score(record, as_of)
            if eligible:
                write(dumps({"id": rid, "eligible": True, "score": total, "tier": tier, "as_of": as_of_text, "points": points}) + "\n")
                count += 1
    else:
        import policyscore

        policy = policyscore.load_policy(HERE.parent / handwritten.POLICY_FILE)
        for result in policy.score_many(read(), as_of, explain=False):
            if result.eligible:
                write(
                    dumps(
                        {
                            "id": result.id,
                            "eligible": True,
                            "score": result.score,
                            "tier": result.tier,
                            "as_of": as_of_text,
                            "points": result.points,
                        }
                    )
                    + "\n"
                )
                count += 1
    if out is not sys.stdout:
        out.close()
    print(f"{count} eligible customers written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
