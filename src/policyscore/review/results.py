"""What running policy test files gives: a result per case, per file and for the whole run (data, no rendering)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from policyscore.errors import Diagnostic
from policyscore.review.coverage import PolicyCoverage
from policyscore.review.expectations import Failure
from policyscore.review.mutants import PolicyMutation

if TYPE_CHECKING:  # pragma: no cover - git and diff are imported only by --require-version-bump
    from policyscore.review.versions import VersionCheck

__all__ = ["CaseResult", "FileResult", "RunResult"]


@dataclass(frozen=True)
class CaseResult:
    name: str
    record_id: str | None
    line: int | None
    failures: tuple[Failure, ...] = ()
    error: str | None = None

    @property
    def status(self) -> str:
        return "error" if self.error is not None else ("failed" if self.failures else "passed")

    @property
    def title(self) -> str:
        return self.name if self.record_id is None else f"{self.name} [{self.record_id}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id": self.record_id,
            "line": self.line,
            "status": self.status,
            "failures": [f.to_dict() for f in self.failures],
            "error": self.error,
        }


@dataclass(frozen=True)
class FileResult:
    """The outcome of one test file: problems that kept it from running, or its cases."""

    path: str
    policy_path: str | None
    policy: str | None  # "name v<version>" of the loaded policy
    diagnostics: tuple[Diagnostic, ...]
    cases: tuple[CaseResult, ...]
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics) and all(c.status == "passed" for c in self.cases)

    def count(self, status: str) -> int:
        return sum(1 for c in self.cases if c.status == status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "policy_path": self.policy_path,
            "policy": self.policy,
            "ok": self.ok,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "cases": [c.to_dict() for c in self.cases],
        }


@dataclass(frozen=True)
class RunResult:
    files: tuple[FileResult, ...]
    coverage: tuple[PolicyCoverage, ...] | None = None
    min_coverage: float | None = None
    mutation: tuple[PolicyMutation, ...] | None = None  # with --mutate
    min_mutation_score: float | None = None
    versions: tuple[VersionCheck, ...] | None = None  # with --require-version-bump
    versions_against: str | None = None  # the revision the policies were compared with

    @property
    def below_min_mutation(self) -> tuple[PolicyMutation, ...]:
        """Policies whose mutation score is below the minimum (a policy that could not be mutated always is)."""
        if self.mutation is None or self.min_mutation_score is None:
            return tuple(m for m in self.mutation or () if m.problem is not None)
        return tuple(m for m in self.mutation if m.problem is not None or m.fraction * 100 < self.min_mutation_score)

    @property
    def below_min(self) -> tuple[PolicyCoverage, ...]:
        if self.coverage is None or self.min_coverage is None:
            return ()
        return tuple(c for c in self.coverage if c.fraction * 100 < self.min_coverage)

    @property
    def ok(self) -> bool:
        versions_ok = all(v.ok for v in self.versions or ())
        return all(f.ok for f in self.files) and not self.below_min and not self.below_min_mutation and versions_ok

    def totals(self) -> dict[str, int]:
        cases = [c for f in self.files for c in f.cases]
        return {
            "files": len(self.files),
            "files_with_problems": sum(1 for f in self.files if any(d.is_error for d in f.diagnostics)),
            "cases": len(cases),
            "passed": sum(1 for c in cases if c.status == "passed"),
            "failed": sum(1 for c in cases if c.status == "failed"),
            "errors": sum(1 for c in cases if c.status == "error"),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "summary": self.totals(),
            "files": [f.to_dict() for f in self.files],
            "coverage": None if self.coverage is None else [c.to_dict() for c in self.coverage],
            "min_coverage": self.min_coverage,
            "below_min_coverage": [c.policy for c in self.below_min],
            "mutation": None if self.mutation is None else [m.to_dict() for m in self.mutation],
            "min_mutation_score": self.min_mutation_score,
            "below_min_mutation_score": [m.policy for m in self.below_min_mutation],
            "versions": None if self.versions is None else [v.to_dict() for v in self.versions],
            "versions_against": self.versions_against,
        }
