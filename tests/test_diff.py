"""Policy diffs: a real edit of a policy in rules/ checked against an independent count, key changes, streaming, git:REV:path."""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import tracemalloc
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from support import git

import policyscore as ps
from policyscore.review.diff import INELIGIBLE, NO_TIER, GitError, KeyChange, compare, load_policy_ref, policy_changes

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-01"
STARTUP = ROOT / "rules" / "startup-us-ca.yaml"
SCHEMA = ROOT / "src" / "policyscore" / "schemas" / "customer.schema.json"


@cache
def sample() -> tuple[dict, ...]:
    with (ROOT / "examples" / "customers.jsonl").open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def startup_edited(text: str) -> str:
    """Two real edits: purchase_size weighs 25 instead of 20, and 'good' starts at 60 instead of 55."""
    text = edit(text, "  - id: purchase_size\n    weight: 20\n", "  - id: purchase_size\n    weight: 25\n")
    return edit(text, "  - name: good\n    min: 55\n", "  - name: good\n    min: 60\n")


def label(result) -> str:
    if not result.eligible:
        return INELIGIBLE
    return result.tier or NO_TIER


# ---------------------------------------------------------------- a real edit of rules/startup-us-ca.yaml


@pytest.fixture(scope="module")
def startup_pair(tmp_path_factory):
    """The policy of rules/ and an edited copy (in a tmp folder laid out like the repository, so `../schemas/` resolves)."""
    base = tmp_path_factory.mktemp("edited")
    (base / "schemas").mkdir()
    shutil.copy(SCHEMA, base / "schemas" / "customer.schema.json")
    (base / "rules").mkdir()
    path = base / "rules" / "startup-us-ca.yaml"
    path.write_text(startup_edited(STARTUP.read_text(encoding="utf-8")), encoding="utf-8")
    return ps.load_policy(STARTUP), ps.load_policy(path)


@pytest.fixture(scope="module")
def startup_report(startup_pair):
    old, new = startup_pair
    return compare(old, new, (r for r in sample()), AS_OF, top=10)


@pytest.fixture(scope="module")
def scored_separately(startup_pair):
    """Both policies' results, computed independently of compare()."""
    old, new = startup_pair
    return [old.score(r, AS_OF) for r in sample()], [new.score(r, AS_OF) for r in sample()]


def test_the_migration_matrix_equals_an_independent_count(startup_report, scored_separately):
    olds, news = scored_separately
    expected = Counter((label(a), label(b)) for a, b in zip(olds, news))
    report = startup_report
    assert report.rows == ("best", "good", "fair", "low", INELIGIBLE)
    assert report.columns == ("best", "good", "fair", "low", INELIGIBLE)
    assert report.matrix == dict(expected)
    assert report.tier_changes == sum(n for (a, b), n in expected.items() if a != b) > 0
    assert sum(report.matrix.values()) == report.records == len(sample()) == 324
    assert report.rejected == 0
    # what the two edits can do: a heavier factor only raises scores; a higher 'good' threshold only demotes good to fair
    # (fair < 55 and at most 5 more points stays below 60; low < 35 can reach fair)
    allowed = {("best", "best"), ("good", "best"), ("good", "good"), ("good", "fair"), ("fair", "fair"), ("low", "low"), ("low", "fair")}
    allowed.add((INELIGIBLE, INELIGIBLE))
    assert {k for k, n in report.matrix.items() if n} <= allowed
    assert report.matrix[("good", "fair")] > 0 and report.matrix[("good", "best")] > 0


def test_eligibility_is_unchanged_by_these_edits(startup_report, scored_separately):
    olds, news = scored_separately
    assert [a.eligible for a in olds] == [b.eligible for b in news]
    assert (startup_report.became_eligible, startup_report.became_ineligible, startup_report.eligibility_examples) == (0, 0, ())


def nearest_rank(values: list[float], p: int) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p * len(ordered) / 100)) - 1]


def test_score_distribution_before_and_after(startup_report, scored_separately):
    for stats, results in ((startup_report.before, scored_separately[0]), (startup_report.after, scored_separately[1])):
        scores = [r.score for r in results if r.eligible]
        assert stats.count == len(scores) == 210
        assert stats.mean == pytest.approx(statistics.fmean(scores), abs=0.00005)
        assert (stats.p10, stats.p50, stats.p90) == tuple(nearest_rank(scores, p) for p in (10, 50, 90))
    assert startup_report.after.mean > startup_report.before.mean


