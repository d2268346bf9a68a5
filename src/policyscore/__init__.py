"""policyscore: write down who your best customers are, score every customer, explain every score."""

from __future__ import annotations

from policyscore._imports import no_collection

with no_collection():
    from policyscore._version import __version__
    from policyscore.engine.result import Result
    from policyscore.errors import Diagnostic, InputError, PolicyError, PolicyScoreError, RecordError, Span
    from policyscore.policy import EngineError, Policy, load_policy, load_policy_text
    from policyscore.policyfile.loader import check, check_text, load_program, load_program_text
    from policyscore.policyfile.program import Program

__all__ = [
    "__version__",
    "load_policy",
    "load_policy_text",
    "check",
    "check_text",
    "Policy",
    "Program",
    "load_program",
    "load_program_text",
    "EngineError",
    "Program",
    "load_program",
    "load_program_text",
    "EngineError",
    "Result",
    "Diagnostic",
    "Span",
    "PolicyScoreError",
    "PolicyError",
    "RecordError",
    "InputError",
]
