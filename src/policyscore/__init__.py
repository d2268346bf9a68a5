"""policyscore: write down who your best customers are, score every customer, explain every score."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import Diagnostic, InputError, PolicyError, PolicyScoreError, RecordError, Span
from .explain import Result
from .loader import check, check_text, load_policy, load_policy_text
from .policy import Policy

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
