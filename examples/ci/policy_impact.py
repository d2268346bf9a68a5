"""Markdown of what each policy changed in a pull request does to the customers (for CI).

    python examples/ci/policy_impact.py BASE RECORDS --as-of YYYY-MM-DD -o impact.md [--rules rules]

BASE is the branch the pull request goes into (``origin/main``).  Every policy
file under the rules folder that the pull request added, changed, renamed or
deleted gets a section: a changed or renamed one the Markdown of
``policyscore diff`` against its version in BASE (under its old name for a
rename), a new one a line saying so, a deleted one a line saying so.  Test
files (``*.test.yaml``) and YAML files without a top-level ``policy:`` key
are left out.  The file starts with a marker line, so a workflow can find and
update its own earlier comment instead of adding a new one.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

MARKER = "<!-- policyscore-diff -->"
_POLICY_FILES = (".yaml", ".yml")
_TEST_FILES = (".test.yaml", ".test.yml")


def changed_policies(base: str, rules: str) -> list[tuple[str, str | None, str | None]]:
    """(status, old path, new path) of each policy file the branch changed since it left ``base``: status is
    one of added, changed, renamed, deleted; a rename that also edits the file counts as renamed."""
    out = subprocess.run(
        ["git", "diff", "--name-status", "-M", f"{base}...HEAD", "--", rules], check=True, capture_output=True, text=True
    ).stdout
    found = []
    for line in out.splitlines():
        parts = line.split("\t")
        status = parts[0][:1]
        if status == "R":
            old, new = parts[1], parts[2]
        elif status == "D":
            old, new = parts[1], None
        elif status == "A":
            old, new = None, parts[1]
        else:
            old = new = parts[1]
        path = new or old
        assert path is not None
        if not path.endswith(_POLICY_FILES) or path.endswith(_TEST_FILES):
            continue
        kind = {"A": "added", "D": "deleted", "R": "renamed"}.get(status, "changed")
        if not _is_policy(base, old, new):
            continue
        found.append((kind, old, new))
    return found


def _is_policy(base: str, old: str | None, new: str | None) -> bool:
    """Whether the file (in the branch, or in ``base`` when deleted) has a top-level ``policy:`` key."""
    if new is not None:
        text = Path(new).read_text(encoding="utf-8", errors="replace")
    else:
        shown = subprocess.run(["git", "show", f"{base}:{old}"], capture_output=True, text=True, errors="replace")
        text = shown.stdout
    return any(line.startswith("policy:") for line in text.splitlines())


def impact(base: str, records: str, as_of: str, rules: str) -> str:
    """The Markdown report of every changed policy."""
    sections = [MARKER, "## Policy changes", ""]
    changes = changed_policies(base, rules)
    if not changes:
        sections.append("No policy file changed.")
    for kind, old, new in changes:
        if kind == "added":
            sections += [f"### New policy: `{new}`", "", "Nothing to compare it with; its tests ran above.", ""]
        elif kind == "deleted":
            sections += [f"### Deleted policy: `{old}`", "", "Customers are no longer scored with it.", ""]
        else:
            if kind == "renamed":
                sections += [f"### `{old}` renamed to `{new}`", ""]
            command = ["diff", f"git:{base}:{old}", str(new), records, "--as-of", as_of, "--format", "markdown"]
            diff = subprocess.run([sys.executable, "-m", "policyscore", *command], capture_output=True, text=True)
            if diff.returncode == 0:
                sections.append(diff.stdout)
            else:
                sections += [f"### `{new}`", "", "```", diff.stderr.strip() or diff.stdout.strip(), "```", ""]
    return "\n".join(sections).rstrip("\n") + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("records")
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--rules", default="rules")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    Path(args.output).write_text(impact(args.base, args.records, args.as_of, args.rules), encoding="utf-8")


if __name__ == "__main__":
    main()
