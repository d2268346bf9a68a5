"""The ``policyscore`` command line: validate, score, explain and schema.

Thin by design: parse options, call the library, hand the result to a
renderer in :mod:`policyscore.render.results`, choose the exit code.  Exit codes:
0 success, 1 a problem with a policy or the data, 2 a usage mistake.
This is the only place that reads the clock (``--as-of`` defaults to today).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from policyscore._version import __version__
from policyscore.cli.common import Failure, handles_errors, parse_as_of
from policyscore.cli.report import report
from policyscore.cli.review import diff, test
from policyscore.engine.explanation import trace_of
from policyscore.engine.result import Result
from policyscore.errors import Diagnostic, RecordError
from policyscore.io.readers import FORMATS, Item, open_source, read_records
from policyscore.policy import Policy, load_policy
from policyscore.policyfile.loader import check
from policyscore.policyfile.schema import SCHEMA_NAMES, schema_text
from policyscore.render import results as render
from policyscore.review.policytest import check_test_file, is_test_file

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])

#: Progress is shown on a terminal once this many records have been read.
_PROGRESS_FROM = 5000


def _record_options(fn: F) -> F:
    """Options shared by ``score`` and ``explain``: the evaluation date and how records are read."""
    options = [
        click.option("--as-of", callback=parse_as_of, metavar="YYYY-MM-DD", help="Evaluation date (default: today)."),
        click.option(
            "--input-format",
            type=click.Choice(FORMATS),
            help="Read RECORDS in this format (default: from the extension; stdin: jsonl).",
        ),
        click.option(
            "--on-error",
            type=click.Choice(["fail", "skip"]),
            default="fail",
            show_default=True,
            help="On a record that cannot be used: stop (fail) or report it and go on (skip).",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


@click.group(name="policyscore", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="policyscore", message="%(prog)s %(version)s")
def cli() -> None:
    """Score customer records against YAML "best customer" policies and explain every score."""


def main() -> None:
    """Entry point of the ``policyscore`` console script and ``python -m policyscore``."""
    try:
        cli(prog_name="policyscore")
    except BrokenPipeError:  # e.g. `policyscore score ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


# ---------------------------------------------------------------- validate


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings (PS3xx) as errors.")
@handles_errors
def validate(paths: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Check policy files (or folders of them, searched recursively) and report every problem.

    Folders are searched for *.yaml and *.yml files; policy test files
    (*.test.yaml) are checked as test files.  Exit 0 when every file is valid, 1 otherwise.
    """
    results: list[tuple[str, list[Diagnostic]]] = []
    for path, problem in _policy_files(paths):
        if problem is not None:
            diags = [problem]
        elif is_test_file(path):
            diags = check_test_file(path, policy_problems=False)  # the policy itself is checked on its own
        else:
            diags = check(path)
        if strict:
            diags = [d if d.is_error else dataclasses.replace(d, severity="error") for d in diags]
        results.append((path, diags))
    if fmt == "json":
        click.echo(render.diagnostics_json(results), nl=False)
    elif fmt == "github":
        click.echo(render.diagnostics_github(results), nl=False)
        click.echo(render.validate_summary(results), err=True)
    else:
        sources = {name: _source_text(name) for name, ds in results if any(d.span for d in ds)}
        click.echo(render.diagnostics_text(results, sources), nl=False)
    if any(d.is_error for _, ds in results for d in ds):
        sys.exit(1)


def _policy_files(paths: tuple[str, ...]) -> Iterator[tuple[str, Diagnostic | None]]:
    """The policy files named or found under the folders named, each once (with a problem for an empty folder)."""
    seen: set[str] = set()
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.suffix in (".yaml", ".yml")
                and f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                yield path, Diagnostic("PS001", f"no policy files (*.yaml, *.yml) in the folder {path}")
            names = [str(f) for f in found]
        else:
            names = [path]
        for name in names:
            if name not in seen:
                seen.add(name)
                yield name, None


def _source_text(path: str) -> str:
    try:
        text = Path(path).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""
    return text[1:] if text.startswith("\ufeff") else text


# ---------------------------------------------------------------- score


@cli.command()
@click.argument("policy_path", metavar="POLICY")
@click.argument("records_path", metavar="RECORDS")
@_record_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "csv", "markdown"]),
    default="table",
    show_default=True,
    help="table, markdown and csv are sorted by score; json and jsonl stream in input order.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
