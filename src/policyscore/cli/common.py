"""What every command shares: turning errors into messages and exit codes, and the --as-of option."""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from policyscore.errors import PolicyError, PolicyScoreError
from policyscore.policy import EngineError

__all__ = ["Failure", "handles_errors", "describe_error", "parse_as_of", "USAGE_CODES"]

F = TypeVar("F", bound=Callable[..., Any])

#: InputError codes that are usage mistakes (exit 2) rather than data problems (exit 1):
#: the records format cannot be told from the extension.
USAGE_CODES = {"PS503"}


class Failure(Exception):
    """Stop the command with ``message`` on stderr and ``code`` as the exit status."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.message = message
        self.code = code


def handles_errors(fn: F) -> F:
    """Turn the library's errors into a message on stderr and an exit code (``--debug`` adds the traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, debug: bool = False, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:
            raise  # the reader went away (`| head`): main() leaves quietly
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
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")
