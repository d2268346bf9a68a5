"""Run-time semantics of every operator, shared by the interpreter and the compiler.

These functions define the language's meaning on any values: null
propagation, three-valued logic, division by zero, and the checks that only
matter when a field's type was not declared.  The compiler emits inline code
for the common, statically typed cases and calls these for the rest; the
interpreter calls them always.  A property test keeps both in agreement.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from policyscore.language.functions import RuntimeTypeError, is_aware, kind_of, parse_date, parse_datetime

__all__ = [
    "BINARY",
    "neg",
    "not_",
    "and_",
    "or_",
    "cond",
    "get_attr",
    "guard",
    "is_number",
    "check_zones",
]


def is_number(v: Any) -> bool:
    return (v.__class__ is int or v.__class__ is float) or (isinstance(v, (int, float)) and not isinstance(v, bool))


def _num(v: Any) -> Any:
    if v is None or is_number(v):
        return v
    raise RuntimeTypeError("a number", v)


def _bool(v: Any) -> Any:
    if v is None or v is True or v is False:
        return v
    raise RuntimeTypeError("a boolean", v)


def _str(v: Any) -> Any:
    if v is None or isinstance(v, str):
        return v
    raise RuntimeTypeError("a string", v)


def _day(v: Any) -> Any:
    if v is None or isinstance(v, date):
        return v
    if isinstance(v, str):
        parsed = parse_date(v) or parse_datetime(v)
        if parsed is not None:
            return parsed
    raise RuntimeTypeError("a date", v)


def _list(v: Any) -> Any:
    if v is None or isinstance(v, list):
        return v
    if isinstance(v, tuple):
        return list(v)
    raise RuntimeTypeError("a list", v)


def _text_or_list(v: Any) -> Any:
    if v is None or isinstance(v, (str, list)):
        return v
    raise RuntimeTypeError("a string or a list", v)


def _comparable(v: Any) -> Any:
    if v is None or is_number(v) or isinstance(v, (str, date)):
        return v
    raise RuntimeTypeError("a number, string or date", v)


def _anything(v: Any) -> Any:
    return v


_GUARDS: dict[frozenset[str], Callable[[Any], Any]] = {
    frozenset({"number"}): _num,
    frozenset({"boolean"}): _bool,
    frozenset({"string"}): _str,
    frozenset({"date", "datetime"}): _day,
    frozenset({"list"}): _list,
    frozenset({"string", "list"}): _text_or_list,
    frozenset({"number", "string", "date", "datetime"}): _comparable,
    frozenset({"string", "date", "datetime"}): lambda v: v if v is None or isinstance(v, (str, date)) else _str(v),
    frozenset({"any"}): _anything,
}


def guard(kinds: frozenset[str]) -> Callable[[Any], Any]:
    """The run-time check for a value that must be of one of ``kinds`` (or null)."""
    return _GUARDS[kinds]


def _same_kind(a: Any, b: Any) -> bool:
    ka, kb = kind_of(a), kind_of(b)
    return ka == kb


def _check_comparable(op: str, a: Any, b: Any, ordered: bool) -> None:
    if not _same_kind(a, b):
        raise RuntimeTypeError("values of one type", a, f"compares a {kind_of(a)} with a {kind_of(b)}")
    if ordered and kind_of(a) not in ("number", "string", "date", "datetime"):
        raise RuntimeTypeError("numbers, strings or dates", a, f"cannot order {kind_of(a)} values with '{op}'")
    if isinstance(a, datetime):
        check_zones(a, b)


def check_zones(a: datetime, b: datetime) -> None:
    """Refuse to compare a date-time that has a time zone with one that has none.

    Which instant a date-time without a zone means is not known, so no answer
    (not even "not equal") would be right: the record is rejected instead.
    """
    if is_aware(a) != is_aware(b):
        zoned, plain = (a, b) if is_aware(a) else (b, a)
        raise RuntimeTypeError(
            "date-times that all have a time zone or all have none",
            plain,
            f"compares a date-time with a time zone ({zoned.isoformat()}) with one without ({plain.isoformat()})",
        )


def _arith(op: str, fn: Callable[[Any, Any], Any], zero_is_null: bool) -> Callable[[Any, Any], Any]:
    def apply(a: Any, b: Any) -> Any:
        a, b = _num(a), _num(b)
        if a is None or b is None:
            return None
        if zero_is_null and b == 0:
            return None
        return fn(a, b)

    apply.__name__ = f"op_{op}"
    return apply


def _compare(op: str, fn: Callable[[Any, Any], bool], ordered: bool) -> Callable[[Any, Any], Any]:
    def apply(a: Any, b: Any) -> Any:
        if a is None or b is None:
            return None
        if not (is_number(a) and is_number(b)):
            _check_comparable(op, a, b, ordered)
        return fn(a, b)

    apply.__name__ = f"op_{op}"
    return apply


def _in(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    items = _list(b)
    if isinstance(a, datetime):
        for item in items:
            if isinstance(item, datetime):
                check_zones(a, item)
    return a in items


def _not_in(a: Any, b: Any) -> Any:
    r = _in(a, b)
    return None if r is None else not r


BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": _arith("+", lambda a, b: a + b, False),
    "-": _arith("-", lambda a, b: a - b, False),
    "*": _arith("*", lambda a, b: a * b, False),
    "/": _arith("/", lambda a, b: a / b, True),
    "%": _arith("%", lambda a, b: a % b, True),
    "==": _compare("==", lambda a, b: a == b, False),
    "!=": _compare("!=", lambda a, b: a != b, False),
    "<": _compare("<", lambda a, b: a < b, True),
    "<=": _compare("<=", lambda a, b: a <= b, True),
    ">": _compare(">", lambda a, b: a > b, True),
    ">=": _compare(">=", lambda a, b: a >= b, True),
    "in": _in,
    "not in": _not_in,
}


def neg(v: Any) -> Any:
    v = _num(v)
    return None if v is None else -v


def not_(v: Any) -> Any:
    v = _bool(v)
    return None if v is None else not v


def and_(a: Any, b: Any) -> Any:
    """Kleene ``and`` of two already evaluated values."""
    a, b = _bool(a), _bool(b)
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def or_(a: Any, b: Any) -> Any:
    """Kleene ``or`` of two already evaluated values."""
    a, b = _bool(a), _bool(b)
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def cond(c: Any) -> Any:
    """Check an ``if`` condition; returns it (True, False or None)."""
    return _bool(c)


def get_attr(obj: Any, name: str) -> Any:
    """``obj.name`` on a nested record value; null when ``obj`` is null or lacks the key."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    raise RuntimeTypeError("an object", obj)


def to_plain(value: Any) -> Any:
    """A value as JSON shows it: dates as ISO text, tuples as lists."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value
