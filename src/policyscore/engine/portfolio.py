"""The portfolio: every usable record of a run, as the policy's portfolio functions see it.

A policy that uses portfolio functions (``share``, ``group_avg``,
``referred_sum``, ...) is scored in two passes.  The first pass,
:func:`build_portfolio`, reads every record once and keeps only what those
functions read: each call's argument and group key per record, the ids and
the referrers.  It finds referral cycles (each record of a cycle is rejected),
then computes the aggregates.  The second pass scores each record with
:meth:`Portfolio.row`, the values of every call for that record.

The meaning of each function is written here once, in plain Python, as
``docs/language.md`` defines it: sums are correctly rounded (``math.fsum``)
whatever the order of the records; aggregates ignore nulls; a median of an
even count is the mean of the two middle values; quantiles interpolate
linearly; ``percent_rank`` and ``cumulative_share`` follow their formulas,
ties included.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from policyscore.engine.idindex import IdIndex
from policyscore.engine.reference import record_lookup
from policyscore.errors import RecordError
from policyscore.language.interpreter import ExprRuntimeError, interpret
from policyscore.policyfile.ids import id_order
from policyscore.policyfile.program import PortfolioCall, Program

__all__ = ["Portfolio", "PortfolioRow", "build_portfolio", "CYCLE_CODE"]

#: The code of the error that rejects each record of a referral cycle.
CYCLE_CODE = "PS405"
#: How many contributors an explanation lists before "and N more".
SHOWN_CONTRIBUTORS = 10

class PortfolioRow(dict):  # type: ignore[type-arg]
    """The values of every portfolio call for one record (``{call key: value}``), with where they came from."""

    __slots__ = ("portfolio", "position")

    def __init__(self, values: dict[str, Any], portfolio: Portfolio, position: int | None):
        super().__init__(values)
        self.portfolio = portfolio
        self.position = position  # the record's place in the portfolio, None for a record outside it

    def details(self, key: str, record: dict[str, Any]) -> dict[str, Any]:
        """What the value of one call was computed over, for the explanation."""
        return self.portfolio.details(key, self, record)


class _Column:
    """One call's argument (and group key) over the portfolio, by position, kept small: numbers are packed in
    an array of doubles (NaN for null) while every value is a float or a whole number a double holds exactly;
    any other value (a date, a text counted by ``portfolio_count``) turns the column into a plain list.
    Group keys are numbered (-1 for null)."""

    def __init__(self) -> None:
        self.packed: array[float] | None = array("d")
        self.whole = True  # every value so far is a whole number (given back as int)
        self.plain: list[Any] = []
        self.groups: array[int] = array("q")
        self.group_ids: dict[Any, int] = {}
        self.group_keys: list[Any] = []

    def append(self, x: Any, g: Any) -> None:
        packed = self.packed
        if packed is not None:
            if x is None:
                packed.append(_NULL)
            elif x.__class__ is float and x == x:
                packed.append(x)
                self.whole = self.whole and x.is_integer()
            elif x.__class__ is int and -_EXACT <= x <= _EXACT:
                packed.append(x)
            else:
                self.plain = [self[i] for i in range(len(packed))]
                self.packed = None
        if self.packed is None:
            self.plain.append(x)
        if g is None:
            self.groups.append(-1)
        else:
            key = _group_key(g)
            number = self.group_ids.get(key)
            if number is None:
                number = self.group_ids[key] = len(self.group_keys)
                self.group_keys.append(g)
            self.groups.append(number)

    def __getitem__(self, i: int) -> Any:
        if self.packed is None:
            return self.plain[i]
        v = self.packed[i]
        if v != v:
            return None
        return int(v) if self.whole else v

    def number(self, value: Any) -> Any:
        """A value read back from the packed array, as the column's numbers are (whole numbers as int)."""
        return int(value) if self.packed is not None and self.whole and value is not None else value


_NULL = float("nan")
_EXACT = 2**53


@dataclass
class _Stats:
    """Aggregates of one set of non-null values."""

    values: Any  # sorted ascending (an array of doubles for a packed column)
    total: float | None  # correctly rounded sum (numbers only)
    column: _Column
    cumulative: Any = None  # for cumulative_share: the sum of the values >= values[i]

    @property
    def count(self) -> int:
        return len(self.values)

    def at(self, i: int) -> Any:
        return self.column.number(self.values[i])


