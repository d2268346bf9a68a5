"""The built-in functions: one table, easy to extend.

Each entry says how many arguments a function takes, which kinds each accepts,
what it returns, and how it treats null.  ``impl`` receives non-null arguments
when ``propagates_null`` is true (the caller returns null for a null argument
without calling it).  Adding a function is adding one :class:`Function` here
and a line in ``docs/language.md``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from policyscore.language.regex import RegexError, compile_regex
from policyscore.language.rounding import round_half_away
from policyscore.language.types import BOOLEAN, DATE, NUMBER, STRING, Type

_ONE_DAY = timedelta(days=1)

__all__ = ["Function", "FUNCTIONS", "RuntimeTypeError", "is_aware", "parse_date", "parse_datetime", "months_between"]


class RuntimeTypeError(Exception):
    """A value of the wrong kind reached an operation (only possible for undeclared fields)."""

    def __init__(self, expected: str, value: Any, problem: str | None = None):
        self.expected = expected
        self.value = value
        self.problem = problem
        super().__init__(problem or f"needs {expected}, got {kind_of(value)} {value!r}")


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


# Parameter kinds: a set of value kinds, or one of the special words below.
#   "comparable": number, string, date or datetime, all arguments the same kind
#   "any": anything
ArgKinds = frozenset[str]
NUM = frozenset({"number"})
STR = frozenset({"string"})
DAY = frozenset({"date", "datetime"})
LST = frozenset({"list"})
TEXT_OR_LIST = frozenset({"string", "list"})
COMPARABLE = frozenset({"number", "string", "date", "datetime"})
ANYK = frozenset({"any"})


@dataclass(frozen=True)
class Function:
    name: str
    params: tuple[ArgKinds, ...]
    returns: Callable[[Sequence[Type]], Type]
    impl: Callable[..., Any]
    summary: str
    min_args: int | None = None
    variadic: bool = False  # the last param kind repeats
    propagates_null: bool = True
    may_return_null: bool = False
    same_kind: bool = False  # all arguments must share one kind (min, max, coalesce, clamp)

    @property
    def arity_min(self) -> int:
        return len(self.params) if self.min_args is None else self.min_args

    @property
    def arity_max(self) -> int | None:
        return None if self.variadic else len(self.params)

    def param_kinds(self, i: int) -> ArgKinds:
        if i < len(self.params):
            return self.params[i]
        return self.params[-1]

    def signature(self) -> str:
        names = []
        for i, kinds in enumerate(self.params):
            label = "|".join(sorted(kinds))
            if self.min_args is not None and i >= self.min_args:
                label = f"[{label}]"
            names.append(label)
        if self.variadic:
            names.append("...")
        return f"{self.name}({', '.join(names)})"


def _num(_: Sequence[Type]) -> Type:
    return NUMBER


def _int(_: Sequence[Type]) -> Type:
    return Type("number", integer=True)


def _str(_: Sequence[Type]) -> Type:
    return STRING


def _bool(_: Sequence[Type]) -> Type:
    return BOOLEAN


def _date(_: Sequence[Type]) -> Type:
    return DATE


def _first(args: Sequence[Type]) -> Type:
    for t in args:
        if t.kind not in ("null", "any"):
            return t.with_nullable(False)
    return args[0].with_nullable(False) if args else NUMBER


def _list_item(args: Sequence[Type]) -> Type:
    item = args[0].item if args and args[0].item is not None else None
    return item.with_nullable(False) if item is not None else NUMBER


# ---------------------------------------------------------------- dates


def parse_date(text: str) -> date | None:
    """An ISO ``YYYY-MM-DD`` date, or None when the text is not one."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_datetime(text: str) -> datetime | None:
    """An ISO 8601 date-time (``YYYY-MM-DDTHH:MM[:SS][+HH:MM|Z]``), or None."""
    if len(text) < 16 or text[10] not in "Tt ":
        return None
    try:
        return datetime.fromisoformat(text[:-1] + "+00:00" if text[-1] in "Zz" else text)
    except ValueError:
        return None


def is_aware(value: datetime) -> bool:
    """Whether a date-time has a time zone (an offset from UTC)."""
    return value.tzinfo is not None and value.utcoffset() is not None


def _same_zones(values: tuple[Any, ...], name: str) -> None:
    """Date-times given to one function must all have a time zone or all have none."""
    kinds = {is_aware(v) for v in values if isinstance(v, datetime)}
    if len(kinds) > 1:
        plain = next(v for v in values if isinstance(v, datetime) and not is_aware(v))
        zoned = next(v for v in values if isinstance(v, datetime) and is_aware(v))
        raise RuntimeTypeError(
            "date-times that all have a time zone or all have none",
            plain,
            f"{name}() compares a date-time with a time zone ({zoned.isoformat()}) with one without ({plain.isoformat()})",
        )


def _min(*values: Any) -> Any:
    _same_zones(values, "min")
    return min(values)


def _max(*values: Any) -> Any:
    _same_zones(values, "max")
    return max(values)


def _as_day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _date_fn(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value.strip())
    raise RuntimeTypeError("a string or a date", value)


def days_between(a: date, b: date) -> int:
    return (_as_day(b) - _as_day(a)).days


def months_between(a: date, b: date) -> int:
    """Whole months from ``a`` to ``b`` (negative when ``b`` is earlier).

    A month is complete when ``b`` reaches ``a``'s day of the month, or the
    last day of ``b``'s month when that month is shorter (Jan 31 -> Feb 28 is
    one month).
    """
    if isinstance(a, datetime):
        a = a.date()
    if isinstance(b, datetime):
        b = b.date()
    if b < a:
        return -months_between(b, a)
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if b.day < a.day and (b + _ONE_DAY).month == b.month:
        months -= 1
    return months


