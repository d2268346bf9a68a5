"""The impact of a policy change: score the same records with two versions of a policy.

:func:`compare` reads the records once, scores each with both policies and
keeps only counters, so memory stays flat whatever the number of records:

- eligibility changes (became eligible, became ineligible);
- the tier-migration matrix (old tier x new tier, with ``(ineligible)`` and
  ``(no tier)`` as their own rows and columns);
- the score distribution of eligible records before and after: count, mean
  and the 10th, 50th and 90th percentiles (nearest rank), computed exactly from
  a count of each distinct score (scores are rounded to the policy's decimals,
  so there are few distinct values);
- the N largest movers among records eligible under both policies (a bounded
  buffer), each with the factor whose points changed most;

and :func:`policy_changes` lists the keys that changed between the two policy
texts.  :func:`load_policy_ref` reads ``git:REV:path`` from git history.
"""

from __future__ import annotations

import math
import os
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from policyscore.batch import Ranking, Rejects
from policyscore.engine.portfolio import Portfolio
from policyscore.engine.result import Result
from policyscore.errors import PolicyScoreError, RecordError
from policyscore.io.readers import Item
from policyscore.language.printer import to_text
from policyscore.policy import Policy, as_date, load_policy, load_policy_text
from policyscore.policyfile.ids import id_order
from policyscore.policyfile.yamlsource import load_yaml, read_source
from policyscore.review.changes import ChangesWriter, Moved, TierChanges, point_changes

__all__ = [
    "GIT_PREFIX",
    "INELIGIBLE",
    "NO_TIER",
    "GitError",
    "PolicyRef",
    "KeyChange",
    "ScoreStats",
    "Distribution",
    "FactorChange",
    "Mover",
    "DiffReport",
    "load_policy_ref",
    "policy_changes",
    "rules_changed",
    "version_kept_warning",
    "compare",
]

GIT_PREFIX = "git:"
INELIGIBLE = "(ineligible)"
NO_TIER = "(no tier)"


class GitError(PolicyScoreError):
    """``git:REV:path`` cannot be read: no git, not a repository, unknown revision, or no such file there."""

    code = "PS608"


# ---------------------------------------------------------------- reading a policy, possibly from git


@dataclass(frozen=True)
class PolicyRef:
    """Which policy a side of the diff is: as named on the command line, and what was loaded."""

    ref: str
    name: str
    version: str | int
    sha256: str
    notes: tuple[str, ...] = ()
    text: str | None = field(default=None, repr=False, compare=False)  # the policy file as read (for a page that shows it)

    def to_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, "name": self.name, "version": self.version, "sha256": self.sha256, "notes": list(self.notes)}


def load_policy_ref(ref: str, cwd: str | os.PathLike[str] | None = None) -> tuple[Policy, PolicyRef]:
    """Load a policy file, or ``git:REV:path`` (the file as it is in revision REV).

    ``path`` follows git's rules: relative to the repository's top folder, or
    to ``cwd`` when it starts with ``./`` or ``../``.  The policy's
    ``record: schema:`` file is read from the same revision (symbolic links
    inside the repository are followed); when that revision does not have it,
    the working tree's file at the same place is used and a note says so.
    Raises :class:`GitError` (PS608) or :class:`~policyscore.PolicyError`.
    """
    if not ref.startswith(GIT_PREFIX):
        policy = load_policy(ref)
        return policy, PolicyRef(ref, policy.name, policy.version, policy.sha256, text=_text_of(ref))
    rev, sep, path = ref[len(GIT_PREFIX) :].partition(":")
    if not sep or not rev or not path:
        raise GitError(f"{ref!r} is not of the form git:REV:path (e.g. git:origin/main:rules/policy.yaml)")
    where = str(cwd) if cwd is not None else os.getcwd()
    top = _git(["rev-parse", "--show-toplevel"], where).decode().strip()
    prefix = _git(["rev-parse", "--show-prefix"], where).decode().strip()
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], where, f"unknown revision {rev!r}")
    repo_path = os.path.normpath(os.path.join(prefix, path)) if path.startswith(("./", "../")) else os.path.normpath(path)
    if repo_path.startswith(".."):
        raise GitError(f"{path} is outside the git repository at {top}")
    text = _blob(rev, repo_path, where)
    if text is None:
        raise GitError(f"{repo_path} does not exist in {rev}")
    notes: list[str] = []
    folder = os.path.dirname(repo_path)
    with tempfile.TemporaryDirectory(prefix="policyscore-git-") as tmp:
        base_dir = Path(top, folder)
        schema = _record_schema(text)
        if schema is not None and not os.path.isabs(schema):
            schema_path = os.path.normpath(os.path.join(folder, schema))
            content = None if schema_path.startswith("..") else _blob(rev, schema_path, where)
            if content is not None:
                target = Path(tmp, schema_path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content, encoding="utf-8")
                Path(tmp, folder).mkdir(parents=True, exist_ok=True)
                base_dir = Path(tmp, folder)
            else:
                notes.append(f"record schema {schema} is not in {rev}: the working tree's copy was used")
        policy = load_policy_text(text, ref, base_dir)
    return policy, PolicyRef(ref, policy.name, policy.version, policy.sha256, tuple(notes), text)


