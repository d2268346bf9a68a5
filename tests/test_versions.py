"""A version that means something: diff warns, and test --require-version-bump fails, when the rules changed but the version did not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import git

POLICY = """\
policy: tiny
version: 1
record:
  fields: {id: string, spend: number}
factors:
  - id: spend
    weight: 100
    value: spend / 1000
tiers:
  - {name: top, min: 60}
  - {name: rest, min: 0}
"""

TESTS = """\
policy: tiny.yaml
as_of: 2026-11-01
cases:
  - name: a big spender is in the top tier
    record: {id: a, spend: 900}
    expect: {tier: top}
"""

RECORDS = '{"id": "a", "spend": 900}\n{"id": "b", "spend": 650}\n{"id": "c", "spend": 100}\n'


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A repository with rules/tiny.yaml and its tests committed; the current folder is its top."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    (root / "rules").mkdir(parents=True)
    (root / "rules" / "tiny.yaml").write_text(POLICY, encoding="utf-8")
    (root / "rules" / "tiny.test.yaml").write_text(TESTS, encoding="utf-8")
    (root / "customers.jsonl").write_text(RECORDS, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first version")
    monkeypatch.chdir(root)
    return root


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / "rules" / "tiny.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_diff_warns_when_the_rules_changed_but_the_version_did_not(run, repo):
    edit(repo, "min: 60", "min: 70")
    result = run("diff", "git:HEAD:rules/tiny.yaml", "rules/tiny.yaml", "customers.jsonl", "--as-of", "2026-11-01")
    assert result.exit_code == 0
    warning = "the rules changed (tiers.top.min) but the version did not (still 1): raise `version`"
    assert f"\nwarning: {warning}" in result.stdout
    assert f"policyscore: warning: {warning}" in result.stderr
    md = run("diff", "git:HEAD:rules/tiny.yaml", "rules/tiny.yaml", "customers.jsonl", "--as-of", "2026-11-01", "--format", "markdown")
    assert "> **Warning:** the rules changed (tiers.top.min) but the version did not" in md.stdout
    data = json.loads(run("diff", "git:HEAD:rules/tiny.yaml", "rules/tiny.yaml", "customers.jsonl", "--format", "json").stdout)
    assert len(data["warnings"]) == 1 and "tiers.top.min" in data["warnings"][0]


def test_diff_gives_no_warning_when_the_version_changed_with_the_rules(run, repo):
    edit(repo, "min: 60", "min: 70")
    edit(repo, "version: 1", "version: 2")
    result = run("diff", "git:HEAD:rules/tiny.yaml", "rules/tiny.yaml", "customers.jsonl", "--as-of", "2026-11-01")
    assert result.exit_code == 0
    assert "tiers.top.min: 60 -> 70" in result.stdout
    assert "warning" not in result.stdout and "warning" not in result.stderr


def test_layout_and_comments_are_not_a_change_of_the_rules(run, repo):
    edit(repo, "value: spend / 1000", "value: spend/1000  # per thousand")
    edit(repo, "policy: tiny\n", "policy: tiny\n# the smallest policy\n")
    result = run("diff", "git:HEAD:rules/tiny.yaml", "rules/tiny.yaml", "customers.jsonl", "--as-of", "2026-11-01")
    assert "policy changes: none" in result.stdout
    assert "warning" not in result.stdout and "warning" not in result.stderr
    checked = run("test", "rules", "--require-version-bump", "git:HEAD")
    assert checked.exit_code == 0
    assert "ok   rules/tiny.yaml: unchanged: the rules are as in HEAD" in checked.stdout


def test_require_version_bump_fails_when_a_changed_policy_kept_its_version(run, repo):
    edit(repo, "weight: 100", "weight: 90")
    result = run("test", "rules", "--require-version-bump", "git:HEAD")
    assert result.exit_code == 1
    assert "versions (against HEAD)" in result.stdout
    assert "FAIL rules/tiny.yaml: kept: the rules changed (factors.spend.weight) but the version did not (still 1)" in result.stdout
    assert result.stdout.rstrip().endswith("versions against HEAD: 1 policy changed without a new version")
    # the same run passes once the version changes
    edit(repo, "version: 1", "version: 2")
    bumped = run("test", "rules", "--require-version-bump", "git:HEAD")
    assert bumped.exit_code == 0, bumped.stdout
    assert "ok   rules/tiny.yaml: bumped: version 1 -> 2" in bumped.stdout


def test_require_version_bump_in_json_and_junit(run, repo):
    edit(repo, "min: 60", "min: 65")
    data = json.loads(run("test", "rules", "--require-version-bump", "git:HEAD", "--format", "json").stdout)
    assert data["ok"] is False
    assert data["versions_against"] == "HEAD"
    [check] = data["versions"]
    assert (check["status"], check["old_version"], check["new_version"], check["changed"]) == ("kept", 1, 1, ["tiers.top.min"])
    xml = run("test", "rules", "--require-version-bump", "git:HEAD", "--format", "junit").stdout
    assert '<testsuite name="versions against HEAD" tests="1" failures="1"' in xml
    assert 'type="VersionNotChanged"' in xml


def test_unchanged_and_new_policies_pass(run, repo):
    unchanged = run("test", "rules", "--require-version-bump", "git:HEAD")
    assert unchanged.exit_code == 0
    assert "ok   rules/tiny.yaml: unchanged: the rules are as in HEAD" in unchanged.stdout
    (repo / "rules" / "other.yaml").write_text(POLICY.replace("tiny", "other"), encoding="utf-8")
    (repo / "rules" / "other.test.yaml").write_text(TESTS.replace("tiny.yaml", "other.yaml"), encoding="utf-8")
    new = run("test", "rules", "--require-version-bump", "git:HEAD")
    assert new.exit_code == 0
    assert "ok   rules/other.yaml: new: not in HEAD: a new policy" in new.stdout


def test_require_version_bump_mistakes_are_reported_without_a_traceback(run, repo, tmp_path):
    bad = run("test", "rules", "--require-version-bump", "git:HEAD:rules/tiny.yaml")
    assert bad.exit_code == 2
    assert "is not a git revision: write git:REV" in bad.stderr
    # A revision that cannot be read is a wrong option: nothing was compared, so no policy "changed without a new version".
    unknown = run("test", "rules", "--require-version-bump", "git:no-such-branch")
    assert unknown.exit_code == 2
    assert unknown.stdout == ""
    assert (
        "Invalid value for --require-version-bump: unknown revision 'no-such-branch' in the git repository holding rules/tiny.yaml [PS608]"
        in unknown.stderr
    )
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "tiny.yaml").write_text(POLICY, encoding="utf-8")
    (outside / "tiny.test.yaml").write_text(TESTS, encoding="utf-8")
    alone = run("test", str(outside), "--require-version-bump", "git:HEAD")
    assert alone.exit_code == 2
    assert "tiny.yaml is not in a git repository: no revision 'HEAD' to compare with [PS608]" in alone.stderr


def test_the_summary_counts_policies_that_kept_their_version(run, repo):
    edit(repo, "spend / 1000", "spend / 900")
    (repo / "rules" / "other.yaml").write_text(POLICY.replace("tiny", "other").replace("/ 1000", "/ 800"), encoding="utf-8")
    (repo / "rules" / "other.test.yaml").write_text(TESTS.replace("tiny.yaml", "other.yaml"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "another policy")
    edit(repo, "spend / 900", "spend / 950")
    (repo / "rules" / "other.yaml").write_text(POLICY.replace("tiny", "other").replace("/ 1000", "/ 700"), encoding="utf-8")
    kept = run("test", "rules", "--require-version-bump", "git:HEAD", "--format", "json")
    assert kept.exit_code == 1
    assert kept.stderr.rstrip().endswith("versions against HEAD: 2 policies changed without a new version")
