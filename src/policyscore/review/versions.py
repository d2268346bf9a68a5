"""A version that means something: a policy whose rules changed must change its ``version``.

``diff`` warns when the rules changed but the version did not
(:func:`~policyscore.review.diff.version_kept_warning`);
:func:`check_version_bumps` compares each policy
with its copy in a git revision, for ``policyscore test
--require-version-bump git:REV``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from policyscore.errors import PolicyScoreError
from policyscore.policy import Policy, load_policy
from policyscore.review.diff import GIT_PREFIX, load_policy_ref, policy_changes, rules_changed, version_kept_warning

__all__ = ["VersionCheck", "check_version_bumps", "git_revision"]


@dataclass(frozen=True)
class VersionCheck:
    """One policy compared with its copy in a git revision."""

    policy_path: str
    ref: str  # git:REV:path, as it was read
    status: str  # bumped | unchanged | new | kept | error | no-revision (the revision cannot be read where the policy is)
    old_version: str | int | None = None
    new_version: str | int | None = None
    changed: tuple[str, ...] = ()
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status not in ("kept", "error", "no-revision")

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy_path": self.policy_path,
            "ref": self.ref,
            "status": self.status,
            "ok": self.ok,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "changed": list(self.changed),
            "message": self.message,
        }


def git_revision(ref: str) -> str:
    """``git:REV`` (or a bare ``REV``) as the revision name; raises ValueError when there is none."""
    rev = ref[len(GIT_PREFIX) :] if ref.startswith(GIT_PREFIX) else ref
    if not rev or ":" in rev:
        raise ValueError(f"{ref!r} is not a git revision: write git:REV, e.g. git:origin/main")
    return rev


def _git_ok(args: Sequence[str], cwd: str) -> bool:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError:
        return False
    return done.returncode == 0


def check_version_bumps(policy_paths: Sequence[str], rev: str) -> tuple[VersionCheck, ...]:
    """Compare each policy file with the same file in ``rev``: changed rules need a changed version."""
    return tuple(_check(path, rev) for path in dict.fromkeys(policy_paths))


def _check(path: str, rev: str) -> VersionCheck:
    folder = os.path.dirname(os.path.abspath(path))
    local = "./" + os.path.basename(path)
    ref = f"{GIT_PREFIX}{rev}:{path}"
    if not _git_ok(["rev-parse", "--show-toplevel"], folder):
        return VersionCheck(path, ref, "no-revision", message=f"{path} is not in a git repository: no revision {rev!r} to compare with")
    if not _git_ok(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], folder):
        return VersionCheck(path, ref, "no-revision", message=f"unknown revision {rev!r} in the git repository holding {path}")
    if not _git_ok(["cat-file", "-e", f"{rev}:{local}"], folder):
        return VersionCheck(path, ref, "new", message=f"not in {rev}: a new policy")
    try:
        new: Policy = load_policy(path)
        old, _ = load_policy_ref(f"{GIT_PREFIX}{rev}:{local}", cwd=folder)
    except PolicyScoreError as exc:
        return VersionCheck(path, ref, "error", message=f"cannot compare with {rev}: {exc}")
    changes = policy_changes(old, new)
    changed = tuple(rules_changed(changes))
    if not changed:
        status, message = "unchanged", f"the rules are as in {rev}"
    elif old.version == new.version:
        status, message = "kept", f"{version_kept_warning(old.version, new.version, changes)} (compared with {rev})"
    else:
        status, message = "bumped", f"version {old.version!r} -> {new.version!r}"
    return VersionCheck(path, ref, status, old.version, new.version, changed, message)
