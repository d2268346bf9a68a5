#!/usr/bin/env python3
"""Where the time of ``score --engine duckdb`` goes, stage by stage, and the best wall time that leaves.

`sql_engines.py` times the whole run.  This script times each stage of it on
its own, in one run with the hand-written script (the baseline of the speed
targets), so that a target can be compared with what its stages cost at the
least:

- **imports**: a fresh interpreter importing the command line and DuckDB and
  sqlglot (a subprocess; wall time);
- **load + generate**: loading the policy and generating its DuckDB query;
- **guard**: the text guard over every JSON Lines record
  (:func:`policyscore.backends.sql.duckdb_guard.suspect_records`);
- **checked read**: the JSON Lines file read with every record check, into a
  temporary table (what :func:`policyscore.sql.score_duckdb` does first);
- **scoring query**: the generated query over that table, every output
  column computed into a temporary table;
- **CSV write** / **Parquet write**: the scored table written by DuckDB's own
  writer (the engine's writers do more: exact number text, row order);
- **typed Parquet read**: the Parquet file read with the column-type checks;
- for scale: **lenient read**, DuckDB's typed JSON reader with no checks (what
  the checks replace), **one JSON parse**, DuckDB parsing every record once,
  and, when msgspec is installed, **strict decode in Python**: every line
  decoded by msgspec into the fields the policy reads, typed and strict, on
  one thread (it does not see a repeated key: a floor, not a replacement).

The best wall time of a path is its stages' wall times that cannot overlap
(imports, load + generate) plus its DuckDB stages' CPU time over the machine's
cores: that is every core busy all the time, which no real run reaches.  When
that bound is above a target's wall time, no scheduling of these stages meets
the target; only making a stage cheaper can.

    python benchmarks/sql_floor.py --records 1000000 --repeat 3 --output benchmarks/sql-floor-results.md
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "examples"))

from common import AS_OF, SEED, log  # noqa: E402
from sql_engines import POLICY, _parquet, _records_file, _run  # noqa: E402

#: Stages whose wall time is paid whole (one thread, before DuckDB starts); the others are DuckDB's, on every core.
SERIAL = ("imports", "load + generate")
JSONL_PATH = ("imports", "load + generate", "guard", "checked read", "scoring query", "CSV write")
PARQUET_PATH = ("imports", "load + generate", "typed Parquet read + scoring query", "Parquet write")
UNCHECKED_PATH = ("imports", "load + generate", "lenient read", "scoring query", "CSV write")

Stage = Callable[[], Any]


def _timed(fn: Stage) -> tuple[float, float]:
    """(wall s, CPU s of this process, every thread) of one call."""
    cpu = time.process_time()
    wall = time.perf_counter()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def stages(jsonl: Path, parquet: Path, tmp: Path) -> dict[str, Stage]:
    """Each stage as a function; each leaves behind what the next stage reads."""
    import duckdb

    import policyscore
    from policyscore.backends.sql.duckdb_guard import suspect_records
    from policyscore.io.recordlimits import MAX_LINE_BYTES
    from policyscore.sql import _source, duckdb_query

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    policy = policyscore.load_policy(POLICY)
    objects = [name for name, decl in policy.fields.items() if decl.type.kind == "object" and "." not in name]
    checked_columns = {policy.program.id_field: "VARCHAR"}
    for name in policy.program.read_fields:
        checked_columns[name] = _sql_type(policy, name)

    def load_generate() -> None:
        fresh = policyscore.load_policy(POLICY)
        duckdb_query(fresh, AS_OF, "_ps_checked", clean=True)

    def guard() -> None:
        read, suspect = suspect_records(con, str(jsonl), "jsonl", objects, MAX_LINE_BYTES // 2)
        if suspect:
            raise SystemExit(f"the guard cannot clear {suspect} of {read} records: not timing")

    def checked_read() -> None:
        reader, _typed = _source(policy, str(jsonl), con, "jsonl")
        con.execute(f"CREATE OR REPLACE TEMPORARY TABLE _ps_checked AS SELECT * FROM {reader.sql('duckdb')}")

    def run(sql: str, *params: str) -> Stage:
        return lambda: con.execute(sql, list(params)).fetchall()

    query = duckdb_query(policy, AS_OF, "_ps_checked", clean=True)
    typed_reader, typed = _source(policy, str(parquet), con, "parquet")
    if not typed:
        raise SystemExit("the Parquet file is not checked on its column types: not timing")
    con.execute(f"CREATE OR REPLACE TEMPORARY VIEW _ps_typed AS SELECT * FROM {typed_reader.sql('duckdb')}")
    typed_query = duckdb_query(policy, AS_OF, "_ps_typed", clean=True)
    lenient_columns = "{" + ", ".join(f"'{k}': '{v}'" for k, v in checked_columns.items()) + "}"

    found = {
        "load + generate": load_generate,
        "guard": guard,
        "checked read": checked_read,
        "scoring query": run(f"CREATE OR REPLACE TEMPORARY TABLE _ps_scored AS {query}"),
        "CSV write": run(f"COPY _ps_scored TO '{tmp / 'scored.csv'}' (HEADER)"),
        "typed Parquet read + scoring query": run(f"CREATE OR REPLACE TEMPORARY TABLE _ps_scored_p AS {typed_query}"),
        "Parquet write": run(f"COPY _ps_scored_p TO '{tmp / 'scored.parquet'}' (FORMAT PARQUET)"),
        "lenient read": run(
            f"CREATE OR REPLACE TEMPORARY TABLE _ps_lenient AS SELECT * FROM read_json(?, columns = {lenient_columns})", str(jsonl)
        ),
        "one JSON parse": run("SELECT count(*) FILTER (WHERE json_valid(json)) FROM read_json_objects(?)", str(jsonl)),
    }
    strict = _strict_decoder(policy)
    if strict is not None:
        found["strict decode in Python (msgspec)"] = lambda: strict(jsonl)
    return found


def _strict_decoder(policy: Any) -> Callable[[Path], None] | None:
    """When msgspec is installed: a function decoding every line of a file into the fields the policy reads,
    typed and strict (a number must be a JSON number, a date a ``YYYY-MM-DD`` string), on one thread."""
    try:
        import msgspec
    except ImportError:
        return None
    import datetime as dt

    def python_type(t: Any) -> Any:
        base: Any = {"number": float, "string": str, "date": dt.date, "boolean": bool, "object": dict}.get(t.kind, Any)
        if t.kind == "number" and t.integer:
            base = int
        if t.kind == "list" and t.item is not None:
            base = list[python_type(t.item)]  # type: ignore[misc]
        return base | None if t.nullable else base

    required: list[tuple[str, Any]] = []
    optional: list[tuple[str, Any, None]] = []  # msgspec wants fields with a default last
    for name in dict.fromkeys([policy.program.id_field, *policy.program.read_fields]):
        t = policy.fields[name].type
        if t.nullable:
            optional.append((name, python_type(t), None))
        else:
            required.append((name, python_type(t)))
    decoder = msgspec.json.Decoder(msgspec.defstruct("Record", [*required, *optional]))

    def decode(path: Path) -> None:
        with open(path, "rb") as f:
            for line in f:
                decoder.decode(line)

    return decode


def _sql_type(policy: Any, name: str) -> str:
    from policyscore.backends.sql.expressions import sql_type

    return str(sql_type(policy.fields[name].type).sql("duckdb"))


def best_wall(path: tuple[str, ...], walls: dict[str, float], cpus: dict[str, float], cores: int) -> float:
    """The least wall time of ``path``: serial stages whole, DuckDB stages' CPU spread on every core."""
    return sum(walls[s] if s in SERIAL else cpus[s] / cores for s in path)


