"""The pre-commit hooks as shipped: which files they take, and that non-policy YAML does not break them."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def _selected(hook: dict, path: str) -> bool:
    """pre-commit's rule: `files` searched, `exclude` searched, both as Python regular expressions."""
    return re.search(hook["files"], path) is not None and not (hook.get("exclude") and re.search(hook["exclude"], path))


def test_validate_hook_excludes_test_files_and_the_test_hook_takes_them():
    validate, test = HOOKS["policyscore-validate"], HOOKS["policyscore-test"]
    assert _selected(validate, "rules/startup-us-ca.yaml") and _selected(validate, "rules/x.yml")
    assert not _selected(validate, "rules/startup-us-ca.test.yaml") and not _selected(validate, "rules/x.test.yml")
    assert not _selected(validate, "docs/x.yaml")
    assert _selected(test, "rules/startup-us-ca.yaml") and _selected(test, "rules/startup-us-ca.test.yaml")


def _hook(run, hook_id: str, files: list[str]):
    """Run a hook's entry as pre-commit does: the entry's words, then the selected files."""
    hook = HOOKS[hook_id]
    words = shlex.split(hook["entry"])
    assert words[0] == "policyscore"
    return run(*words[1:], *[f for f in files if _selected(hook, f)])


def test_hooks_skip_yaml_that_is_not_a_policy(run, tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(ROOT / "rules" / "startup-us-ca.yaml", rules)
    shutil.copy(ROOT / "rules" / "startup-us-ca.test.yaml", rules)
    (tmp_path / "schemas").symlink_to(ROOT / "schemas")
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (rules / "owners.yaml").write_text("owners: [team-a]\ncountries: [NO, SE]\n", encoding="utf-8")
    (rules / "settings.yml").write_text("# not a policy either\nlint: {policy: strict}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    changed = ["rules/owners.yaml", "rules/settings.yml", "rules/startup-us-ca.yaml", "rules/startup-us-ca.test.yaml"]
    validated = _hook(run, "policyscore-validate", changed)
    assert validated.exit_code == 0, validated.stdout
    assert validated.stdout == "1 policy file checked: all valid\n"
    tested = _hook(run, "policyscore-test", changed)
    assert tested.exit_code == 0, tested.stdout
    assert re.search(r"1 test file: (\d+) cases, \1 passed, 0 failed", tested.stdout)
    only_other = _hook(run, "policyscore-test", ["rules/owners.yaml"])
    assert only_other.exit_code == 0
    assert only_other.stdout == "no policy or test file among the files given: nothing to test\n"
    # a broken policy is still caught
    (rules / "startup-us-ca.yaml").write_text("policy: broken\nversion: 1\n", encoding="utf-8")
    broken = _hook(run, "policyscore-validate", changed)
    assert broken.exit_code == 1
    assert "rules/startup-us-ca.yaml" in broken.stdout
