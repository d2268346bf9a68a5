"""A scoring run of ``policyscore score``: the engine chosen, the records scored, the output written.

Two engines give the same bytes for the same input and options:

- **python** reads the records one by one (:class:`policyscore.batch.Run`),
  with every record check, and writes through :class:`policyscore.render.run.ResultsWriter`;
- **duckdb** runs the policy's SQL query (:mod:`policyscore.sql`) over the
  whole file, selects, sorts and formats in DuckDB.

``auto`` takes DuckDB when the output needs no explanation (table, csv,
markdown, parquet), the input is a file DuckDB reads (``.jsonl``,
``.ndjson``, ``.json``, ``.parquet``) and the policy compiles to SQL; Python
otherwise.  The DuckDB run scores only a file whose every record is clean: a
record the Python engine would reject (a check, a duplicate id, a record the
guard of :mod:`policyscore.backends.sql.duckdb_guard` cannot clear) or score
differently (the query's ``_ps_fallback``) makes the whole run go to the
Python engine, which gives the same messages, line numbers and counts as
``--engine python``.  ``--engine duckdb`` with json or jsonl selects in
DuckDB and explains the records shown with the Python engine (with ``--top``;
without it every record is shown and explained: the Python run).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

import duckdb

from policyscore.backends.sql.duckdb_guard import suspect_records
from policyscore.backends.sql.results_csv import csv_line
from policyscore.batch import Rejects, Run, Summary, find, shown
from policyscore.errors import InputError
from policyscore.io.readers import STDIN, Source, format_of, open_source
from policyscore.io.recordlimits import MAX_LINE_BYTES
from policyscore.io.writers import OutputError
from policyscore.language.rounding import from_units
from policyscore.policy import Policy
from policyscore.render import results as render
from policyscore.render.run import FORMATS, ResultsWriter
from policyscore.sql import SqlUnsupported, duckdb_query, score_duckdb

__all__ = ["ENGINES", "OUTPUT_FORMATS", "Options", "choose_engine", "score_file", "parquet_as_jsonl"]

ENGINES = ("auto", "python", "duckdb")
OUTPUT_FORMATS = (*FORMATS, "parquet")
_DUCKDB_INPUTS = ("jsonl", "json", "parquet")
_TABLES = ("table", "csv", "markdown", "parquet")
_WHOLE = "0|-?[1-9][0-9]{0,30}"  # policyscore.policyfile.ids: a whole number's decimal text


@dataclass(frozen=True)
class Options:
    """What ``score`` was asked for."""

    as_of: date
    fmt: str = "table"
    top: int | None = None
    tier: str | None = None
    include_ineligible: bool = False
    input_format: str | None = None
    columns: tuple[str, ...] = ()  # record fields carried into the output (the Python run carries them)


def _input_format(path: str, forced: str | None) -> str | None:
    """The format RECORDS is read in, or None when it cannot be told (opening the file then says why, in the Python run)."""
    if forced is None and path != STDIN and path.lower().endswith(".parquet"):
        return "parquet"
    try:
        return format_of(path, forced)
    except InputError:
        return None


def choose_engine(policy: Policy, engine: str, records_path: str, options: Options) -> str:
    """``python`` or ``duckdb`` for this run.

    Raises ``ValueError`` (a usage mistake) when ``--engine duckdb`` cannot read the input, and
    :class:`SqlUnsupported` (PS701, with positions) when it cannot compute the policy.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    fmt = _input_format(records_path, options.input_format)
    readable = records_path != STDIN and fmt in _DUCKDB_INPUTS
    if engine == "python":
        return "python"
    if engine == "duckdb":
        if options.columns:
            raise ValueError("--columns is carried by the Python engine; use --engine python (or auto)")
        if not readable:
            raise ValueError(f"DuckDB reads .jsonl, .ndjson, .json and .parquet files, not {_what(records_path)}; use --engine python")
        duckdb_query(policy, options.as_of, "customers", clean=True)  # raises SqlUnsupported naming what it cannot compute
        return "duckdb"
    if not readable or options.fmt not in _TABLES or options.columns:
        return "python"
    try:
        duckdb_query(policy, options.as_of, "customers", clean=True)
    except SqlUnsupported:
        return "python"
    return "duckdb"


def _what(path: str) -> str:
    return "standard input" if path == STDIN else path