def _text_of(path: str) -> str | None:
    """The text of a policy file that was just loaded (None if it cannot be read again)."""
    try:
        return read_source(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _git(args: Sequence[str], cwd: str, failure: str | None = None, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (needed to read git:REV:path)") from None
    except NotADirectoryError:
        raise GitError(f"{cwd} is not a folder") from None
    if done.returncode != 0:
        message = failure or done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed"
        raise GitError(message)
    return done.stdout


def _blob(rev: str, repo_path: str, cwd: str) -> str | None:
    """The text of ``repo_path`` in ``rev`` (following symbolic links inside the repository), or None."""
    out = _git(["cat-file", "--batch", "--follow-symlinks"], cwd, stdin=f"{rev}:{repo_path}\n".encode())
    header, _, rest = out.partition(b"\n")
    fields = header.split()
    if len(fields) != 3 or fields[1] != b"blob":
        return None
    size = int(fields[2])
    try:
        return rest[:size].decode("utf-8")
    except UnicodeDecodeError:
        raise GitError(f"{repo_path} in {rev} is not UTF-8 text") from None


def _record_schema(text: str) -> str | None:
    data, _, _ = load_yaml(text, None)
    record = data.get("record") if isinstance(data, dict) else None
    schema = record.get("schema") if isinstance(record, dict) else None
    return schema if isinstance(schema, str) else None


# ---------------------------------------------------------------- policy key changes


@dataclass(frozen=True)
class KeyChange:
    """One changed key: ``section`` (factors, tiers, ...), the item's id, added/removed/edited, and for an edit what."""

    section: str
    key: str
    change: str  # added | removed | edited
    field: str | None = None
    old: Any = None
    new: Any = None

    @property
    def label(self) -> str:
        return f"{self.section}.{self.key}" + (f".{self.field}" if self.field else "")

    def to_dict(self) -> dict[str, Any]:
        return {"section": self.section, "key": self.key, "change": self.change, "field": self.field, "old": self.old, "new": self.new}


def _expr(info: Any) -> str | None:
    return None if info is None else to_text(info.node)


def _band_text(band: Any) -> str:
    cond = "else" if band.expr is None else to_text(band.expr.node)
    return f"{cond} -> {band.value:g}"


def policy_changes(old: Policy, new: Policy) -> list[KeyChange]:
    """Added, removed and edited params, lets, filters, factors (weights, values, bands), adjustments, tiers and score settings.

    Expressions are compared in their printed form, so layout does not count: ``a>1`` and ``a > 1`` are the same.
    """
    out: list[KeyChange] = []

    def section(name: str, olds: dict[str, dict[str, Any]], news: dict[str, dict[str, Any]]) -> None:
        for key in olds:
            if key not in news:
                out.append(KeyChange(name, key, "removed"))
        for key, fields in news.items():
            if key not in olds:
                out.append(KeyChange(name, key, "added"))
                continue
            before = olds[key]
            for fname in dict.fromkeys(list(before) + list(fields)):
                if before.get(fname) != fields.get(fname):
                    out.append(KeyChange(name, key, "edited", fname, before.get(fname), fields.get(fname)))

    if old.version != new.version:
        out.append(KeyChange("policy", "version", "edited", None, old.version, new.version))
    section("params", {k: {"value": v} for k, v in old.params.items()}, {k: {"value": v} for k, v in new.params.items()})
    section("let", *({x.name: {"expression": _expr(x.expr)} for x in p.lets} for p in (old, new)))
    section("filters", *({f.id: {"when": _expr(f.expr)} for f in p.filters} for p in (old, new)))
    section("factors", *({f.id: _factor_fields(f) for f in p.factors} for p in (old, new)))
    section("adjustments", *({a.id: {"when": _expr(a.expr), "points": a.points} for a in p.adjustments} for p in (old, new)))
    section("tiers", *({t.name: {"min": t.min, "top_percent": t.top_percent} for t in p.tiers} for p in (old, new)))
    for key in ("score_min", "score_max", "decimals"):
        if getattr(old, key) != getattr(new, key):
            out.append(KeyChange("score", key.replace("score_", ""), "edited", None, getattr(old, key), getattr(new, key)))
    return out


def rules_changed(changes: Sequence[KeyChange]) -> list[str]:
    """The labels of the changed keys other than the version itself (``factors.size.weight``, ``tiers.best.min``)."""
    return [c.label for c in changes if c.section != "policy"]


def version_kept_warning(old_version: str | int, new_version: str | int, changes: Sequence[KeyChange]) -> str | None:
    """The warning when the rules changed but the version did not, else None."""
    changed = rules_changed(changes)
    if not changed or old_version != new_version:
        return None
    shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
    return (
        f"the rules changed ({shown}) but the version did not (still {old_version!r}): "
        "raise `version` so that scores and explanations from before and after the change can be told apart"
    )


def _factor_fields(f: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"weight": f.weight, "missing": f.missing}
    if f.bands is None:
        fields["value"] = _expr(f.expr)
    else:
        for j, band in enumerate(f.bands):
            fields[f"bands[{j + 1}]"] = _band_text(band)
    return fields


# ---------------------------------------------------------------- comparing scores


@dataclass(frozen=True)
class ScoreStats:
    count: int
    mean: float | None
    p10: float | int | None
    p50: float | int | None
    p90: float | int | None

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "mean": self.mean, "p10": self.p10, "p50": self.p50, "p90": self.p90}


@dataclass(frozen=True)
class FactorChange:
    id: str
    old: float | int | None  # None: the factor is not in that policy
    new: float | int | None
    delta: float | int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "old": self.old, "new": self.new, "delta": self.delta}


