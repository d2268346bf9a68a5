"""``policyscore score``: score every record of a file, ranked or streamed, with a summary on stderr."""

from __future__ import annotations

import contextlib
import sys
from datetime import date

import click

from policyscore.cli.common import (
    OUTPUT,
    PATH,
    Failure,
    as_of_option,
    check_all_fields_option,
    handles_errors,
    input_format_option,
    on_error_option,
    open_records,
    rejects_on_stderr,
)
from policyscore.engines import ENGINES, OUTPUT_FORMATS, Options, choose_engine, score_file
from policyscore.errors import printable
from policyscore.io.writers import Output, same_file
from policyscore.policy import load_policy
from policyscore.render.run import score_summary

__all__ = ["score", "Progress"]

#: Progress is shown on a terminal once this many records have been read.
_PROGRESS_FROM = 5000


@click.command()
@click.argument("policy_path", metavar="POLICY", type=PATH)
@click.argument("records_path", metavar="RECORDS", type=PATH)
@as_of_option()
@input_format_option
@on_error_option("On a record that cannot be used: stop (fail) or report it and go on (skip).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    default="table",
    show_default=True,
    help="table, markdown, csv and parquet (with --output) are sorted by score; json and jsonl stream in input order.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="auto: DuckDB for table, csv, markdown and parquet output from .jsonl, .json and .parquet files, Python otherwise.",
)
@click.option("--output", "-o", type=OUTPUT, help="Write to FILE instead of stdout.")
@click.option("--top", type=click.IntRange(min=1), help="Only the N best (sorted by score, in every format).")
@click.option("--tier", help="Only customers of this tier.")
@click.option("--include-ineligible", is_flag=True, help="Also show customers that failed a filter.")
@click.option("--rejects", type=OUTPUT, help="With --on-error skip: write rejected records here (JSONL).")
@click.option(
    "--columns",
    metavar="FIELD,...",
    help="Record fields to carry into the output (e.g. name,segment; dotted names read nested fields).",
)
@check_all_fields_option
@handles_errors
def score(
    policy_path: str,
    records_path: str,
    as_of: date,
    input_format: str | None,
    on_error: str,
    fmt: str,
    engine: str,
    output: str | None,
    top: int | None,
    tier: str | None,
    include_ineligible: bool,
    rejects: str | None,
    columns: str | None,
    check_all_fields: bool,
) -> None:
    """Score every record of RECORDS (CSV, JSON, JSONL, YAML, Parquet, or - for stdin) with POLICY.

    A summary (records read, scored, ineligible, rejected, per tier) goes to stderr.
    """
    if rejects and on_error != "skip":
        raise click.BadParameter("needs --on-error skip", param_hint="--rejects")
    if rejects and output and same_file(rejects, output):
        raise click.BadParameter(f"{rejects} is the same file as --output {output}", param_hint="--rejects")
    carried = _columns(columns)
    policy = load_policy(policy_path, check_all_fields=check_all_fields)
    if tier is not None and tier not in policy.tier_names:
        raise click.BadParameter(f"{tier!r} is not a tier of {policy.name} ({', '.join(policy.tier_names)})", param_hint="--tier")
    if fmt == "parquet" and output is None:
        raise click.BadParameter("parquet is written to a file: give --output FILE", param_hint="--format")
    options = Options(as_of, fmt, top, tier, include_ineligible, input_format, carried)
    try:
        chosen = choose_engine(policy, engine, records_path, options)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--engine") from None
    rejected_to = Output(rejects) if rejects is not None else contextlib.nullcontext(None)
    written_to = Output(output) if fmt != "parquet" else contextlib.nullcontext(None)
    progress = Progress()
    with written_to as out, rejected_to as rej:
        summary, _ = score_file(
            policy,
            records_path,
            options,
            out,
            rejects_on_stderr(on_error, rej),
            engine=chosen,
            output_path=output,
            tick=progress.tick,
            opener=open_records,
        )
        progress.done()
    click.echo(score_summary(summary), err=True)
    if summary.nothing_usable:
        raise Failure(f"every record of {records_path} was rejected: nothing was scored")


def _columns(text: str | None) -> tuple[str, ...]:
    """``--columns name,segment``: the field names, each once; an empty name, or one with a control character (a
    newline would start a header line of its own in a table), is a usage mistake."""
    if text is None:
        return ()
    names = [part.strip() for part in text.split(",")]
    if any(not name for name in names):
        raise click.BadParameter(
            f"{text!r} has an empty field name; give names separated by commas, e.g. name,segment", param_hint="--columns"
        )
    if any(printable(name) != name for name in names):
        raise click.BadParameter(f"{text!r} has a control character in a field name", param_hint="--columns")
    return tuple(dict.fromkeys(names))


class Progress:
    """A record counter on stderr, only on a terminal and only for long runs."""

    def __init__(self) -> None:
        self.count = 0
        self.active = sys.stderr.isatty()

    def tick(self, count: int) -> None:
        shown_before, self.count = self.count, count
        if self.active and count >= _PROGRESS_FROM and count // 1000 != shown_before // 1000:
            click.echo(f"\rscoring: {count // 1000 * 1000} records read", err=True, nl=False)

    def done(self) -> None:
        if self.active and self.count >= _PROGRESS_FROM:
            click.echo("\r" + " " * 40 + "\r", err=True, nl=False)