# ---------------------------------------------------------------- the run


def score_file(
    policy: Policy,
    records_path: str,
    options: Options,
    out: IO[str] | None,
    rejects: Rejects,
    *,
    engine: str = "python",
    output_path: str | None = None,
    tick: Callable[[int], None] | None = None,
    opener: Opener = open_source,
) -> tuple[Summary, str]:
    """Score ``records_path`` and write the results to ``out`` (``output_path`` for parquet).

    Returns the summary and the engine that scored (``duckdb`` falls back to ``python`` when a record is not clean).
    """
    fmt = _input_format(records_path, options.input_format)
    if options.fmt == "parquet" and output_path is not None:
        _parquet_target(output_path)  # before any record is read, as for every other output
    if engine == "duckdb" and fmt is not None:
        with tempfile.TemporaryDirectory(prefix="policyscore-") as spill:
            con = _connect(spill)
            try:
                summary = _duckdb_run(con, policy, records_path, fmt, options, out, output_path, opener)
                if summary is not None:
                    return summary, "duckdb"
            finally:
                con.close()
    with _opened(records_path, fmt, options.input_format, opener) as source:
        return _python_run(policy, source, options, out, output_path, rejects, tick), "python"


#: What DuckDB may hold in memory during a run; past it, its tables spill to a temporary folder.
MEMORY_LIMIT = "320MB"