@dataclass(frozen=True)
class Mover:
    id: Any
    old_score: float | int
    new_score: float | int
    old_tier: str | None
    new_tier: str | None
    delta: float | int
    factor: FactorChange | None
    adjustments: tuple[str, ...]  # adjustments applied under one policy only

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "old_score": self.old_score,
            "new_score": self.new_score,
            "old_tier": self.old_tier,
            "new_tier": self.new_tier,
            "delta": self.delta,
            "factor": None if self.factor is None else self.factor.to_dict(),
            "adjustments": list(self.adjustments),
        }


@dataclass(frozen=True)
class DiffReport:
    old: PolicyRef
    new: PolicyRef
    as_of: str
    records: int
    rejected: int
    became_eligible: int
    became_ineligible: int
    eligibility_examples: tuple[tuple[Any, str], ...]  # (id, "gained" | "lost"), the first few in input order
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    matrix: dict[tuple[str, str], int]
    before: ScoreStats
    after: ScoreStats
    movers: tuple[Mover, ...]
    changes: tuple[KeyChange, ...]
    moved: TierChanges | None = None  # every tier change, by migration (a bounded number named per migration)
    changes_written: int | None = None  # rows written to --changes

    @property
    def tier_changes(self) -> int:
        return sum(count for (row, col), count in self.matrix.items() if row != col)

    @property
    def warnings(self) -> tuple[str, ...]:
        """Problems with the change itself: the rules changed but the version did not."""
        kept = version_kept_warning(self.old.version, self.new.version, self.changes)
        return () if kept is None else (kept,)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "as_of": self.as_of,
            "warnings": list(self.warnings),
            "records": self.records,
            "rejected": self.rejected,
            "eligibility": {
                "became_eligible": self.became_eligible,
                "became_ineligible": self.became_ineligible,
                "examples": [{"id": rid, "change": what} for rid, what in self.eligibility_examples],
            },
            "tiers": {
                "rows": list(self.rows),
                "columns": list(self.columns),
                "matrix": [[self.matrix.get((r, c), 0) for c in self.columns] for r in self.rows],
                "changed": self.tier_changes,
            },
            "scores": {"before": self.before.to_dict(), "after": self.after.to_dict()},
            "movers": [m.to_dict() for m in self.movers],
            "changes": [c.to_dict() for c in self.changes],
            "tier_changes": [] if self.moved is None else self.moved.to_list(),
        }


