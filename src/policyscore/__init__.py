"""policyscore: write down who your best customers are, score every customer, explain every score."""

from __future__ import annotations

from policyscore._version import __version__
from policyscore.engine.explanation import Result
from policyscore.errors import Diagnostic, InputError, PolicyError, PolicyScoreError, RecordError, Span
from policyscore.policy import Policy
from policyscore.policyfile.loader import check, check_text, load_policy, load_policy_text

__all__ = [
    "__version__",
    "load_policy",
    "load_policy_text",
    "check",
    "check_text",
    "Policy",
    "Result",
    "Diagnostic",
    "Span",
    "PolicyScoreError",
    "PolicyError",
    "RecordError",
    "InputError",
]