def test_largest_movers_and_the_factor_that_changed_most(startup_report, scored_separately):
    olds, news = scored_separately
    deltas = [
        (-abs(Decimal(repr(b.score)) - Decimal(repr(a.score))), str(b.id), a, b)
        for a, b in zip(olds, news)
        if a.eligible and b.eligible and a.score != b.score
    ]
    expected = sorted(deltas, key=lambda t: t[:2])[:10]
    movers = startup_report.movers
    assert [m.id for m in movers] == [t[1] for t in expected]
    for m, (_, _, a, b) in zip(movers, expected):
        assert (m.old_score, m.new_score, m.old_tier, m.new_tier) == (a.score, b.score, a.tier, b.tier)
        assert Decimal(repr(m.delta)) == Decimal(repr(b.score)) - Decimal(repr(a.score))
        assert m.factor.id == "purchase_size"  # the only factor whose points can change
        assert (m.factor.old, m.factor.new) == (a.points["purchase_size"], b.points["purchase_size"])
        assert m.adjustments == ()


def test_policy_key_changes_of_the_edit(startup_report):
    assert startup_report.changes == (
        KeyChange("factors", "purchase_size", "edited", "weight", 20, 25),
        KeyChange("tiers", "good", "edited", "min", 55, 60),
    )


def test_top_zero_lists_no_movers(startup_pair):
    old, new = startup_pair
    report = compare(old, new, iter(sample()), AS_OF, top=0)
    assert report.movers == ()
    assert report.tier_changes > 0


def test_the_report_as_json_data(startup_report):
    data = json.loads(json.dumps(startup_report.to_dict()))
    assert data["tiers"]["rows"] == ["best", "good", "fair", "low", INELIGIBLE]
    assert data["tiers"]["matrix"][1][0] == startup_report.matrix[("good", "best")]
    assert data["tiers"]["changed"] == startup_report.tier_changes
    assert data["scores"]["before"]["count"] == 210
    assert data["changes"][0] == {"section": "factors", "key": "purchase_size", "change": "edited", "field": "weight", "old": 20, "new": 25}
    assert len(data["movers"]) == 10


# ---------------------------------------------------------------- key changes


BASE = """\
policy: keys
version: 1
params:
  limit: 10
  gone: 1
let:
  twice: a * 2
filters:
  - id: positive
    when: a > 0
factors:
  - id: f
    weight: 10
    value: clamp(twice / limit, 0, 1)
  - id: g
    weight: 5
    bands:
      - when: b > 1
        value: 1
      - else: 0
adjustments:
  - id: bonus
    when: b > 5
    points: 2
tiers:
  - name: top
    min: 10
  - name: rest
    min: 0
"""


def test_every_kind_of_key_change():
    old = ps.load_policy_text(BASE, "old.yaml")
    text = BASE
    text = edit(text, "version: 1", "version: 2")
    text = edit(text, "  limit: 10\n  gone: 1\n", "  limit: 20\n  fresh: 2\n")
    text = edit(text, "  twice: a * 2\n", "  twice: a * 3\n  thrice: twice + 1\n")
    text = edit(text, "    when: a > 0\n", "    when: a>0\n  - id: small\n    when: a < fresh\n")  # layout only, then a new filter
    text = edit(text, "      - when: b > 1\n        value: 1\n", "      - when: b > 2\n        value: 1\n")
    text = edit(text, "    points: 2\n", "    points: 3\n")
    text = edit(text, "  - name: top\n    min: 10\n", "  - name: top\n    min: 12\n  - name: middle\n    min: 5\n")
    new = ps.load_policy_text(text, "new.yaml")
    assert policy_changes(old, new) == [
        KeyChange("policy", "version", "edited", None, 1, 2),
        KeyChange("params", "gone", "removed"),
        KeyChange("params", "limit", "edited", "value", 10, 20),
        KeyChange("params", "fresh", "added"),
        KeyChange("let", "twice", "edited", "expression", "a * 2", "a * 3"),
        KeyChange("let", "thrice", "added"),
        KeyChange("filters", "small", "added"),
        KeyChange("factors", "g", "edited", "bands[1]", "b > 1 -> 1", "b > 2 -> 1"),
        KeyChange("adjustments", "bonus", "edited", "points", 2, 3),
        KeyChange("tiers", "top", "edited", "min", 10, 12),
        KeyChange("tiers", "middle", "added"),
    ]
    assert policy_changes(old, old) == []