class Distribution:
    """Exact count, mean and nearest-rank percentiles from a count of each distinct score."""

    def __init__(self) -> None:
        self.counts: Counter[Decimal] = Counter()

    def add(self, score: float | int) -> None:
        self.counts[Decimal(repr(score))] += 1

    def stats(self, decimals: int) -> ScoreStats:
        n = sum(self.counts.values())
        if n == 0:
            return ScoreStats(0, None, None, None, None)
        total = sum((value * k for value, k in self.counts.items()), Decimal(0))
        mean = float(round(total / n, decimals + 2))
        ordered = sorted(self.counts.items())

        def rank(p: int) -> float | int:
            wanted = max(1, math.ceil(p * n / 100))
            seen = 0
            for value, k in ordered:
                seen += k
                if seen >= wanted:
                    return int(value) if decimals == 0 else float(value)
            raise AssertionError("unreachable")  # pragma: no cover

        return ScoreStats(n, mean, rank(10), rank(50), rank(90))


def _label(result: Result) -> str:
    if not result.eligible:
        return INELIGIBLE
    return result.tier if result.tier is not None else NO_TIER


def _number(x: Decimal) -> float | int:
    return int(x) if x == x.to_integral_value() else float(x)


def compare(
    old: Policy,
    new: Policy,
    records: Iterable[dict[str, Any] | RecordError | Item],
    as_of: date | str,
    *,
    source: str | None = None,
    top: int = 10,
    on_error: str | Rejects = "raise",
    old_ref: PolicyRef | None = None,
    new_ref: PolicyRef | None = None,
    portfolios: Sequence[Portfolio | None] = (None, None),
    changes_to: ChangesWriter | None = None,
    name_per_migration: int = 20,
    observe: Callable[[Result, Result], None] | None = None,
) -> DiffReport:
    """Score every record with both policies in one pass and summarise the differences.

    ``records`` may hold :class:`RecordError` objects for records that could
    not be read, or be the :class:`~policyscore.io.readers.Item` objects of a
    reader: a record either policy rejects is then named by ``source`` and
    its line, as the reader names the records it rejects.  ``on_error`` is the rule for them and for records either
    policy cannot score: ``"raise"`` raises the first, ``"skip"`` counts them
    as rejected, or a :class:`~policyscore.batch.Rejects` (which also sees
    the records its reader already rejected: they count as rejected too).
    Every customer who changes tier is named in ``moved``, grouped by
    migration (the first ``name_per_migration`` of each, with the count of
    all); ``changes_to`` receives every customer whose score or tier changed.
    ``observe``, when given, is called with the two results of every record
    both policies scored (a page that shows more than this summary gathers
    its data in the same pass).
    """
    day = as_date(as_of)
    if isinstance(on_error, Rejects):
        rejects = on_error
    else:
        rejects = Rejects("fail" if on_error == "raise" else "skip")
    matrix: Counter[tuple[str, str]] = Counter()
    before, after = Distribution(), Distribution()
    kept: Ranking[tuple[Result, Result]] = Ranking(top)
    examples: list[tuple[Any, str]] = []
    count = gained = lost = 0
    moved = TierChanges(name_per_migration)
    for entry in records:
        record, line = (entry.error if entry.record is None else entry.record, entry.line) if isinstance(entry, Item) else (entry, None)
        try:
            if isinstance(record, RecordError):
                raise record
            assert record is not None
            a = old.score(record, day, explain=False, portfolio=portfolios[0])
            b = new.score(record, day, explain=False, portfolio=portfolios[1])
        except RecordError as err:
            located = err.located(row=line, source=source) if line is not None and err.row is None else err
            rejects(located, entry.raw if isinstance(entry, Item) else (record if isinstance(record, dict) else None))
            continue
        count += 1
        if observe is not None:
            observe(a, b)
        migration = (_label(a), _label(b))
        matrix[migration] += 1
        if migration[0] != migration[1] or (changes_to is not None and a.score != b.score):
            points = point_changes(a, b)
            if migration[0] != migration[1]:
                moved.add(migration, Moved(b.id, a.score, b.score, points))
            if changes_to is not None:
                changes_to.add(b.id, (a.score, migration[0]), (b.score, migration[1]), points)
        if a.eligible != b.eligible:
            if a.eligible:
                lost += 1
            else:
                gained += 1
            if len(examples) < top:
                examples.append((b.id, "gained" if b.eligible else "lost"))
        if a.eligible:
            before.add(a.score)  # type: ignore[arg-type]
        if b.eligible:
            after.add(b.score)  # type: ignore[arg-type]
        if a.eligible and b.eligible and top > 0:
            delta = Decimal(repr(b.score)) - Decimal(repr(a.score))
            if delta:
                kept.add((-abs(delta), id_order(b.id)), (a, b))
    movers = tuple(_mover(a, b) for a, b in kept.values()) if top > 0 else ()
    rows = _order(old.tier_names, {r for r, _ in matrix})
    columns = _order(new.tier_names, {c for _, c in matrix})
    return DiffReport(
        old=old_ref or PolicyRef(old.path or old.name, old.name, old.version, old.sha256),
        new=new_ref or PolicyRef(new.path or new.name, new.name, new.version, new.sha256),
        as_of=day.isoformat(),
        records=count,
        rejected=rejects.count,
        became_eligible=gained,
        became_ineligible=lost,
        eligibility_examples=tuple(examples),
        rows=rows,
        columns=columns,
        matrix=dict(matrix),
        before=before.stats(old.decimals),
        after=after.stats(new.decimals),
        movers=movers,
        changes=tuple(policy_changes(old, new)),
        moved=moved,
        changes_written=None if changes_to is None else changes_to.count,
    )