@click.option("--top", type=click.IntRange(min=1), help="Only the N best (sorted by score, in every format).")
@click.option("--tier", help="Only customers of this tier.")
@click.option("--include-ineligible", is_flag=True, help="Also show customers that failed a filter.")
@click.option("--rejects", type=click.Path(dir_okay=False), help="With --on-error skip: write rejected records here (JSONL).")
@handles_errors
def score(
    policy_path: str,
    records_path: str,
    as_of: date,
    input_format: str | None,
    on_error: str,
    fmt: str,
    output: str | None,
    top: int | None,
    tier: str | None,
    include_ineligible: bool,
    rejects: str | None,
) -> None:
    """Score every record of RECORDS (CSV, JSON, JSONL, YAML, or - for stdin) with POLICY.

    A summary (records read, scored, ineligible, rejected, per tier) goes to stderr.
    """
    policy = load_policy(policy_path)
    if tier is not None and tier not in policy.tier_names:
        raise click.BadParameter(f"{tier!r} is not a tier of {policy.name} ({', '.join(policy.tier_names)})", param_hint="--tier")
    if rejects and on_error != "skip":
        raise click.BadParameter("needs --on-error skip", param_hint="--rejects")
    day = as_of.isoformat()
    counts = _Counts(policy)
    explain = fmt in ("json", "jsonl")
    sink = _Sink(policy, fmt, day, top, include_ineligible)

    def shown(result: Result) -> bool:
        if not result.eligible:
            return include_ineligible and tier is None
        return tier is None or result.tier == tier

    with open_source(records_path, input_format, _stdin()) as source, _output(output) as out, _rejects_file(rejects) as rej:
        sink.start(out)
        progress = _Progress()
        items = read_records(source, policy.fields, policy.id_field)
        for item, outcome in _scored(policy, items, as_of, explain, source.name):
            progress.tick()
            if isinstance(outcome, RecordError):
                counts.rejected += 1
                _reject(outcome, item, on_error, rej)
                continue
            counts.add(outcome)
            if shown(outcome):
                sink.add(outcome)
        progress.done()
        sink.finish(out)
    click.echo(counts.summary(sink.shown), err=True)
    if counts.rejected and not (counts.scored or counts.ineligible):
        raise Failure(f"every record of {records_path} was rejected: nothing was scored")


def _stdin() -> IO[bytes]:
    return sys.stdin.buffer


def _scored(
    policy: Policy, items: Iterator[Item], as_of: date, explain: bool, source: str
) -> Iterator[tuple[Item, Result | RecordError]]:
    """Pair every item read with its outcome, in input order: a result, or why the record was rejected.

    Records go through ``policy.score_many`` (lazily); items that could not be
    read pass by it, in their place.
    """
    queue: deque[Item] = deque()

    def records() -> Iterator[dict[str, Any]]:
        for item in items:
            queue.append(item)
            if item.record is not None:
                yield item.record

    for outcome in policy.score_many(records(), as_of, explain=explain, on_error="yield"):
        item = queue.popleft()
        while item.record is None:
            yield item, item.error  # type: ignore[misc]
            item = queue.popleft()
        if isinstance(outcome, RecordError):
            outcome = outcome.located(row=item.line, source=source)
        yield item, outcome
    while queue:
        item = queue.popleft()
        yield item, item.error  # type: ignore[misc]


def _reject(error: RecordError, item: Item, on_error: str, rejects: IO[str] | None) -> None:
    if on_error == "fail":
        raise error
    if rejects is not None:
        entry = dict(error.to_dict(), record=item.raw)
        rejects.write(render.dumps(entry) + "\n")
    else:
        click.echo(f"rejected: {error} [{error.code}]", err=True)


class _Counts:
    """What the summary line reports: read = scored + ineligible + rejected."""

    def __init__(self, policy: Policy):
        self.scored = self.ineligible = self.rejected = 0
        self.tiers: dict[str | None, int] = {name: 0 for name in policy.tier_names}

    def add(self, result: Result) -> None:
        if result.eligible:
            self.scored += 1
            self.tiers[result.tier] = self.tiers.get(result.tier, 0) + 1
        else:
            self.ineligible += 1

    def summary(self, shown: int) -> str:
        read = self.scored + self.ineligible + self.rejected
        line = f"{read} records read: {self.scored} scored, {self.ineligible} ineligible, {self.rejected} rejected; {shown} shown"
        if self.tiers:
            line += "\ntiers: " + ", ".join(f"{name or 'no tier'} {n}" for name, n in self.tiers.items())
        return line


class _Sink:
    """Where results go: streamed as they come (json, jsonl), or kept as small rows and sorted."""

    def __init__(self, policy: Policy, fmt: str, as_of: str, top: int | None, include_ineligible: bool):
        self.policy, self.fmt, self.as_of, self.top = policy, fmt, as_of, top
        self.include_ineligible = include_ineligible
        self.streaming = fmt in ("json", "jsonl") and top is None
        self.kept: list[tuple[Any, Any]] = []
        self.shown = 0

    def start(self, out: IO[str]) -> None:
        self.out = out
        if self.fmt == "json":
            out.write("[")

    def add(self, result: Result) -> None:
        if self.streaming:
            self._write_explanation(result.to_dict())
            return
        row = render.row_of(result)
        self.kept.append((render.sort_key(row), result if self.fmt in ("json", "jsonl") else row))
        if self.top is not None and len(self.kept) >= 2 * self.top + 1000:
            self._trim()

    def _trim(self) -> None:
        self.kept.sort(key=lambda pair: pair[0])
        if self.top is not None:
            del self.kept[self.top :]

    def _write_explanation(self, explanation: dict[str, Any]) -> None:
        text = render.dumps(explanation)
        if self.fmt == "json":
            self.out.write(("\n" if self.shown == 0 else ",\n") + text)
        else:
            self.out.write(text + "\n")
        self.shown += 1

    def finish(self, out: IO[str]) -> None:
        if not self.streaming:
            self._trim()
            kept = [value for _, value in self.kept]
            if self.fmt in ("json", "jsonl"):
                for result in kept:
                    self._write_explanation(result.to_dict())
            else:
                self.shown = len(kept)
                renderer = {"table": render.results_table, "markdown": render.results_markdown, "csv": render.results_csv}
                out.write(renderer[self.fmt](self.policy, kept, self.as_of, include_ineligible=self.include_ineligible))
        if self.fmt == "json":
            out.write("\n]\n" if self.shown else "]\n")


