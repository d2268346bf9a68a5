"""``policyscore validate``: every problem of every policy (and policy test) file named or found in a folder."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from policyscore.batch import check_records
from policyscore.cli.common import PATH, Failure, handles_errors, input_format_option, looks_like_policy, open_records, policies_only_option
from policyscore.errors import Diagnostic
from policyscore.policy import load_policy
from policyscore.policyfile.loader import check
from policyscore.policyfile.yamlsource import read_source
from policyscore.render import checks
from policyscore.render import results as render
from policyscore.review.policytest import check_test_file, is_test_file

__all__ = ["validate"]


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=PATH)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings (PS3xx) as errors.")
@click.option(
    "--records",
    "records_path",
    metavar="FILE",
    type=PATH,
    help="Also check this records file against the (one) policy's declared fields, every field, without scoring.",
)
@input_format_option
@policies_only_option("Skip test files (*.test.yaml) and YAML files without a top-level 'policy:' key (for pre-commit).")
@handles_errors
def validate(
    paths: tuple[str, ...], fmt: str, strict: bool, records_path: str | None, input_format: str | None, policies_only: bool
) -> None:
    """Check policy files (or folders of them, searched recursively) and report every problem.

    Folders are searched for *.yaml and *.yml files; policy test files
    (*.test.yaml) are checked as test files.  With --records, the records of
    FILE are checked against the policy's declarations (every declared field,
    ids present and unique) without being scored.  With --policies-only, test
    files and YAML files that are not policies (no top-level 'policy:' key)
    are skipped.  Exit 0 when everything is valid, 1 otherwise.
    """
    if records_path is not None:
        if len(paths) != 1 or Path(paths[0]).is_dir():
            raise Failure("--records checks a records file against one policy file: name exactly one policy", 2)
        _validate_records(paths[0], records_path, input_format, fmt)
        return
    results: list[tuple[str, list[Diagnostic]]] = []
    for path, problem in _policy_files(paths):
        if policies_only and problem is None and (is_test_file(path) or not looks_like_policy(path)):
            continue
        diags = [problem] if problem is not None else _checked(path)
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


def _validate_records(policy_path: str, records_path: str, input_format: str | None, fmt: str) -> None:
    policy = load_policy(policy_path, check_all_fields=True)
    with open_records(records_path, input_format) as source:
        found = check_records(policy, source)
    if fmt == "json":
        click.echo(checks.records_check_json(found, policy.name))
    else:
        click.echo(checks.records_check_text(found, policy.name), nl=False)
    if found.problems:
        sys.exit(1)


def _checked(path: str) -> list[Diagnostic]:
    """The problems of one file; a file policyscore itself fails on is reported (PS009) and the others are still checked."""
    try:
        if is_test_file(path):
            return check_test_file(path, policy_problems=False)  # the policy itself is checked on its own
        return check(path)
    except Exception as exc:  # noqa: BLE001 - one file must not silence the others
        what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return [Diagnostic("PS009", f"policyscore failed while checking this file ({what}); please report it", file=path)]


def _policy_files(paths: tuple[str, ...]) -> Iterator[tuple[str, Diagnostic | None]]:
    """The policy files named or found under the folders named, each once (with a problem for an empty folder)."""
    seen: set[str] = set()
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.suffix in (".yaml", ".yml") and f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
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
        text = read_source(path).decode("utf-8", errors="replace")
    except OSError:
        return ""
    return text[1:] if text.startswith("\ufeff") else text