class Portfolio:
    """The book one run scores: aggregates of every portfolio call, and the referral tree."""

    def __init__(self, program: Program, as_of: date, sha256: str | None = None):
        self.program = program
        self.as_of = as_of
        self.sha256 = sha256  # of the input the portfolio was read from, when it was a file
        # Ids and referrers are kept only for a referral tree (they name contributors and cycles).
        self.tree = program.referred_by is not None
        self.count = 0  # records added
        self.ids = IdIndex()  # record ids by position, and positions by id
        self.refs = IdIndex()  # each record's referrer id (until the tree is built)
        self.has_ref = bytearray()  # 1 where the record names a referrer
        self.parents: array[int] = array("q")  # position of the referrer, -1 when none (or unknown, or rejected)
        self.unknown_referrers = 0
        self.rejected: dict[int, RecordError] = {}  # position -> the error of a record in a referral cycle
        self.columns: dict[str, _Column] = {c.key: _Column() for c in program.portfolio}
        self.stats: dict[str, _Stats] = {}
        self.group_stats: dict[str, dict[Any, _Stats]] = {}
        self.child_start: array[int] = array("q")  # the children of position p: child_list[child_start[p]:child_start[p + 1]]
        self.child_list: array[int] = array("q")
        self.tier_thresholds: dict[int, int] | None = None  # relative tiers: each one's threshold in this run (units)

    # ------------------------------------------------------------ building
    def add(self, record: dict[str, Any], lookup: Callable[[str], Any]) -> None:
        """Add one checked record (``lookup`` reads its fields, params, lets and ``as_of``)."""
        values = []
        for call in self.program.portfolio:  # computed first: an error leaves the portfolio unchanged
            x = _value(call.value, lookup) if call.value is not None else None
            g = _value(call.group, lookup) if call.group is not None else None
            values.append((self.columns[call.key], x, g))
        for column, x, g in values:
            column.append(x, g)
        if self.tree:
            ref = record.get(self.program.referred_by)  # type: ignore[arg-type]
            self.ids.add(record.get(self.program.id_field))
            self.refs.add("" if ref is None else ref)
            self.has_ref.append(ref is not None)
        self.count += 1

    def finish(self) -> Portfolio:
        """Resolve referrers, reject referral cycles, compute the aggregates."""
        count = self.count
        if self.tree:
            self._build_tree()
        members = [i for i in range(count) if i not in self.rejected] if self.rejected else range(count)
        for call in self.program.portfolio:
            column = self.columns[call.key]
            self.stats[call.key] = _stats(column, members, call.func == "cumulative_share")
            if call.group is not None:
                by_group: dict[int, list[int]] = {}
                for i in members:
                    g = column.groups[i]
                    if g >= 0:
                        by_group.setdefault(g, []).append(i)
                self.group_stats[call.key] = {
                    _group_key(column.group_keys[g]): _stats(column, positions, False) for g, positions in by_group.items()
                }
        return self

    def _build_tree(self) -> None:
        count = self.count
        self.ids.freeze()
        self.parents = array("q", [-1]) * count
        for pos in range(count):
            if self.has_ref[pos]:
                self.parents[pos] = self.ids.find(self.refs.id_at(pos))
        self._reject_cycles()
        self.unknown_referrers = sum(
            1 for pos in range(count) if self.has_ref[pos] and pos not in self.rejected and self.parents[pos] == -1
        )
        self.refs = IdIndex()  # not needed any more
        counts = array("q", [0]) * (count + 1)
        for pos, parent in enumerate(self.parents):
            if parent >= 0 and pos not in self.rejected:
                counts[parent + 1] += 1
        for p in range(count):
            counts[p + 1] += counts[p]
        self.child_start = counts
        self.child_list = array("q", [0]) * counts[count]
        filled = array("q", counts[:count])
        for pos, parent in enumerate(self.parents):
            if parent >= 0 and pos not in self.rejected:
                self.child_list[filled[parent]] = pos
                filled[parent] += 1

    def _reject_cycles(self) -> None:
        state = [0] * len(self.parents)  # 0 new, 1 on the current path, 2 done
        for start in range(len(self.parents)):
            path: list[int] = []
            node = start
            while node >= 0 and state[node] == 0:
                state[node] = 1
                path.append(node)
                node = self.parents[node]
            if node >= 0 and state[node] == 1:  # the walk came back to itself: a cycle from `node`
                cycle = path[path.index(node) :]
                self._reject(cycle)
            for p in path:
                state[p] = 2
        for pos, parent in enumerate(self.parents):  # a referrer in a cycle counts as unknown
            if parent in self.rejected and pos not in self.rejected:
                self.parents[pos] = -1

    def _reject(self, cycle: list[int]) -> None:
        from policyscore.policyfile.ids import id_order  # noqa: PLC0415 - the id order is the readers' rule

        first = min(cycle, key=lambda p: id_order(self.ids.id_at(p)))
        ordered = [first]
        node = self.parents[first]
        while node != first:
            ordered.append(node)
            node = self.parents[node]
        text = " -> ".join(str(self.ids.id_at(p)) for p in ordered + [first])
        what = "refers itself" if len(ordered) == 1 else "is in a referral cycle"
        for pos in cycle:
            self.rejected[pos] = RecordError(
                f"the customer {what}: {text}", code=CYCLE_CODE, field=self.program.referred_by, record_id=self.ids.id_at(pos)
            )

    # ------------------------------------------------------------ reading
    @property
    def size(self) -> int:
        """Records in the portfolio (referral cycles excluded)."""
        return self.count - len(self.rejected)

    def row(self, record: dict[str, Any], lookup: Callable[[str], Any]) -> PortfolioRow:
        """Every call's value for ``record``; raises the record's :class:`RecordError` when it is in a referral cycle."""
        found = self.ids.find(record.get(self.program.id_field)) if self.tree else -1
        position = found if found >= 0 else None
        if position is not None and position in self.rejected:
            raise self.rejected[position]
        values = {}
        for call in self.program.portfolio:
            x = _value(call.value, lookup) if call.value is not None else None
            g = _value(call.group, lookup) if call.group is not None else None
            values[call.key] = self._value_of(call, x, g, position)
        return PortfolioRow(values, self, position)

    def _value_of(self, call: PortfolioCall, x: Any, g: Any, position: int | None) -> Any:
        func = call.func
        if func.startswith("referr"):
            return self._referral(call, position)[0]
        if call.group is not None:
            stats = self.group_stats[call.key].get(_group_key(g)) if g is not None else None
            if func == "group_count":
                return 0 if stats is None else stats.count
            if stats is None:
                return None
            if func == "group_percent_rank":
                return _percent_rank(stats, x)
            return _aggregate(func.removeprefix("group_"), stats, call.q)
        stats = self.stats[call.key]
        if func == "share":
            return None if x is None or not stats.total else x / stats.total
        if func == "cumulative_share":
            if x is None or not stats.total:
                return None
            assert stats.cumulative is not None
            return stats.cumulative[bisect_left(stats.values, x)] / stats.total
        if func == "percent_rank":
            return _percent_rank(stats, x)
        if func == "portfolio_count":
            return stats.count
        return _aggregate(func.removeprefix("portfolio_"), stats, call.q)

    def _referral(self, call: PortfolioCall, position: int | None) -> tuple[Any, list[tuple[int, int, Any]]]:
        """(value, contributors as (position, level, contribution)) of a referral function."""
        if call.func == "referral_depth":
            depth = 0
            node = self.parents[position] if position is not None else -1
            while node >= 0:
                depth += 1
                node = self.parents[node]
            return depth, []
        levels = self._descendants(position, call.depth or 1)
        if call.func == "referred_count":
            return len(levels), [(p, k, 1) for p, k in levels]
        decay = 1.0 if call.decay is None else call.decay
        column = self.columns[call.key]
        terms = [(p, k, x * decay ** (k - 1)) for p, k in levels if (x := column[p]) is not None]
        return math.fsum(t for _, _, t in terms), terms

    def _descendants(self, position: int | None, depth: int) -> list[tuple[int, int]]:
        """(position, level) of every customer brought in, down to ``depth`` levels."""
        if position is None:
            return []
        out: list[tuple[int, int]] = []
        level = [position]
        for k in range(1, depth + 1):
            level = [c for p in level for c in self.child_list[self.child_start[p] : self.child_start[p + 1]]]
            if not level:
                break
            out.extend((c, k) for c in level)
        return out

    def details(self, key: str, row: PortfolioRow, record: dict[str, Any]) -> dict[str, Any]:
        """What one call's value for a record was computed over: sizes, group, contributors."""
        call = next(c for c in self.program.portfolio if c.key == key)
        out: dict[str, Any] = {"expression": key, "function": call.func, "value": _plain(row[key]), "portfolio_size": self.size}
        if call.group is not None:
            lookup = record_lookup(self.program, record, self.as_of)
            g = _value(call.group, lookup)
            stats = self.group_stats[key].get(_group_key(g)) if g is not None else None
            out["group"] = {"key": _plain(g), "size": 0 if stats is None else stats.count}
        if call.func in ("referred_count", "referred_sum"):
            _, terms = self._referral(call, row.position)
            ranked = sorted(terms, key=lambda t: (-t[2], id_order(self.ids.id_at(t[0]))))
            out["contributors"] = [
                {"id": self.ids.id_at(p), "level": k, "contribution": contribution} for p, k, contribution in ranked[:SHOWN_CONTRIBUTORS]
            ]
            out["more_contributors"] = max(0, len(ranked) - SHOWN_CONTRIBUTORS)
        return out