def report(records: int, repeat: int, base: float, walls: dict[str, float], cpus: dict[str, float], cores: int, loads: list[float]) -> str:
    lines = [
        f"# DuckDB engine, stage by stage ({records:,} records, {repeat} rounds, medians)",
        "",
        f"Policy `rules/startup-us-ca.yaml`, as of {AS_OF}; records from `examples/generate.py` (seed {SEED}); "
        f"{cores} CPUs; load average before each round {min(loads):.1f} to {max(loads):.1f}. "
        "Written by `benchmarks/sql_floor.py`.",
        "",
        f"Baseline (hand-written script, orjson, JSON Lines in and out): **{base:.1f} s** wall.",
        "",
        "| stage | wall | CPU (all threads) |",
        "|---|---:|---:|",
    ]
    for name in walls:
        lines.append(f"| {name} | {walls[name]:.2f} s | {cpus[name]:.2f} s |")
    lines += [
        "",
        "Best wall time of each path: serial stages whole, every other stage's CPU time spread on "
        f"{cores} cores with no idle moment (no real run gets there).",
        "",
        "| path | stages | best wall | target | target wall | best ratio |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for label, path, target in (
        ("JSON Lines → CSV, checked", JSONL_PATH, 2),
        ("Parquet → Parquet", PARQUET_PATH, 10),
        ("JSON Lines → CSV, unchecked (for scale)", UNCHECKED_PATH, 2),
    ):
        best = best_wall(path, walls, cpus, cores)
        lines.append(f"| {label} | {' + '.join(path)} | {best:.2f} s | {target}× | {base / target:.2f} s | {base / best:.2f}× |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data-dir", type=Path, default=HERE / ".data")
    ap.add_argument("--output", type=Path)
    args = ap.parse_args(argv)

    jsonl = _records_file(args.data_dir, args.records)
    parquet = _parquet(jsonl)
    cores = os.cpu_count() or 1
    runs: dict[str, list[tuple[float, float]]] = {}
    base_walls: list[float] = []
    loads: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        baseline = [
            sys.executable, str(HERE / "handwritten_e2e.py"), str(jsonl), "--json", "orjson", "--as-of", AS_OF.isoformat(),
            "--output", os.path.join(tmp, "hw.jsonl"),
        ]  # fmt: skip
        imports = [sys.executable, "-c", "import duckdb, sqlglot, policyscore.cli, policyscore.engines"]
        for r in range(args.repeat):
            loads.append(os.getloadavg()[0])
            wall, _cpu, _rss, _err = _run(baseline)
            base_walls.append(wall)
            wall, cpu, _rss, _err = _run(imports)
            runs.setdefault("imports", []).append((wall, cpu))
            for name, stage in stages(jsonl, parquet, Path(tmp)).items():
                runs.setdefault(name, []).append(_timed(stage))
            log(f"round {r + 1}: baseline {base_walls[-1]:.1f} s; " + ", ".join(f"{k} {v[-1][0]:.2f} s" for k, v in runs.items()))
    walls = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    cpus = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    text = report(args.records, args.repeat, statistics.median(base_walls), walls, cpus, cores, loads)
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
