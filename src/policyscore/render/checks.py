"""What ``validate --records`` found, as text or JSON."""

from __future__ import annotations

from typing import Any

from policyscore.io.writers import dumps

__all__ = ["records_check_text", "records_check_json"]


def records_check_text(found: Any, policy: str) -> str:
    """One line per record with a problem (where, which field, which value), then a count."""
    lines = [f"{error} [{error.code}]" for error in found.problems]
    bad = len(found.problems)
    verdict = "all valid" if not bad else f"{bad} with problems"
    plural = "s" if found.read != 1 else ""
    lines.append(f"{found.source}: {found.read} record{plural} checked against policy {policy}'s declared fields: {verdict}")
    return "\n".join(lines) + "\n"


def records_check_json(found: Any, policy: str) -> str:
    """``{"records", "policy", "read", "valid", "problems": [RecordError.to_dict()]}``."""
    doc: dict[str, Any] = {
        "records": found.source,
        "policy": policy,
        "read": found.read,
        "valid": not found.problems,
        "problems": [error.to_dict() for error in found.problems],
    }
    return dumps(doc)