def _order(rid: Any) -> Any:
    from policyscore.policyfile.ids import id_order  # noqa: PLC0415

    return id_order(rid)


def build_portfolio(
    program: Program, records: Iterable[Any], as_of: date, *, sha256: str | None = None
) -> tuple[Portfolio, list[tuple[int, RecordError]]]:
    """The first pass: the portfolio of ``records``, and the (index, error) of each record left out of it.

    A record that cannot be checked or whose portfolio arguments cannot be
    computed is left out (the second pass rejects it the same way); each
    record of a referral cycle is left out with a :data:`CYCLE_CODE` error.
    """
    portfolio = Portfolio(program, as_of, sha256)
    left_out: list[tuple[int, RecordError]] = []
    index_of: list[int] = []
    for i, record in enumerate(records):
        try:
            lookup = record_lookup(program, record, as_of)
            portfolio.add(record, lookup)
        except RecordError as err:
            left_out.append((i, err))
            continue
        index_of.append(i)
    portfolio.finish()
    left_out.extend((index_of[pos], err) for pos, err in portfolio.rejected.items())
    left_out.sort(key=lambda pair: pair[0])
    return portfolio, left_out


# ---------------------------------------------------------------- the functions, one definition each


def _value(node: Any, lookup: Callable[[str], Any]) -> Any:
    try:
        value = interpret(node, lookup)
        if value.__class__ is int:
            float(value)  # the book's sums and ranks work in doubles: a whole number beyond them is out of range
        return value
    except ExprRuntimeError as exc:
        raise RecordError(f"a portfolio function's argument cannot be computed: {exc}", code="PS403") from None
    except OverflowError as exc:
        raise RecordError(f"a number in this record is out of range for a portfolio function: {exc}", code="PS403") from None


