"""The ``policyscore report`` command: a book as one self-contained HTML report.

Thin like the rest of the command line: read the records once through the
policy (:mod:`policyscore.review.report` gathers the numbers), hand the report
to :mod:`policyscore.render.html`, write the file.  This module reads the
clock for the report's "made at" line.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date, datetime, timezone
from typing import IO, Any

import click

from policyscore import batch
from policyscore.cli.common import OUTPUT, PATH, Failure, as_of_option, handles_errors, input_format_option, open_records
from policyscore.errors import printable
from policyscore.io.readers import STDIN, read_records
from policyscore.io.writers import Output
from policyscore.policy import load_policy
from policyscore.policyfile.yamlsource import read_source
from policyscore.review.diff import NO_TIER
from policyscore.review.report import REFERRERS, InputInfo, amount_problem, build_report, file_sha256

__all__ = ["report", "ProgressBar"]


class ProgressBar:
    """A one-line progress bar on stderr: the share of the file read (when its size is known), records, seconds."""

    WIDTH = 30

    def __init__(self, stream: IO[bytes] | None, size: int | None, out: IO[str] | None = None):
        self.stream, self.size = stream, size
        self.out = out if out is not None else sys.stderr
        self.started = time.monotonic()
        self.shown = False

    def line(self, records: int, done: float | None, seconds: float) -> str:
        """The bar's text (without the carriage return)."""
        counted = f"{records:,} records  {seconds:.0f} s"
        if done is None:
            return f"report: {counted}"
        filled = int(round(done * self.WIDTH))
        return f"report: [{'#' * filled}{'.' * (self.WIDTH - filled)}] {done * 100:3.0f}%  {counted}"

    def __call__(self, records: int) -> None:
        done = None
        if self.size and self.stream is not None:
            try:
                done = min(1.0, self.stream.tell() / self.size)
            except (OSError, ValueError):
                done = None
        self.out.write("\r" + self.line(records, done, time.monotonic() - self.started))
        self.out.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.out.write("\r" + " " * 79 + "\r")
            self.out.flush()


@click.command(name="report")
@click.argument("policy_path", metavar="POLICY", type=PATH)
@click.argument("records_path", metavar="RECORDS", type=PATH)
@click.option("--output", "-o", type=OUTPUT, help="Write the HTML report to FILE (default: stdout).")
@as_of_option()
@click.option(
    "--top", type=click.IntRange(min=0), default=50, show_default=True, help="How many of the best customers to show, each explained."
)
@click.option(
    "--amount",
    metavar="FIELD",
    help="A number field or let whose concentration to show (the 80/20 view); default: the policy's report: {amount: FIELD}.",
)
@click.option(
    "--referrers",
    type=click.IntRange(min=0),
    default=REFERRERS,
    show_default=True,
    help="For a policy with a referral tree: how many customers to show for each referred_count and referred_sum.",
)
@input_format_option
@click.option("--progress/--no-progress", default=None, help="Show a progress bar on stderr (default: when stderr is a terminal).")
@handles_errors
def report(
    policy_path: str,
    records_path: str,
    output: str | None,
    as_of: date,
    top: int,
    amount: str | None,
    referrers: int,
    input_format: str | None,
    progress: bool | None,
) -> None:
    """Make a self-contained HTML report of a book of customers (RECORDS: CSV, JSON, JSONL, YAML, or - for stdin).

    One pass over the records: accounting, score distribution and tiers,
    factors, the reasons that cost the most, concentration of --amount, the
    referral tree's biggest contributors, the top customers with their
    explanations, and the policy itself.  Records
    that cannot be scored are counted in the report, not fatal.
    """
    from policyscore.render.html import book_html  # loaded only here: Jinja2 and the chart renderer take time to import

    policy = load_policy(policy_path)
    if amount is not None and (problem := amount_problem(policy, amount)) is not None:
        raise click.BadParameter(problem, param_hint="--amount")
    amount = amount if amount is not None else policy.program.report.amount  # the policy's `report: {amount: FIELD}`
    stdin = records_path == STDIN
    show = sys.stderr.isatty() if progress is None else progress
    # a policy with portfolio functions reads the records twice: the book first, then each record against it
    with open_records(records_path, input_format) as opened, batch.with_portfolios(opened, [policy], as_of) as (source, portfolios):
        info = InputInfo(  # once the file is open: a missing file or a folder is the reader's error, with its code
            records_path if not stdin else "<stdin>",
            None if stdin else file_sha256(records_path),
            None if stdin else os.path.getsize(records_path),
        )
        bar = ProgressBar(source.stream if not stdin else None, info.size) if show else None
        items = read_records(source, policy.fields, policy.id_field)
        scored = batch.outcomes(policy, items, as_of, source=source.name, portfolio=portfolios[0])
        outcomes = (each.outcome for each in scored)
        made = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        book = build_report(policy, outcomes, as_of, info, top=top, amount=amount, referrers=referrers, generated_at=made, progress=bar)
        if bar is not None:
            bar.finish()
    if book.read and book.rejected == book.read:
        raise Failure(f"every record of {records_path} was rejected: nothing was scored")
    text = _policy_text(policy.path)
    page = book_html(book, policy, text)
    with Output(output) as out:
        out.write(page)
    tiers = ", ".join(f"{'no tier' if t.name == NO_TIER else printable(t.name)} {t.count}" for t in book.tiers)  # as score says it
    click.echo(
        f"{book.read} records read: {book.scored} scored, {book.ineligible} ineligible, {book.rejected} rejected; "
        f"{len(book.top)} explained" + (f"\ntiers: {tiers}" if tiers else "") + (f"\nreport written to {output}" if output else ""),
        err=True,
    )


def _policy_text(path: Any) -> str | None:
    try:
        return read_source(path).decode("utf-8-sig") if path else None
    except (OSError, UnicodeDecodeError):
        return None
