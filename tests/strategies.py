"""Hypothesis strategies for random policies and records, and the settings property tests share.

``POLICYSCORE_PROPERTY_EXAMPLES`` raises the number of examples (and draws new
ones at random) for a longer search than CI's fixed, derandomized run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_EXAMPLES = os.environ.get("POLICYSCORE_PROPERTY_EXAMPLES")

#: Moderate and deterministic in CI; set POLICYSCORE_PROPERTY_EXAMPLES=2000 to search more widely.
SETTINGS = settings(
    max_examples=int(_EXAMPLES) if _EXAMPLES else 150,
    deadline=None,
    derandomize=not _EXAMPLES,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: For tests run once per item of a list (per function, say): fewer examples each.
FEW = settings(SETTINGS, max_examples=max(SETTINGS.max_examples // 8, 10))