# ---------------------------------------------------------------- numbers


def _round(x: float, n: float = 0) -> float | int:
    if isinstance(n, float) and not n.is_integer():
        raise RuntimeTypeError("a whole number of decimals", n)
    return round_half_away(x, int(n))


def _clamp(x: Any, lo: Any, hi: Any) -> Any:
    if lo > hi:
        lo, hi = hi, lo
    return lo if x < lo else hi if x > hi else x


def scale(x: float, lo: float, hi: float) -> float:
    """Map [lo, hi] linearly onto [0, 1], clamped; lo > hi maps decreasingly; lo == hi is a step at lo."""
    if lo == hi:
        return 1.0 if x >= hi else 0.0
    v = (x - lo) / (hi - lo)
    return 0.0 if v < 0 else 1.0 if v > 1 else v


def _log(x: float, base: float | None = None) -> float | None:
    if x <= 0:
        return None
    if base is None:
        return math.log(x)
    if base <= 0 or base == 1:
        return None
    return math.log(x, base)


def _sqrt(x: float) -> float | None:
    return math.sqrt(x) if x >= 0 else None


def _floor(x: float) -> int:
    return math.floor(x)


def _ceil(x: float) -> int:
    return math.ceil(x)


def _sum(items: list[Any]) -> Any:
    total: Any = 0
    for v in items:
        if v is None:
            return None
        total += v
    return total


def _count(items: list[Any]) -> int:
    return sum(1 for v in items if v is not None)


def _coalesce(*args: Any) -> Any:
    for v in args:
        if v is not None:
            return v
    return None


def _matches(text: str, pattern: str) -> bool:
    try:
        search = compile_regex(pattern)
    except RegexError as exc:
        raise RuntimeTypeError("a regular expression", pattern, f"pattern {pattern!r} cannot be used: {exc}") from None
    try:
        return search(text)
    except RegexError as exc:
        raise RuntimeTypeError("text", text, f"text {_shorten(text)!r} cannot be searched: {exc}") from None


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _contains(container: Any, item: Any) -> bool:
    if isinstance(container, str):
        if not isinstance(item, str):
            raise RuntimeTypeError("a string", item)
        return item in container
    return item in container


_F = Function
FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in [
        _F("min", (COMPARABLE,), _first, _min, "smallest of its arguments", variadic=True, same_kind=True),
        _F("max", (COMPARABLE,), _first, _max, "largest of its arguments", variadic=True, same_kind=True),
        _F("abs", (NUM,), _num, abs, "absolute value"),
        _F("round", (NUM, NUM), _num, _round, "round half away from zero to n decimals (default 0)", min_args=1),
        _F("floor", (NUM,), _int, _floor, "largest whole number <= x"),
        _F("ceil", (NUM,), _int, _ceil, "smallest whole number >= x"),
        _F("clamp", (NUM, NUM, NUM), _first, _clamp, "x limited to [lo, hi]", same_kind=True),
        _F("scale", (NUM, NUM, NUM), _num, scale, "linear map of [lo, hi] onto [0, 1], clamped"),
        _F("log", (NUM, NUM), _num, _log, "natural logarithm (or to a base); null for x <= 0", min_args=1, may_return_null=True),
        _F("sqrt", (NUM,), _num, _sqrt, "square root; null for x < 0", may_return_null=True),
        _F(
            "coalesce",
            (ANYK,),
            _first,
            _coalesce,
            "first argument that is not null",
            variadic=True,
            min_args=1,
            propagates_null=False,
            same_kind=True,
        ),
        _F("len", (TEXT_OR_LIST,), _int, len, "number of characters of a string or items of a list"),
        _F("lower", (STR,), _str, str.lower, "lower-case text"),
        _F("upper", (STR,), _str, str.upper, "upper-case text"),
        _F("trim", (STR,), _str, str.strip, "text without leading and trailing white space"),
        _F("contains", (TEXT_OR_LIST, ANYK), _bool, _contains, "whether a string contains a substring, or a list an item"),
        _F("starts_with", (STR, STR), _bool, str.startswith, "whether text starts with a prefix"),
        _F("ends_with", (STR, STR), _bool, str.endswith, "whether text ends with a suffix"),
        _F(
            "matches",
            (STR, STR),
            _bool,
            _matches,
            "whether a regular expression (RE2 syntax) matches anywhere in the text",
        ),
        _F(
            "date",
            (frozenset({"string", "date", "datetime"}),),
            _date,
            _date_fn,
            "the date in ISO text YYYY-MM-DD; null when it is not one",
            may_return_null=True,
        ),
        _F("days_between", (DAY, DAY), _int, days_between, "whole days from a to b (b - a)"),
        _F("months_between", (DAY, DAY), _int, months_between, "whole months from a to b"),
        _F("year", (DAY,), _int, lambda d: d.year, "the year of a date"),
        _F("month", (DAY,), _int, lambda d: d.month, "the month of a date (1-12)"),
        _F("day", (DAY,), _int, lambda d: d.day, "the day of the month of a date"),
        _F("sum", (LST,), _list_item, _sum, "sum of a list of numbers; null if an item is null", may_return_null=True),
        _F("count", (LST,), _int, _count, "number of non-null items of a list"),
    ]
}