class _Progress:
    """A record counter on stderr, only on a terminal and only for long runs."""

    def __init__(self) -> None:
        self.count = 0
        self.active = sys.stderr.isatty()

    def tick(self) -> None:
        self.count += 1
        if self.active and self.count >= _PROGRESS_FROM and self.count % 1000 == 0:
            click.echo(f"\rscoring: {self.count} records read", err=True, nl=False)

    def done(self) -> None:
        if self.active and self.count >= _PROGRESS_FROM:
            click.echo("\r" + " " * 40 + "\r", err=True, nl=False)


def _rejects_file(path: str | None) -> Any:
    return _output(path) if path is not None else contextlib.nullcontext(None)


class _output:
    """stdout, or FILE written atomically (a temporary file renamed into place on success)."""

    def __init__(self, path: str | None):
        self.path = path
        self.temp: str | None = None

    def __enter__(self) -> Any:
        if self.path is None:
            return sys.stdout
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            fd, self.temp = tempfile.mkstemp(prefix=".policyscore-", dir=folder)
        except OSError as exc:
            raise Failure(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self.stream

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        if self.temp is None:
            return
        self.stream.close()
        if exc_type is None:
            os.replace(self.temp, self.path)  # type: ignore[arg-type]
        else:
            os.unlink(self.temp)


# ---------------------------------------------------------------- explain


@cli.command()
@click.argument("policy_path", metavar="POLICY")
@click.argument("records_path", metavar="RECORDS")
@click.option("--id", "ids", multiple=True, required=True, help="The customer to explain (repeat for several).")
@_record_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help="html: one self-contained page with each customer's waterfall chart.",
)
@click.option("--trace", is_flag=True, help="Also show the value of every part of every rule.")
@handles_errors
def explain(
    policy_path: str,
    records_path: str,
    ids: tuple[str, ...],
    as_of: date,
    input_format: str | None,
    on_error: str,
    fmt: str,
    trace: bool,
) -> None:
    """Explain the score of the customers with the given ids, step by step.

    With one --id, --format json prints the explanation object; with several, a JSON array.
    """
    policy = load_policy(policy_path)
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Item] = {}
    with open_source(records_path, input_format, _stdin()) as source:
        for item in read_records(source, policy.fields, policy.id_field):
            if item.error is not None:
                _reject(item.error, item, on_error, None)
                continue
            key = str(item.record[policy.id_field])  # type: ignore[index]
            if key in wanted:
                found[key] = item
        name = source.name
    missing = [w for w in wanted if w not in found]
    if missing:
        listed = ", ".join(repr(m) for m in missing)
        raise Failure(f"no customer with id {listed} in {name}" if len(missing) == 1 else f"no customers with ids {listed} in {name}")
    parts: list[Any] = []
    for key in wanted:
        item = found[key]
        try:
            result = policy.score(item.record, as_of)  # type: ignore[arg-type]
        except RecordError as err:
            raise err.located(row=item.line, source=name) from None
        d = result.to_dict()
        steps = trace_of(result) if trace else None
        if fmt == "json":
            parts.append(dict(d, trace=steps) if trace else d)
        elif fmt == "html":
            parts.append((d, steps))
        elif fmt == "markdown":
            parts.append(render.explanation_markdown(d, policy, steps))
        else:
            parts.append(render.explanation_text(d, policy, steps))
    if fmt == "json":
        click.echo(render.dumps(parts[0] if len(parts) == 1 else parts, pretty=True))
    elif fmt == "html":
        from policyscore.render.html import explanation_html

        click.echo(explanation_html([d for d, _ in parts], policy, [s or [] for _, s in parts] if trace else None), nl=False)
    else:
        click.echo("\n".join(parts), nl=False)


# ---------------------------------------------------------------- schema


@cli.command()
@click.argument("name", type=click.Choice(SCHEMA_NAMES), default="policy")
@handles_errors
def schema(name: str) -> None:
    """Print a JSON Schema: of the policy file (default), the explanation, the customer record or a policy test file."""
    try:
        text = schema_text(name)
    except (OSError, KeyError):
        raise Failure(f"the {name} schema is not bundled with this version of policyscore") from None
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)


# ---------------------------------------------------------------- reviewing policy changes

cli.add_command(test)
cli.add_command(diff)
cli.add_command(report)
