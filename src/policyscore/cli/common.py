"""What the commands share: options, standard input, turning errors into messages and exit codes."""

from __future__ import annotations

import functools
import re
import sys
import traceback
from collections.abc import Callable
from datetime import date
from typing import IO, Any, TypeVar

import click

from policyscore.batch import ON_ERROR, Rejects, parse_day
from policyscore.errors import InputError, PolicyError, PolicyScoreError, RecordError
from policyscore.io.readers import FORMATS, STDIN, Source, open_source
from policyscore.policy import EngineError
from policyscore.policyfile.yamlsource import read_source

__all__ = [
    "Failure",
    "ReaderGone",
    "handles_errors",
    "describe_error",
    "parse_as_of",
    "as_of_option",
    "input_format_option",
    "format_option",
    "on_error_option",
    "open_records",
    "rejects_on_stderr",
    "USAGE_CODES",
    "PATH",
    "OUTPUT",
]

F = TypeVar("F", bound=Callable[..., Any])

#: InputError codes that are usage mistakes (exit 2) rather than data problems (exit 1):
#: the records format cannot be told from the extension.
USAGE_CODES = {"PS503"}


class ReaderGone(Exception):
    """Standard output (or another pipe) lost its reader, as in ``policyscore score ... | head -1``.

    Not an ``OSError``, so that click does not turn it into exit 1 on its
    way to :func:`policyscore.cli.main`, which exits with 141.
    """


class Failure(Exception):
    """Stop the command with ``message`` on stderr and ``code`` as the exit status."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.message = message
        self.code = code


class _Path(click.Path):
    """A path on the command line; an empty one is a usage mistake (it would name the current folder, or nothing)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "":
            self.fail("the path is empty", param, ctx)
        return super().convert(value, param, ctx)


#: A file or folder to read (``-`` is standard input where a command reads it).
PATH = _Path()
#: A file to write.
OUTPUT = _Path(dir_okay=False)


def handles_errors(fn: F) -> F:
    """Turn the library's errors into a message on stderr and an exit code (``--debug`` adds the traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, debug: bool = False, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:
            raise ReaderGone() from None  # the reader went away (`| head`): main() leaves quietly with 141
        except (PolicyScoreError, Failure, OSError) as exc:
            if debug:
                click.echo(traceback.format_exc().rstrip(), err=True)
            message, code = describe_error(exc)
            click.echo(message, err=True)
            sys.exit(code)
        except EngineError as exc:  # a bug in policyscore, not a user mistake: say so, never as bad data
            if debug:
                click.echo(traceback.format_exc().rstrip(), err=True)
            click.echo(f"policyscore: internal error: {exc}\nThis is a bug in policyscore; --debug shows the traceback.", err=True)
            sys.exit(3)

    return click.option("--debug", is_flag=True, help="Show the Python traceback of an error.")(wrapper)  # type: ignore[return-value]


def describe_error(exc: BaseException) -> tuple[str, int]:
    """The message and exit code for an error a user can act on."""
    if isinstance(exc, PolicyError):
        placed = [d for d in exc.diagnostics if d.span is not None]
        lines = [f"policyscore: error: {d.message} [{d.code}]" for d in exc.diagnostics if d.span is None]
        if placed:
            errors = sum(1 for d in exc.diagnostics if d.is_error)
            file = placed[0].span.file  # type: ignore[union-attr]
            lines = [exc.render(), "", f"policyscore: error: {file} is not a valid policy ({errors} error{'s' if errors != 1 else ''})"]
        return "\n".join(lines), 1
    if isinstance(exc, Failure):
        return f"policyscore: error: {exc.message}", exc.code
    if isinstance(exc, PolicyScoreError):
        code = 2 if exc.code in USAGE_CODES else 1
        return f"policyscore: error: {exc} [{exc.code}]", code
    assert isinstance(exc, OSError)
    name = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
    return f"policyscore: error: {name}{exc.strerror or exc}", 1


def parse_as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> date:
    """The --as-of option: a YYYY-MM-DD date, today when not given (the only place the clock is read)."""
    if value is None:
        return date.today()
    try:
        return parse_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def as_of_option(help: str = "Evaluation date (default: today).") -> Callable[[F], F]:
    return click.option("--as-of", callback=parse_as_of, metavar="YYYY-MM-DD", help=help)


def input_format_option(fn: F) -> F:
    return click.option(
        "--input-format", type=click.Choice(FORMATS), help="Read RECORDS in this format (default: from the extension; stdin: jsonl)."
    )(fn)


def check_all_fields_option(fn: F) -> F:
    return click.option(
        "--check-all-fields",
        is_flag=True,
        help="Check every declared field of every record, also those the policy does not read (a data-quality run).",
    )(fn)


def format_option(choices: list[str], help: str | None = None) -> Callable[[F], F]:
    """``--format``, the first choice being the default."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True, help=help)


def on_error_option(help: str) -> Callable[[F], F]:
    return click.option("--on-error", type=click.Choice(ON_ERROR), default="fail", show_default=True, help=help)


def open_records(path: str, input_format: str | None) -> Source:
    """RECORDS opened for reading; standard input is touched only for ``-`` (it may be closed otherwise)."""
    if path != STDIN:
        return open_source(path, input_format)
    stream: IO[bytes] | None = getattr(sys.stdin, "buffer", None) if sys.stdin is not None else None
    if stream is None:
        raise InputError("no standard input to read (it is closed)", code="PS501")
    return open_source(path, input_format, stream)


def _report(error: RecordError) -> None:
    click.echo(f"rejected: {error} [{error.code}]", err=True)


def rejects_on_stderr(on_error: str, stream: IO[str] | None = None) -> Rejects:
    """The ``--on-error`` rule of a command: skipped records go to ``stream`` (``--rejects``) or are listed on stderr."""
    return Rejects(on_error, stream=stream, report=_report)


_POLICY_KEY = re.compile(r"^[\"']?policy[\"']?[ \t]*:", re.MULTILINE)


def looks_like_policy(path: str) -> bool:
    """Whether a YAML file has a top-level ``policy:`` key (files that cannot be read count as policies: their error is shown)."""
    try:
        text = read_source(path).decode("utf-8", errors="replace")
    except OSError:
        return True
    return _POLICY_KEY.search(text) is not None


def policies_only_option(help_text: str) -> Callable[[F], F]:
    return click.option("--policies-only", is_flag=True, help=help_text)
