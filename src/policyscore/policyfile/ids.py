"""The one rule for customer ids, shared by every command.

An id is a string or a whole number.  A whole number and its decimal text are
the same customer: ``1`` and ``"1"`` are one id, ``"01"``, ``"-0"``,
``"1.0"`` and ``" 1"`` are other ids (text that is not exactly how the number
is written).  A CSV file holds only text while the same export in
JSON may hold numbers, and the command line (``explain --id 42``) and policy
test files (``ids: [42]``) name customers either way; the rule makes all of
them agree.  Duplicates are found, ``--id`` is matched, test-file ids are
picked and ties in a ranking are broken with this rule.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["id_key", "id_number", "id_order"]

_WHOLE = re.compile(r"0|-?[1-9][0-9]{0,30}", re.ASCII)


def id_number(rid: str | int) -> int | None:
    """The whole number an id stands for (``7`` for ``7`` and ``"7"``), or None for a text id."""
    if rid.__class__ is int:
        return rid  # type: ignore[return-value]
    if isinstance(rid, str):
        return int(rid) if _WHOLE.fullmatch(rid) else None
    if isinstance(rid, int) and not isinstance(rid, bool):
        return int(rid)
    return None


def id_key(rid: Any) -> str:
    """The text two ids are compared by: a whole number is its decimal text."""
    if rid.__class__ is str:
        return rid  # type: ignore[no-any-return]
    if isinstance(rid, int) and not isinstance(rid, bool):
        return str(int(rid))
    return str(rid)


def id_order(rid: Any) -> tuple[int, int, str]:
    """Where an id sorts among others: whole numbers (as numbers, whatever their type) before text."""
    number = id_number(rid) if isinstance(rid, (str, int)) and not isinstance(rid, bool) else None
    if number is not None:
        return (0, number, "")
    return (1, 0, id_key(rid))
