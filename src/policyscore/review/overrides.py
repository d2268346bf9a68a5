"""The ``with`` of a policy test case: field values that replace those of each record the case picks by id.

A ``with`` key must be a field the policy declares (at the top level of a
record): any other key is read by nothing, so the case would run on the
record unchanged and pass or fail for a reason its author did not mean
(PS605, with the closest declared name).  It must not be the policy's id
field either: the case is reported under the id it picked, and a record
that claims another id is not the record the case names (PS606).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["override_problems"]


def override_problems(overrides: Any, id_field: str, declared: Iterable[str]) -> Iterator[tuple[str, str, str, str]]:
    """``(key, code, message, hint)`` for each key of ``overrides`` that cannot replace a field of a picked record.

    ``declared`` are the policy's declared field names.  A key is a top-level field (``with`` replaces a whole
    value): ``billing.auto_pay`` is not one, the object ``billing`` is.
    """
    if not isinstance(overrides, dict):
        return
    top = sorted({name.split(".", 1)[0] for name in declared})
    for key in overrides:
        name = str(key)
        if name == id_field:
            yield (
                name,
                "PS606",
                f"'with' cannot change the id field '{id_field}' of the records the case picks",
                "a case picked by 'ids' keeps its record's id; for a record with another id, give an inline 'record'",
            )
        elif name not in top:
            close = difflib.get_close_matches(name, top, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "'with' replaces fields the policy declares, at the top of a record"
            yield name, "PS605", f"the policy declares no field '{name}': setting it in 'with' changes nothing", hint