def _group_key(value: Any) -> Any:
    """Keys match like ``==``: ``1`` and ``1.0`` are one group, ``true`` and ``1`` are not."""
    return (type(value) is bool, value)


def _stats(column: _Column, positions: Any, cumulative: bool) -> _Stats:
    """The aggregates of the non-null values of ``column`` at ``positions``."""
    if column.packed is not None:
        packed = column.packed
        present: Any = array("d", sorted(v for v in (packed[i] for i in positions) if v == v))
        numbers = True
    else:
        present = sorted(v for v in (column.plain[i] for i in positions) if v is not None)
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present)
    total = math.fsum(present) if len(present) and numbers else None
    stats = _Stats(present, total, column)
    if cumulative and numbers:
        # the sum of the values >= present[i], correctly rounded, ties counted together: exact
        # partial sums (Shewchuk's, as math.fsum keeps them) added from the largest value down
        out = array("d", [0.0]) * len(present)
        partials: list[float] = []
        i = len(present)
        while i > 0:
            j = bisect_left(present, present[i - 1])
            for v in present[j:i]:
                _add_exact(partials, float(v))
            s = math.fsum(partials)
            for k in range(j, i):
                out[k] = s
            i = j
        stats.cumulative = out
    return stats


def _add_exact(partials: list[float], x: float) -> None:
    """Add ``x`` to a list of non-overlapping partial sums whose exact total is the running sum."""
    i = 0
    for y in partials:
        if abs(x) < abs(y):
            x, y = y, x
        hi = x + y
        lo = y - (hi - x)
        if lo:
            partials[i] = lo
            i += 1
        x = hi
    partials[i:] = [x]


def _aggregate(name: str, stats: _Stats, q: float | None) -> Any:
    values = stats.values
    n = len(values)
    if name == "count":
        return n
    if not n:
        return None
    if name == "sum":
        return stats.column.number(stats.total) if stats.total is not None and stats.total.is_integer() else stats.total
    if name == "avg":
        assert stats.total is not None
        return stats.total / n
    if name == "min":
        return stats.at(0)
    if name == "max":
        return stats.at(n - 1)
    if name == "median":
        mid = n // 2
        return stats.at(mid) if n % 2 else (values[mid - 1] + values[mid]) / 2
    if name == "quantile":
        assert q is not None
        h = (n - 1) * q
        lo = math.floor(h)
        hi = min(lo + 1, n - 1)
        return values[lo] + (h - lo) * (values[hi] - values[lo])
    raise AssertionError(name)  # pragma: no cover


def _percent_rank(stats: _Stats, x: Any) -> Any:
    if x is None:
        return None
    n = stats.count
    if n <= 1:
        return 0
    return bisect_left(stats.values, x) / (n - 1)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value

