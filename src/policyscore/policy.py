"""A loaded, checked and compiled policy: the object users score records with."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from policyscore.engine.explanation import Result, describe_value, reader_plan
from policyscore.errors import Diagnostic, RecordError
from policyscore.language import nodes as n
from policyscore.language.functions import RuntimeTypeError
from policyscore.language.interpreter import ExprRuntimeError, interpret
from policyscore.language.semantics import guard, to_plain
from policyscore.policyfile.fields import FieldDecl, field_checker
from policyscore.policyfile.yamlsource import SourceIndex

__all__ = ["Policy", "ExprInfo", "FilterInfo", "FactorInfo", "BandInfo", "AdjustmentInfo", "LetInfo", "TierInfo", "as_date"]


@dataclass(frozen=True)
class ExprInfo:
    """One checked expression: text, tree, type and the names it reads."""

    text: str
    node: n.Expr
    type: Any
    reads: tuple[str, ...]
    where: str  # "factor 'size'", "filter 'geo'", ...
    line: int | None
    path: tuple[Any, ...] = ()  # where the expression is in the YAML data, e.g. ("factors", 2, "value")


@dataclass(frozen=True)
class LetInfo:
    name: str
    text: str
    expr: ExprInfo

    @property
    def node(self) -> n.Expr:
        return self.expr.node


@dataclass(frozen=True)
class FilterInfo:
    id: str
    description: str | None
    text: str
    expr: ExprInfo
    path: tuple[Any, ...] = ()


@dataclass(frozen=True)
class BandInfo:
    text: str | None
    expr: ExprInfo | None
    value: float
    label: str | None
    path: tuple[Any, ...] = ()


@dataclass(frozen=True)
class FactorInfo:
    id: str
    description: str | None
    weight: float
    missing: float
    text: str | None
    expr: ExprInfo | None
    bands: tuple[BandInfo, ...] | None
    max_units: int
    missing_units: int
    max_points: float | int = 0  # max_units as a number, set by the loader
    path: tuple[Any, ...] = ()


@dataclass(frozen=True)
class AdjustmentInfo:
    id: str
    description: str | None
    text: str
    expr: ExprInfo
    points: float
    units: int
    path: tuple[Any, ...] = ()


@dataclass(frozen=True)
class TierInfo:
    name: str
    min: float
    units: int
    description: str | None


def as_date(value: Any) -> date:
    """``as_of`` as a date: a ``date`` (a ``datetime`` gives its date) or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise ValueError(f"as_of must be a date in the form YYYY-MM-DD, got {value!r}")
    raise TypeError(f"as_of must be a date or a YYYY-MM-DD string, got {type(value).__name__}")


OnError = Literal["raise", "yield"]