def test_score_settings_and_removed_factors():
    old = ps.load_policy_text(BASE, "old.yaml")
    text = edit(BASE, "  - id: g\n    weight: 5\n    bands:\n      - when: b > 1\n        value: 1\n      - else: 0\n", "")
    new = ps.load_policy_text(text + "score: {max: 50, decimals: 1}\n", "new.yaml")
    assert policy_changes(old, new) == [
        KeyChange("factors", "g", "removed"),
        KeyChange("score", "max", "edited", None, None, 50),
        KeyChange("score", "decimals", "edited", None, 2, 1),
    ]


# ---------------------------------------------------------------- eligibility changes, rejected records, streaming


SMALL = """\
policy: small
version: 1
record:
  fields:
    id: integer
    a: number
filters:
  - id: positive
    when: a > LIMIT
factors:
  - id: f
    weight: 100
    value: a / 100
tiers:
  - name: high
    min: 50
"""


def small(limit: int) -> ps.Policy:
    return ps.load_policy_text(SMALL.replace("LIMIT", str(limit)), f"small-{limit}.yaml")


def test_eligibility_changes_and_a_tierless_score():
    records = [{"id": i, "a": a} for i, a in enumerate([-5, 5, 20, 60, 80])]
    report = compare(small(0), small(10), records, AS_OF, top=2)
    # a=5 loses eligibility; scores 20 (below every tier) and 60, 80 are unchanged
    assert (report.became_eligible, report.became_ineligible) == (0, 1)
    assert report.eligibility_examples == ((1, "lost"),)
    assert report.rows == report.columns == ("high", NO_TIER, INELIGIBLE)
    assert report.matrix == {(INELIGIBLE, INELIGIBLE): 1, (NO_TIER, INELIGIBLE): 1, (NO_TIER, NO_TIER): 1, ("high", "high"): 2}
    assert report.tier_changes == 1
    assert report.movers == ()
    reverse = compare(small(10), small(0), records, AS_OF)
    assert (reverse.became_eligible, reverse.became_ineligible, reverse.eligibility_examples) == (1, 0, ((1, "gained"),))


def test_records_that_cannot_be_scored_raise_or_are_counted():
    records = [{"id": 1, "a": 5}, {"id": 2, "a": "x"}, ps.RecordError("not JSON", code="PS510"), {"id": 3, "a": 7}]
    with pytest.raises(ps.RecordError):
        compare(small(0), small(1), records, AS_OF)
    report = compare(small(0), small(1), records, AS_OF, on_error="skip")
    assert (report.records, report.rejected) == (2, 2)


