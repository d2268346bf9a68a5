"""The reference docs cover every error code and every built-in function."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policyscore.language.functions import FUNCTIONS

ROOT = Path(__file__).resolve().parent.parent


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "src" / "policyscore").rglob("*.py"):
        codes |= set(re.findall(r"\"(PS[0-9]{3})\"", path.read_text(encoding="utf-8")))
    return codes - {"PS000", "PS100", "PS400", "PS500"}  # base classes' default codes


@pytest.mark.parametrize("code", sorted(_codes_in_source()))
def test_every_error_code_is_documented(code):
    assert f"| {code} |" in (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_function_is_documented(name):
    assert f"`{name}(" in (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