class Policy:
    """A compiled policy.  Build one with :func:`policyscore.load_policy`."""

    def __init__(
        self,
        *,
        name: str,
        version: str | int,
        description: str | None,
        owner: str | None,
        path: str | None,
        sha256: str,
        id_field: str,
        decimals: int,
        score_min: float | None,
        score_max: float | None,
        params: dict[str, Any],
        fields: dict[str, FieldDecl],
        lets: tuple[LetInfo, ...],
        filters: tuple[FilterInfo, ...],
        factors: tuple[FactorInfo, ...],
        adjustments: tuple[AdjustmentInfo, ...],
        tiers: tuple[TierInfo, ...],
        warnings: tuple[Diagnostic, ...],
    ):
        self.name = name
        self.version = version
        self.description = description
        self.owner = owner
        self.path = path
        self.sha256 = sha256
        self.id_field = id_field
        self.decimals = decimals
        self.score_min = score_min
        self.score_max = score_max
        self.params = params
        self.plain_params = {k: to_plain(v) for k, v in params.items()}
        self.fields = fields
        self.lets = lets
        self.let_index = {info.name: i for i, info in enumerate(lets)}
        self.let_sources = {info.name: (info.expr.node, info.text) for info in lets}
        self.filters = filters
        self.factors = factors
        self.factor_ids = tuple(f.id for f in factors)
        self.unit_scale = 10**decimals  # points are kept as whole numbers of 1 / unit_scale
        self.adjustments = adjustments
        self.tiers = tiers
        self.warnings = warnings
        # How explanations read each expression's inputs (a factor with bands reads all its bands').
        self.reader_plans: dict[int, Any] = {}
        for expr in [*(i.expr for i in lets), *(i.expr for i in filters), *(i.expr for i in adjustments)]:
            self.reader_plans[id(expr)] = reader_plan(self, (expr,))
        for fac in factors:
            exprs = (fac.expr,) if fac.expr is not None else tuple(b.expr for b in fac.bands or () if b.expr is not None)
            self.reader_plans[id(fac)] = reader_plan(self, exprs)
            if fac.expr is not None:
                self.reader_plans[id(fac.expr)] = self.reader_plans[id(fac)]
        self._checkers: dict[str, Callable[[Any], Any]] = {k: field_checker(v) for k, v in fields.items()}
        self._evaluate: Callable[[Any, date, bool], Result] = _not_compiled
        self.source = ""
        self.source_index: SourceIndex | None = None  # positions in the policy file, for tools that report lines

    def __repr__(self) -> str:
        return f"Policy(name={self.name!r}, version={self.version!r}, factors={len(self.factors)})"


    @property
    def tier_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tiers)

    def field_value(self, record: dict[str, Any], name: str) -> Any:
        """A top-level field of ``record`` as the policy sees it (checked and converted)."""
        value = record.get(name)
        check = self._checkers.get(name)
        return value if check is None else check(value)

    # ------------------------------------------------------------ scoring
    def score(self, record: dict[str, Any], as_of: date | str, *, explain: bool = True) -> Result:
        """Score one record.  Raises :class:`RecordError` for a record that cannot be scored."""
        day = as_date(as_of)
        try:
            return self._evaluate(record, day, explain)
        except Exception as exc:  # noqa: BLE001 - turned into a RecordError naming the record
            raise self._record_error(record, day, exc) from None

    def score_many(
        self, records: Iterable[dict[str, Any]], as_of: date | str, *, explain: bool = True, on_error: OnError = "raise"
    ) -> Iterator[Result | RecordError]:
        """Score records lazily, one at a time (constant memory).

        With ``on_error="yield"`` a record that cannot be scored yields its
        :class:`RecordError` in place of a result, so the caller decides; with
        ``"raise"`` (the default) the error is raised.
        """
        day = as_date(as_of)
        fn = self._evaluate
        for record in records:
            try:
                yield fn(record, day, explain)
            except Exception as exc:  # noqa: BLE001
                error = self._record_error(record, day, exc)
                if on_error == "raise":
                    raise error from None
                yield error

    # ------------------------------------------------------------ errors
    def _record_error(self, record: Any, day: date, exc: Exception) -> RecordError:
        if not isinstance(record, dict):
            return RecordError(
                f"a record must be an object, got {describe_value(record) if not isinstance(record, (list, dict)) else 'a list'}",
                code="PS403",
            )
        rid = record.get(self.id_field)
        rid = rid if isinstance(rid, (str, int, float)) and not isinstance(rid, bool) else None
        if isinstance(exc, RecordError):
            return exc.located(record_id=rid)
        try:  # the generated checks take shortcuts; the full check names the field
            for name in self.fields:
                self.field_value(record, name)
        except RecordError as err:
            return err.located(record_id=rid)
        try:
            found = self._locate_runtime_error(record, day)
        except (ArithmeticError, ValueError) as err:  # e.g. an integer too large for a float
            found = RecordError(f"a number in this record is out of range: {err}", code="PS403")
        if found is not None:
            return found.located(record_id=rid)
        if isinstance(exc, (ArithmeticError, ValueError)):
            return RecordError(f"a number in this record is out of range: {exc}", code="PS403", record_id=rid)
        raise exc  # a bug, not a user mistake: let it surface

    def _locate_runtime_error(self, record: dict[str, Any], day: date) -> RecordError | None:
        lets: dict[str, Any] = {}

        def lookup(name: str) -> Any:
            if name == "as_of":
                return day
            if name in lets:
                return lets[name]
            if name in self.params:
                return self.params[name]
            return self.field_value(record, name)

        def run(info: ExprInfo, kind: str | None = None) -> Any:
            try:
                value = interpret(info.node, lookup)
                if kind is not None and info.type.kind == "any":
                    guard(frozenset({kind}))(value)  # a `when` must give a boolean, a `value` a number
                return value
            except ExprRuntimeError as err:
                raise self._expr_error(info, err, record) from None
            except RuntimeTypeError as err:
                raise self._expr_error(info, ExprRuntimeError(info.node, err), record) from None

        try:
            for let in self.lets:
                lets[let.name] = run(let.expr)
            for flt in self.filters:
                run(flt.expr, "boolean")
            for fac in self.factors:
                if fac.expr is not None:
                    run(fac.expr, "number")
                for band in fac.bands or ():
                    if band.expr is not None and run(band.expr, "boolean") is not False:
                        break
            for adj in self.adjustments:
                run(adj.expr, "boolean")
        except RecordError as err:
            return err
        return None

    def _expr_error(self, info: ExprInfo, err: ExprRuntimeError, record: dict[str, Any]) -> RecordError:
        node = err.node
        sub = info.text[node.span[0] : node.span[1]]
        fields = _fields_in(node, record)
        culprit = next((name for name, value in fields if value == err.error.value and value is not None), None)
        if culprit is None and fields:
            culprit = fields[0][0]
        where = f"{info.where}" + (f" (line {info.line})" if info.line else "")
        problem = err.error.problem or f"needs {err.error.expected}, got {describe_value(err.error.value)}"
        shown = ", ".join(f"{name} = {describe_value(value)}" for name, value in fields)
        message = f"{where}: '{sub}' {problem}" + (f" ({shown})" if shown else "")
        return RecordError(message, code="PS403", field=culprit, value=record.get(culprit) if culprit else err.error.value)


def _fields_in(node: n.Expr, record: dict[str, Any]) -> list[tuple[str, Any]]:
    """The record fields read under ``node`` with their values, left to right."""
    out: list[tuple[str, Any]] = []
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, n.Name) and cur.name in record and all(cur.name != k for k, _ in out):
            out.append((cur.name, record.get(cur.name)))
        stack.extend(reversed(n.children(cur)))
    return out


def _not_compiled(record: Any, as_of: date, explain: bool) -> Result:  # pragma: no cover
    raise RuntimeError("policy is not compiled")
