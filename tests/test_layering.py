"""The package's layering, as pyproject.toml's import-linter contracts state it, holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports() -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "lint-imports"
    return subprocess.run([str(script), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_every_layering_contract_is_kept():
    run = _lint_imports()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 2 kept, 0 broken." in run.stdout