def _connect(spill: str | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection; with ``spill`` (a folder), its memory is bounded and the run's tables spill there."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false").fetchall()
    if spill is not None:
        con.execute("SET preserve_insertion_order = false").fetchall()  # every result the run keeps is ordered explicitly
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'").fetchall()
        con.execute(f"SET temp_directory = '{_quote(spill)}'").fetchall()
    return con


#: Opens RECORDS (a path, or ``-`` for standard input) in a format (None: from the extension).
Opener = Callable[[str, "str | None"], Source]


@contextmanager
def _opened(path: str, fmt: str | None, forced: str | None, opener: Opener) -> Iterator[Source]:
    if fmt != "parquet":
        with opener(path, forced) as source:
            yield source
        return
    with parquet_as_jsonl(path) as source:
        yield source


@contextmanager
def parquet_as_jsonl(path: str) -> Iterator[Source]:
    """A Parquet file as the Python engine reads it: one JSON line per row (written by DuckDB), named ``path``.

    A row's line number is its position in the file.  DuckDB's JSON holds what the
    columns hold: numbers, text, booleans, ISO dates, lists and structs as objects.
    """
    if not os.path.isfile(path):
        raise InputError(f"records file not found: {path}", code="PS501")
    with tempfile.TemporaryDirectory(prefix="policyscore-") as tmp:
        lines = os.path.join(tmp, "records.jsonl")
        con = _connect()
        try:
            con.execute(f"COPY (SELECT * FROM read_parquet(?)) TO '{_quote(lines)}' (FORMAT JSON)", [path]).fetchall()
        except duckdb.Error as exc:
            raise InputError(f"{path}: not a readable Parquet file ({str(exc).splitlines()[0]})", code="PS506") from None
        finally:
            con.close()
        with open(lines, "rb") as stream:
            yield Source(path, "jsonl", stream)


def _quote(text: str) -> str:
    return text.replace("'", "''")


def _python_run(
    policy: Policy,
    source: Source,
    options: Options,
    out: IO[str] | None,
    output_path: str | None,
    rejects: Rejects,
    tick: Callable[[int], None] | None,
) -> Summary:
    run = Run(policy, source, options.as_of, explain=options.fmt in ("json", "jsonl"), rejects=rejects)
    if options.fmt == "parquet":
        kept = _kept_rows(run, options, tick)
        assert output_path is not None
        _rows_to_parquet(policy, kept, options, output_path)
        return run.summary(len(kept))
    assert out is not None
    writer = ResultsWriter(
        out,
        policy,
        options.fmt,
        options.as_of.isoformat(),
        top=options.top,
        include_ineligible=options.include_ineligible,
        columns=options.columns,
        source=source.name,
    )
    for result in run:
        if tick is not None:
            tick(run.read)
        if shown(result, tier=options.tier, include_ineligible=options.include_ineligible):
            writer.add(result, run.line)
    writer.finish()
    return run.summary(writer.shown)


def _kept_rows(run: Run, options: Options, tick: Callable[[int], None] | None) -> list[render.Row]:
    from policyscore.batch import Ranking

    ranking: Ranking[render.Row] = Ranking(options.top)
    for result in run:
        if tick is not None:
            tick(run.read)
        if shown(result, tier=options.tier, include_ineligible=options.include_ineligible):
            row = render.row_of(result)
            ranking.add(render.sort_key(row), row)
    return ranking.values()


# ---------------------------------------------------------------- the DuckDB run


def _object_fields(policy: Policy) -> list[str]:
    return [name for name, decl in policy.fields.items() if decl.type.kind == "object" and "." not in name]


def _duckdb_run(
    con: duckdb.DuckDBPyConnection,
    policy: Policy,
    path: str,
    fmt: str,
    options: Options,
    out: IO[str] | None,
    output_path: str | None,
    opener: Opener,
) -> Summary | None:
    """The run in DuckDB, or None when a record is not clean (the caller runs the Python engine instead)."""
    if options.fmt in ("json", "jsonl") and (options.top is None or policy.uses_portfolio):
        return None  # every record shown is explained (a book policy's explanations need the book): the Python run
    scored = f"_ps_scored_{uuid.uuid4().hex[:12]}"
    try:
        if fmt != "parquet":
            lines, suspect = suspect_records(con, path, fmt, _object_fields(policy), MAX_LINE_BYTES // 2)
            if lines == 0 or suspect:
                return None
        relation = score_duckdb(policy, path, options.as_of, connection=con, internal=True, input_format=fmt)
        # only the columns the run reads: DuckDB then computes no reasons, the costliest column of the query
        relation.select(", ".join(f'"{c}"' for c in _scored_columns(policy))).create(scored)
        counts = con.execute(
            f'SELECT count(*), count(*) FILTER (WHERE NOT "_ps_clean" OR "_ps_fallback"), count(DISTINCT "id"), '
            f'count(*) FILTER (WHERE "eligible") FROM "{scored}"'
        ).fetchall()[0]
        read, unclean, distinct, eligible = (int(c) for c in counts)
        if read == 0 or unclean or distinct != read or (fmt != "parquet" and read != lines):
            return None
        unknown = None
        if policy.program.referred_by is not None:  # every record is in the book: none is rejected, none in a cycle
            unknown = int(con.execute(f'SELECT count(*) FILTER (WHERE "_ps_unknown_referrer") FROM "{scored}"').fetchall()[0][0])
        by_tier = dict(con.execute(f'SELECT "tier", count(*) FROM "{scored}" WHERE "eligible" GROUP BY "tier"').fetchall())
    except duckdb.Error:
        return None  # what DuckDB cannot read, the Python engine reads or explains
    tiers: dict[str | None, int] = {name: int(by_tier.pop(name, 0)) for name in policy.tier_names}
    tiers.update((name, int(n)) for name, n in by_tier.items())
    count = _write(con, policy, _Shown.of(scored, options), path, options, out, output_path, opener)
    return Summary(path, read, eligible, read - eligible, 0, count, tuple(tiers.items()), unknown)


def _rank_order() -> str:
    """:func:`policyscore.batch.rank_key` in SQL: score descending, ineligible last, whole-number ids first (as numbers), then text."""
    whole = f"regexp_full_match(\"id\", '{_WHOLE}')"
    return f'"score" IS NULL, "score" DESC, NOT {whole}, CASE WHEN {whole} THEN CAST("id" AS HUGEINT) END, "id"'


def _shown_columns(policy: Policy) -> list[str]:
    return ["id", "score", "tier", *(f"points_{f}" for f in policy.factor_ids), "adjustment_points", "failed_filters"]


def _scored_columns(policy: Policy) -> list[str]:
    """The columns of the query that the run keeps: what it shows, and what its counts read."""
    tree = ["_ps_unknown_referrer"] if policy.program.referred_by is not None else []
    return [*_shown_columns(policy), "eligible", "_ps_clean", "_ps_fallback", *tree]


@dataclass(frozen=True)
class _Shown:
    """The records shown, as a query over a table of scored rows: ``select(columns)`` gives them in their order.

    The rows are picked as :func:`policyscore.batch.shown` picks them and sorted by :func:`_rank_order` (a total
    order: the ids are distinct), the top ``top`` kept; one sort, with no numbering and no join.
    """

    table: str
    where: str
    params: tuple[Any, ...]
    order: str
    top: int | None

    @classmethod
    def of(cls, scored: str, options: Options) -> _Shown:
        where = '"eligible"'
        params: tuple[Any, ...] = ()
        if options.tier is not None:
            where, params = '"eligible" AND "tier" = ?', (options.tier,)
        elif options.include_ineligible:
            where = "true"
        return cls(scored, where, params, _rank_order(), options.top)

    def select(self, columns: str) -> str:
        limit = f" LIMIT {int(self.top)}" if self.top is not None else ""
        return f'SELECT {columns} FROM "{self.table}" WHERE {self.where} ORDER BY {self.order}{limit}'


def _write(
    con: duckdb.DuckDBPyConnection,
    policy: Policy,
    shown: _Shown,
    path: str,
    options: Options,
    out: IO[str] | None,
    output_path: str | None,
    opener: Opener,
) -> int:
    """Write the shown records in ``options.fmt``; the number written."""
    params = list(shown.params)
    if options.fmt == "parquet":
        assert output_path is not None
        return _copy_parquet(con, policy, shown.select(_columns(_shown_columns(policy))), params, options, output_path)
    assert out is not None
    as_of = options.as_of.isoformat()
    if options.fmt == "csv" and policy.decimals > 0:  # the lines made in DuckDB, as the renderer makes them
        out.write(render.results_csv(policy, [], as_of, include_ineligible=options.include_ineligible))
        cursor = con.execute(shown.select(csv_line(policy.program, as_of, options.include_ineligible)), params)
        count = 0
        while batch := cursor.fetchmany(1 << 16):
            out.write("".join([line for (line,) in batch]))
            count += len(batch)
        return count
    if options.fmt == "csv":  # the rows in parts, drawn by the same renderer as the Python run's
        out.write(render.results_csv(policy, [], as_of, include_ineligible=options.include_ineligible))
        cursor = con.execute(shown.select(_columns(_shown_columns(policy))), params)
        count = 0
        while batch := cursor.fetchmany(1 << 14):
            rows = [_row(policy, values) for values in batch]
            out.write(render.results_csv(policy, rows, as_of, include_ineligible=options.include_ineligible, header=False))
            count += len(batch)
        return count
    rows = [_row(policy, values) for values in con.execute(shown.select(_columns(_shown_columns(policy))), params).fetchall()]
    if options.fmt in ("table", "markdown"):
        draw = render.results_table if options.fmt == "table" else render.results_markdown
        out.write(draw(policy, rows, as_of, include_ineligible=options.include_ineligible))
        return len(rows)
    return _explain_shown(policy, path, [r.id for r in rows], options, out, opener)


def _columns(names: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in names)


def _row(policy: Policy, values: tuple[Any, ...]) -> render.Row:
    """A shown record as the renderers take it; the sum before the score's clamp is found in whole units."""
    rid, score, tier, *points, adjustments, failed = values
    if score is None:
        return render.Row(rid, score, tier, None, tuple(failed))
    scale = policy.program.unit_scale
    raw = sum(round(p * scale) for p in points) + round(adjustments * scale)
    unclamped = from_units(raw, policy.decimals) if raw != round(score * scale) else None
    return render.Row(rid, score, tier, tuple(points), tuple(failed), adjustments, unclamped)


def _explain_shown(policy: Policy, path: str, ids: list[str], options: Options, out: IO[str], opener: Opener) -> int:
    """The full explanations of the records DuckDB selected, built by the Python engine, in the same order."""
    fmt = _input_format(path, options.input_format)
    with _opened(path, fmt, options.input_format, opener) as source:
        found = find(source, policy.fields, policy.id_field, ids)
        name = source.name
    writer = ResultsWriter(out, policy, options.fmt, options.as_of.isoformat(), top=options.top, source=name)
    for rid in ids:
        item = found[rid]
        assert item.record is not None, "a clean record can be read"
        writer.add(policy.score(item.record, options.as_of), item.line)
    writer.finish()
    return writer.shown


# ---------------------------------------------------------------- Parquet written by DuckDB


def _copy_parquet(
    con: duckdb.DuckDBPyConnection, policy: Policy, rows: str, params: list[Any], options: Options, output_path: str
) -> int:
    """The shown records (``rows``: a query giving the columns of :func:`_shown_columns` in their order) as Parquet:
    the CSV's columns (id as text, numbers as DOUBLE, failed_filters a list, as_of a DATE).

    The rows go through a table first, in their order: a column of a table that holds no NULL is written
    REQUIRED, one that does OPTIONAL (a column written straight from a query is OPTIONAL whatever it holds),
    so the schema says the same for the same rows whichever engine scored them.
    """
    columns = ['"id"', '"score"', '"tier"', *(f'"points_{f}" AS "{f}"' for f in policy.factor_ids)]
    if options.include_ineligible:
        columns.append('"failed_filters"')
    columns.append(f"DATE '{options.as_of.isoformat()}' AS \"as_of\"")
    target, special = _parquet_target(output_path)
    # a regular file is replaced whole by a finished one; a device or a pipe is written, never replaced
    folder = tempfile.gettempdir() if special else os.path.dirname(target)
    temp = os.path.join(folder, f".{os.path.basename(target)}.{uuid.uuid4().hex[:8]}.tmp")
    table = f"_ps_shown_{uuid.uuid4().hex[:12]}"
    # a table keeps the order it was written in, and a scan reads it in that order, only while insertion order is kept
    kept = con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0]
    con.execute("SET preserve_insertion_order = true").fetchall()
    try:
        con.execute(f'CREATE TEMPORARY TABLE "{table}" AS {rows}', params).fetchall()
        try:
            con.execute(f'COPY (SELECT {", ".join(columns)} FROM "{table}") TO \'{_quote(temp)}\' (FORMAT PARQUET)').fetchall()
            if special:
                with open(temp, "rb") as data, open(target, "wb") as sink:
                    shutil.copyfileobj(data, sink)
            else:
                os.replace(temp, target)
        except (OSError, duckdb.IOException) as exc:
            raise OutputError(f"cannot write {output_path}: {getattr(exc, 'strerror', None) or exc}") from None
        return int(con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0])
    finally:
        con.execute(f"SET preserve_insertion_order = {'true' if kept else 'false'}").fetchall()
        con.execute(f'DROP TABLE IF EXISTS "{table}"').fetchall()
        if os.path.exists(temp):
            os.remove(temp)