def _order(tiers: Sequence[str], seen: set[str]) -> tuple[str, ...]:
    extra = [x for x in (NO_TIER,) if x in seen]
    return tuple(tiers) + tuple(extra) + (INELIGIBLE,)


def _mover(a: Result, b: Result) -> Mover:
    old_points, new_points = a.points or {}, b.points or {}
    best: FactorChange | None = None
    for fid in dict.fromkeys(list(new_points) + list(old_points)):
        o, nw = old_points.get(fid), new_points.get(fid)
        delta = _number(Decimal(repr(nw or 0)) - Decimal(repr(o or 0)))
        if delta and (best is None or abs(delta) > abs(best.delta)):
            best = FactorChange(fid, o, nw, delta)
    applied_old = {x["id"] for x in a.to_dict()["adjustments"] if x["applied"]}
    applied_new = {x["id"] for x in b.to_dict()["adjustments"] if x["applied"]}
    return Mover(
        id=b.id,
        old_score=a.score,  # type: ignore[arg-type]
        new_score=b.score,  # type: ignore[arg-type]
        old_tier=a.tier,
        new_tier=b.tier,
        delta=_number(Decimal(repr(b.score)) - Decimal(repr(a.score))),
        factor=best,
        adjustments=tuple(sorted(applied_old ^ applied_new)),
    )
