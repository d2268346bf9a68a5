"""The Python back end: a policy program compiled to one generated Python function."""

from __future__ import annotations

from typing import Any

from policyscore.backends.python.generate import generate
from policyscore.policyfile.program import Program

__all__ = ["compile_program", "generate"]


def compile_program(program: Program, *, check_all_fields: bool = False) -> Any:
    """``evaluate(record, as_of, explain) -> Result`` for ``program``."""
    return generate(program, check_all_fields)[0]