def _parquet_target(output_path: str) -> tuple[str, bool]:
    """The file a Parquet output goes to (links followed) and whether it is a device or a pipe; PS520 when it cannot be."""
    target = os.path.realpath(output_path)
    if os.path.isdir(target):
        raise OutputError(f"cannot write {output_path}: it is a folder")
    if not os.path.isdir(os.path.dirname(target)):
        raise OutputError(f"cannot write {output_path}: No such file or directory")
    return target, os.path.exists(target) and not os.path.isfile(target)


def _rows_to_parquet(policy: Policy, rows: list[render.Row], options: Options, output_path: str) -> None:
    """The Python run's rows through the same table and COPY as the DuckDB run, so the files are byte-identical."""
    import orjson

    con = _connect()
    try:
        with tempfile.TemporaryDirectory(prefix="policyscore-") as tmp:
            lines = os.path.join(tmp, "rows.jsonl")
            names = [*_shown_columns(policy), "_ps_rank"]
            types = ["VARCHAR", "DOUBLE", "VARCHAR", *(["DOUBLE"] * len(policy.factor_ids)), "DOUBLE", "VARCHAR[]", "BIGINT"]
            with open(lines, "wb") as f:
                for rank, row in enumerate(rows, 1):
                    points = list(row.points) if row.points is not None else [None] * len(policy.factor_ids)
                    values = [str(row.id), row.score, row.tier, *points, row.adjustments, list(row.failed_filters), rank]
                    f.write(orjson.dumps(dict(zip(names, values))) + b"\n")
            spec = ", ".join(f"'{_quote(n)}': '{t}'" for n, t in zip(names, types))
            reader = f"read_json('{_quote(lines)}', format = 'newline_delimited', columns = {{{spec}}})"
            ordered = f'SELECT {_columns(_shown_columns(policy))} FROM {reader} ORDER BY "_ps_rank"'
            _copy_parquet(con, policy, ordered, [], options, output_path)
    finally:
        con.close()
