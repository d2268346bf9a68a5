"""The ``policyscore`` command line: one module per command, each thin.

A command parses its options, calls the library, hands the result to a
renderer in :mod:`policyscore.render` and chooses the exit code: 0 success,
1 a problem with a policy or the data, 2 a usage mistake, 130 interrupted
(Ctrl-C), 141 the reader of standard output went away (``| head``), 143
terminated (SIGTERM).  Only this package reads the clock (``--as-of``
defaults to today).
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from policyscore._imports import no_collection
from policyscore._version import __version__
from policyscore.cli.common import ReaderGone
from policyscore.io.writers import remove_temporaries

__all__ = ["cli", "main", "BROKEN_PIPE", "INTERRUPTED"]

#: Exit status when the reader of standard output goes away: 128 + SIGPIPE, as a shell reports a process SIGPIPE ended.
BROKEN_PIPE = 141
#: Exit status on Ctrl-C: 128 + SIGINT.
INTERRUPTED = 130


#: Each command and the module that defines it: a command's module is imported only when that command runs
#: (or help lists it), so `policyscore validate` does not pay for what diff, report or score import.
COMMANDS = {
    "validate": "validate",
    "score": "score",
    "explain": "explain",
    "schema": "schema",
    "test": "test",
    "diff": "diff",
    "report": "report",
    "sql": "sql",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        name = f"policyscore.cli.{module}"
        # the command's imports are most of the start-up; frozen once, as the process's long-lived objects
        with no_collection(freeze=name not in sys.modules):
            command = getattr(importlib.import_module(name), cmd_name)
        assert isinstance(command, click.Command)
        return command


@click.group(name="policyscore", cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="policyscore", message="%(prog)s %(version)s")
def cli() -> None:
    """Score customer records against YAML "best customer" policies and explain every score."""


def main(args: list[str] | None = None) -> None:
    """Entry point of the ``policyscore`` console script and ``python -m policyscore``."""
    try:
        try:
            code = cli.main(args=args, prog_name="policyscore", standalone_mode=False)
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except click.Abort:  # Ctrl-C: output files were not replaced
            remove_temporaries()  # in case the interruption came between creating one and using it
            code = INTERRUPTED
        sys.stdout.flush()
    except (BrokenPipeError, ReaderGone):  # e.g. `policyscore score ... | head -1`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more to flush at exit
        code = BROKEN_PIPE
    sys.exit(code if isinstance(code, int) else 0)