def test_percentiles_use_the_nearest_rank():
    records = [{"id": i, "a": a} for i, a in enumerate([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 15])]
    stats = compare(small(0), small(0), records, AS_OF).before
    scores = [10, 15, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert (stats.count, stats.p10, stats.p50, stats.p90) == (11, 15, 50, 90)
    assert stats.mean == round(sum(scores) / 11, 4)


def _many(n: int):
    for i in range(n):
        yield {"id": i, "a": (i * 37) % 100}


def _peak(n: int) -> int:
    old, new = small(0), ps.load_policy_text(SMALL.replace("LIMIT", "0").replace("a / 100", "a / 90"), "b.yaml")
    tracemalloc.start()
    try:
        compare(old, new, _many(n), AS_OF, top=3)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_whatever_the_number_of_records():
    """Records are consumed one at a time: 8 times more records do not need more memory."""
    small_run, big_run = _peak(1_500), _peak(12_000)
    assert big_run < small_run * 1.5


# ---------------------------------------------------------------- git:REV:path on a temporary repository


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A repository laid out like this one (schemas/ is a symbolic link), with rules/startup-us-ca.yaml committed."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    (root / "rules").mkdir(parents=True)
    (root / "src" / "schemas").mkdir(parents=True)
    shutil.copy(SCHEMA, root / "src" / "schemas" / "customer.schema.json")
    os.symlink("src/schemas", root / "schemas")
    shutil.copy(STARTUP, root / "rules" / "startup-us-ca.yaml")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first version")
    return root


def test_git_form_after_commit_and_edit(repo):
    path = repo / "rules" / "startup-us-ca.yaml"
    path.write_text(startup_edited(path.read_text(encoding="utf-8")), encoding="utf-8")
    old, ref = load_policy_ref("git:HEAD:rules/startup-us-ca.yaml", cwd=repo)
    assert (old.path, old.sha256, ref.ref, ref.notes) == (
        "git:HEAD:rules/startup-us-ca.yaml",
        ps.load_policy(STARTUP).sha256,
        "git:HEAD:rules/startup-us-ca.yaml",
        (),
    )
    new, _ = load_policy_ref(str(path))
    assert policy_changes(old, new) == [
        KeyChange("factors", "purchase_size", "edited", "weight", 20, 25),
        KeyChange("tiers", "good", "edited", "min", 55, 60),
    ]
    report = compare(old, new, iter(sample()), AS_OF, old_ref=ref)
    original = ps.load_policy(STARTUP)
    olds = [original.score(r, AS_OF) for r in sample()]
    news = [new.score(r, AS_OF) for r in sample()]
    assert report.matrix == dict(Counter((label(a), label(b)) for a, b in zip(olds, news)))
    assert report.old.ref == "git:HEAD:rules/startup-us-ca.yaml"


def test_git_form_reads_the_record_schema_from_the_same_revision(repo):
    # the working tree loses the schema: the old policy still loads, from the commit
    (repo / "src" / "schemas" / "customer.schema.json").unlink()
    old, ref = load_policy_ref("git:HEAD:rules/startup-us-ca.yaml", cwd=repo)
    assert ref.notes == ()
    assert "nps_score" in old.fields


def test_git_form_falls_back_to_the_working_tree_schema_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "rules").mkdir()
    (tmp_path / "schemas").mkdir()
    shutil.copy(SCHEMA, tmp_path / "schemas" / "customer.schema.json")  # never committed
    shutil.copy(STARTUP, tmp_path / "rules" / "startup-us-ca.yaml")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "rules")
    git(tmp_path, "commit", "-q", "-m", "policy only")
    old, ref = load_policy_ref("git:HEAD:rules/startup-us-ca.yaml", cwd=tmp_path)
    assert ref.notes == ("record schema ../schemas/customer.schema.json is not in HEAD: the working tree's copy was used",)
    assert "nps_score" in old.fields


def test_git_form_with_a_path_relative_to_the_current_folder_and_an_older_revision(repo):
    path = repo / "rules" / "startup-us-ca.yaml"
    path.write_text(startup_edited(path.read_text(encoding="utf-8")), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "second version")
    old, _ = load_policy_ref("git:HEAD~1:./startup-us-ca.yaml", cwd=repo / "rules")
    head, _ = load_policy_ref("git:HEAD:../rules/startup-us-ca.yaml", cwd=repo / "rules")
    assert [c.field for c in policy_changes(old, head)] == ["weight", "min"]


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("git:NOPE:rules/startup-us-ca.yaml", "unknown revision 'NOPE'"),
        ("git:HEAD:rules/nothing.yaml", "rules/nothing.yaml does not exist in HEAD"),
        ("git:HEAD", "'git:HEAD' is not of the form git:REV:path (e.g. git:origin/main:rules/policy.yaml)"),
        ("git:HEAD:../outside.yaml", "../outside.yaml is outside the git repository at"),
    ],
)
def test_git_form_errors(repo, ref, message):
    with pytest.raises(GitError) as info:
        load_policy_ref(ref, cwd=repo)
    assert info.value.code == "PS608"
    assert str(info.value).startswith(message)


def test_git_form_outside_a_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(GitError, match="not a git repository"):
        load_policy_ref("git:HEAD:x.yaml", cwd=tmp_path)
