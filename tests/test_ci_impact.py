"""The example CI workflow's impact script on a real git history: changed, renamed, deleted and added policies."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from support import git

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "examples" / "ci" / "policy_impact.py"


def test_every_kind_of_policy_change_gets_its_section(tmp_path):
    repo = tmp_path / "repo"
    (repo / "rules").mkdir(parents=True)
    (repo / "schemas").mkdir()
    shutil.copy(ROOT / "src/policyscore/schemas/customer.schema.json", repo / "schemas/customer.schema.json")
    for name in ("startup-us-ca", "subscription-health", "balanced-portfolio"):
        shutil.copy(ROOT / "rules" / f"{name}.yaml", repo / "rules" / f"{name}.yaml")
    (repo / "rules" / "notes.yaml").write_text("owner: ops\n")  # YAML that is not a policy
    shutil.copy(ROOT / "examples/customers.jsonl", repo / "customers.jsonl")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "change")
    startup = repo / "rules" / "startup-us-ca.yaml"
    startup.write_text(startup.read_text().replace("min: 75", "min: 70"))
    git(repo, "mv", "rules/subscription-health.yaml", "rules/subscriptions.yaml")
    git(repo, "rm", "-q", "rules/balanced-portfolio.yaml")
    (repo / "rules" / "new-one.yaml").write_text("policy: new-one\nversion: 1\nfactors:\n  - {id: f, weight: 1, value: '1'}\n")
    (repo / "rules" / "notes.yaml").write_text("owner: finance\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "change")
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "main", "customers.jsonl", "--as-of", "2026-11-01", "-o", "impact.md"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    text = (repo / "impact.md").read_text()
    assert text.startswith("<!-- policyscore-diff -->\n")  # the workflow finds its earlier comment by this line
    assert "### New policy: `rules/new-one.yaml`" in text
    assert "### Deleted policy: `rules/balanced-portfolio.yaml`" in text
    assert "### `rules/subscription-health.yaml` renamed to `rules/subscriptions.yaml`" in text
    assert "notes.yaml" not in text
    # the changed and the renamed policy were each diffed against their version in main
    changed, renamed = text.split("subscription-health.yaml` renamed")[0], text.split("subscription-health.yaml` renamed")[1]
    assert "startup-us-ca" in changed and "75" in changed and "70" in changed
    assert "subscription-health" in renamed and "No score changed." in renamed
