"""The ids of the records a policy test file holds itself: inline ``record``s and the ``portfolio`` list.

Records read from a records file are checked by the reader (PS512, PS513); these
are checked here by the same rules, with the place in the test file: an id is a
string or a whole number, and ``7`` and ``"7"`` are one id
(:mod:`policyscore.policyfile.ids`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from policyscore.io.readers import id_problem
from policyscore.policyfile.ids import id_key

__all__ = ["id_problems"]

Place = tuple[Any, ...]


def id_problems(
    places: Iterable[tuple[Place, Any]], id_field: str, line_of: Callable[[int], int | None]
) -> Iterator[tuple[Place, str, str]]:
    """``(path of the id, code, message)`` for each record (at its path) whose id cannot be one (PS512), and for each
    ``("portfolio", k)`` record whose id an earlier portfolio record has (PS513; ``line_of(k)`` is record k's line).

    A record without an id is left alone: an inline record needs none.
    """
    seen: dict[str, int] = {}
    for where, record in places:
        if not isinstance(record, dict) or record.get(id_field) is None:
            continue
        rid = record[id_field]
        problem = id_problem(rid, id_field)
        if problem is not None:
            yield where + (id_field,), problem.code, problem.message
        elif where[0] == "portfolio":
            first = seen.setdefault(id_key(rid), where[1])
            if first != where[1]:
                yield where + (id_field,), "PS513", f"duplicate id {rid!r} in the portfolio (first seen on line {line_of(first)})"
