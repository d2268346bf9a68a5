"""Generated code that checks a record against the policy's declared fields.

Every declared field is checked on every record.  The fields expressions read
are loaded into locals and checked one by one (ISO dates are converted, once
per distinct string).  The fields no expression reads are checked together in
one short-circuit condition; any doubtful value sends the record to the full
per-field checker, which names the field and the value.  A list of strings is
tested by joining its items: an item that is not a string raises
``TypeError``, and the caller's error path (the reference evaluator) names the
field and the item.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from policyscore.backends.python.expressions import Emitter
from policyscore.language.types import Type
from policyscore.policyfile.fields import FieldDecl, field_checker

__all__ = ["record_checks"]

_DATE_CACHE_LIMIT = 100_000


def _bad_value(var: str, t: Type, enum: tuple[Any, ...] | None, em: Emitter) -> str | None:
    """A condition true when ``var`` is *not* a valid non-null value of ``t``; None: always check fully."""
    kind = t.kind
    if enum is not None:
        if kind == "string" and all(isinstance(v, str) for v in enum):
            return f"({var}.__class__ is not str or {var} not in {em.bind(frozenset(enum), 'E')})"
        return None
    if kind == "string":
        return f"{var}.__class__ is not str"
    if kind == "number" and t.integer:
        return f"{var}.__class__ is not int"
    if kind == "number":
        # ints pass; floats pass unless NaN or infinite (which fail the chained comparison)
        return f"({var}.__class__ is not int and ({var}.__class__ is not float or not -1e999 < {var} < 1e999))"
    if kind == "boolean":
        return f"({var} is not True and {var} is not False)"
    if kind == "list" and t.item is not None and t.item.kind == "string":
        return f"({var}.__class__ is not list or not {em.bind(_all_strings, 'strs')}({var}))"
    if kind == "list" and t.item is not None and t.item.kind == "number" and not t.item.integer:
        allowed = em.bind(frozenset({int, float}), "LT")
        return f"({var}.__class__ is not list or not set(map(type, {var})) <= {allowed})"
    return None


def _all_strings(items: list[Any]) -> bool:
    """Whether every item is a string (joining them is the fastest test CPython offers)."""
    try:
        "".join(items)
    except TypeError:
        return False
    return True


class _Dates:
    """ISO date strings already parsed, shared by the checks of one policy (bounded)."""

    def __init__(self) -> None:
        self.cache: dict[Any, Any] = {None: None}

    def caching(self, check: Callable[[Any], Any]) -> Callable[[Any], Any]:
        cache = self.cache

        def convert(value: Any) -> Any:
            out = check(value)
            if isinstance(value, (str, date)) and len(cache) < _DATE_CACHE_LIMIT:
                cache[value] = out
            return out

        return convert


def _one_field(decl: FieldDecl, var: str, em: Emitter, dates: _Dates, first_bad: bool = False) -> list[str]:
    """Lines that check (and convert) one declared field held in ``var``.

    ``first_bad``: every field the reference evaluator checks before this one is
    checked already, so an exception here makes it name this field.
    """
    t = decl.type
    if t.kind == "any":
        return []
    checker = field_checker(decl)
    null_ok = f"{var} is not None and " if t.nullable else ""
    if t.kind == "date" and decl.enum is None:
        chk = em.bind(dates.caching(checker), "chk")
        cache = em.bind(dates.cache, "dc")
        return [
            f"if {var}.__class__ is str: {var} = {cache}.get({var}) or {chk}({var})",
            f"elif {null_ok}{var}.__class__ is not _date: {var} = {chk}({var})",
        ]
    chk = em.bind(checker, "chk")
    if t.kind == "object" and decl.enum is None:
        subs = []
        for name, sub in t.fields or ():
            bad = _bad_value("_s", sub, None, em)
            if bad is None:
                return [f"if {null_ok}True: {var} = {chk}({var})"]
            subs.append((name, sub, bad))
        lines = [f"if {null_ok}{var}.__class__ is not dict: {var} = {chk}({var})"]
        lines.append(f"elif {var} is not None:" if t.nullable else "else:")
        for name, sub, bad in subs:
            sub_null = "_s is not None and " if sub.nullable else ""
            lines.append(f"    _s = {var}.get({name!r})")
            lines.append(f"    if {sub_null}{bad}: {var} = {chk}({var})")
        if not subs:
            lines.append("    pass")
        return lines
    if first_bad and t.kind == "list" and t.item is not None and t.item.kind == "string" and decl.enum is None:
        # Joining the items is the fastest test that each is a string; an item that is not one raises
        # TypeError, and the caller's error path has the record checked field by field.
        rest = [f"elif {var} is not None: {var} = {chk}({var})" if t.nullable else f"else: {var} = {chk}({var})"]
        return [f"if {var}.__class__ is list: ''.join({var})", *rest]
    bad = _bad_value(var, t, decl.enum, em)
    if bad is None:
        return [f"if {null_ok}True: {var} = {chk}({var})"] if t.nullable else [f"{var} = {chk}({var})"]
    return [f"if {null_ok}{bad}: {var} = {chk}({var})"] if t.nullable else [f"if {bad}: {var} = {chk}({var})"]


def _unused_condition(decl: FieldDecl, em: Emitter, cache: str) -> str | None:
    """A condition true when an unread field is not valid (None: check it field by field)."""
    t = decl.type
    key = repr(decl.name)
    if t.nullable:
        read = f"(_v := r.get({key})) is not None and "
        var = "_v"
    else:
        read = ""
        var = f"r[{key}]"  # an absent key raises KeyError: the full check names the field
    if t.kind == "date" and decl.enum is None:
        return f"({read}{var} not in {cache})"
    if t.kind == "list" or t.kind == "object":
        return None
    bad = _bad_value(var, t, decl.enum, em)
    if bad is None:
        return None
    if not t.nullable and bad.count(var) > 1:
        read, var = f"(_v := r[{key}]) is None or ", "_v"  # read once, test twice; null is invalid here
        bad = _bad_value(var, t, decl.enum, em)
    return f"({read}{bad})"


def record_checks(fields: tuple[FieldDecl, ...], used: set[str], names: dict[str, str], em: Emitter) -> list[str]:
    """Source lines (function body level) checking every declared field of record ``r``.

    Absent non-nullable fields are read with ``r[name]``: the KeyError sends the
    record to the caller's error path, which runs the full check and names the field.
    """
    dates = _Dates()
    cache = em.bind(dates.cache, "dc")
    lines: list[str] = []
    in_order = True  # no field the reference evaluator checks first is left for later
    for decl in fields:
        if decl.name in used:
            var = names[decl.name]
            getter = f"r.get({decl.name!r})" if decl.type.nullable or decl.type.kind == "any" else f"r[{decl.name!r}]"
            lines.append(f"{var} = {getter}")
            lines.extend(_one_field(decl, var, em, dates, in_order))
        elif decl.type.kind != "any":
            in_order = False
    unused = [d for d in fields if d.name not in used and d.type.kind != "any"]
    if not unused:
        return lines
    full = [(d.name, dates.caching(field_checker(d)) if d.type.kind == "date" else field_checker(d)) for d in unused]

    def check_all(record: dict[str, Any]) -> None:
        for name, check in full:
            check(record.get(name))

    slow = em.bind(check_all, "full")
    conditions = []
    for decl in unused:
        cond = _unused_condition(decl, em, cache)
        if cond is None:
            lines.append(f"_v = r.get({decl.name!r})")
            lines.extend(_one_field(decl, "_v", em, dates))
        else:
            conditions.append(cond)
    if conditions:
        lines.append("if (" + "\n        or ".join(conditions) + "):")
        lines.append(f"    {slow}(r)")
    return lines
