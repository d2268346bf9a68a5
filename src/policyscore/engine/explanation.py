"""Score results and their explanations, as data.

A :class:`Result` is what evaluating one record produced: the values of the
lets, each filter's outcome, each factor's raw value, matched band and points,
each adjustment's outcome, the total and the tier.  It is built while the
record is evaluated; :meth:`Result.to_dict` turns it into the stable JSON
explanation (sorted keys, points exact to the policy's decimals), which every
renderer (text, table, markdown, JSON) presents.
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING, Any

from policyscore._version import __version__
from policyscore.backends.python.generate import NOT_COMPUTED
from policyscore.language import nodes as n
from policyscore.language.interpreter import ExprRuntimeError, Trace, interpret
from policyscore.language.rounding import from_units
from policyscore.language.semantics import to_plain

if TYPE_CHECKING:  # pragma: no cover
    from policyscore.policy import ExprInfo, Policy

__all__ = ["Result", "why_null", "trace_tree", "describe_value"]


def describe_value(value: Any) -> str:
    """A value as an auditor reads it: ``'US'``, ``12.5``, ``null``, ``2026-01-31``."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else "0"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(describe_value(v) for v in value) + "]"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


_PLAIN = frozenset({str, int, float, bool})
_FIELD, _PARAM, _OTHER = 0, 1, 2


def _plain(value: Any) -> Any:
    """``value`` as JSON shows it, without a call for the common scalar cases."""
    return value if value is None or value.__class__ in _PLAIN else to_plain(value)


def reader_plan(policy: Policy, infos: tuple[Any, ...]) -> tuple[tuple[str, int, str, tuple[str, ...]], ...]:
    """How to read the inputs of some expressions: (name, kind, root, nested parts) per name read."""
    rows: dict[str, tuple[str, int, str, tuple[str, ...]]] = {}
    for info in infos:
        for name in info.reads:
            root, _, rest = name.partition(".")
            if root in policy.plain_params:
                kind = _PARAM
            elif root in policy.let_index or root == "as_of":
                kind = _OTHER
            else:
                kind = _FIELD
            rows.setdefault(name, (name, kind, root, tuple(rest.split(".")) if rest else ()))
    return tuple(rows.values())


def _num(units: int | None, decimals: int) -> float | int | None:
    return None if units is None else from_units(units, decimals)


class Result(tuple):  # type: ignore[type-arg]
    """The outcome of scoring one record (a light tuple, built by the compiled policy)."""

    __slots__ = ()

    policy: Policy = property(itemgetter(0))  # type: ignore[assignment]
    record: dict[str, Any] = property(itemgetter(1))  # type: ignore[assignment]
    as_of: Any = property(itemgetter(2))
    _lets = property(itemgetter(3))
    _filters = property(itemgetter(4))
    _values = property(itemgetter(5))
    _bands = property(itemgetter(6))
    _points = property(itemgetter(7))
    _adjustments = property(itemgetter(8))
    _raw_total = property(itemgetter(9))
    _total = property(itemgetter(10))
    _tier = property(itemgetter(11))

    # ------------------------------------------------------------ the headline
    @property
    def id(self) -> Any:
        return self[1].get(self[0].id_field)

    @property
    def eligible(self) -> bool:
        return self[7] is not None

    @property
    def score(self) -> float | int | None:
        return _num(self[10], self[0].decimals)

    @property
    def tier(self) -> str | None:
        t = self[11]
        return None if t is None else self[0].tiers[t].name

    @property
    def explained(self) -> bool:
        return self[3] is not None

    @property
    def points(self) -> dict[str, float | int] | None:
        """Each factor's points, by factor id (None when not eligible)."""
        pts = self[7]
        if pts is None:
            return None
        policy = self[0]
        if policy.decimals <= 0:
            return {f.id: from_units(u, policy.decimals) for f, u in zip(policy.factors, pts)}
        scale = policy.unit_scale
        return dict(zip(policy.factor_ids, [u / scale for u in pts]))

    @property
    def failed_filters(self) -> list[str]:
        return [f.id for f, v in zip(self[0].filters, self[4]) if v is not True]

    def __repr__(self) -> str:
        return f"Result(id={self.id!r}, eligible={self.eligible}, score={self.score!r}, tier={self.tier!r})"

    # ------------------------------------------------------------ lookups for explanations
    def lookup(self, name: str) -> Any:
        """The value of a field, let, param or ``as_of`` as the policy saw it."""
        policy = self[0]
        if name == "as_of":
            return self[2]
        if name in policy.let_index:
            lets = self[3]
            if lets is not None:
                value = lets[policy.let_index[name]]
                if value is not NOT_COMPUTED:
                    return value
            return self._recompute_let(name)
        if name in policy.params:
            return policy.params[name]
        return policy.field_value(self[1], name)

    def _recompute_let(self, name: str) -> Any:
        info = self[0].lets[self[0].let_index[name]]
        return interpret(info.node, self.lookup)

    def input_values(self, info: ExprInfo) -> dict[str, Any]:
        """The values an expression read, by name (dotted for nested fields), as JSON shows them."""
        plan = self[0].reader_plans.get(id(info))
        return self._inputs(plan if plan is not None else reader_plan(self[0], (info,)))

    def _inputs(self, plan: tuple[tuple[str, int, str, tuple[str, ...]], ...]) -> dict[str, Any]:
        record = self[1]
        params = self[0].plain_params
        out: dict[str, Any] = {}
        for name, kind, root, parts in plan:
            if kind == _PARAM:
                out[name] = params[root]
                continue
            # Record values are shown as the record holds them (they were checked when scored).
            value = record.get(root) if kind == _FIELD else self.lookup(root)
            for part in parts:
                value = value.get(part) if isinstance(value, dict) else None
            out[name] = _plain(value)
        return out

    # ------------------------------------------------------------ the explanation
    def to_dict(self) -> dict[str, Any]:
        """The full explanation as JSON-ready data (see ``schemas/explanation.schema.json``)."""
        policy = self[0]
        d = policy.decimals
        eligible = self.eligible
        out: dict[str, Any] = {
            "id": to_plain(self.id),
            "eligible": eligible,
            "score": self.score,
            "tier": self.tier,
            "as_of": self[2].isoformat(),
            "policy": {"name": policy.name, "version": policy.version, "sha256": policy.sha256},  # a fresh dict each time
            "engine": {"name": "policyscore", "version": __version__},
        }
        out["lets"] = [{"name": info.name, "expression": info.text, "value": _plain(self.lookup(info.name))} for info in policy.lets]
        filters = []
        for info, result in zip(policy.filters, self[4]):
            entry: dict[str, Any] = {
                "id": info.id,
                "description": info.description,
                "expression": info.text,
                "passed": result is True,
                "result": result,
                "inputs": self.input_values(info.expr),
                "null_reason": why_null(info.expr.node, info.text, self.lookup, self[0].let_sources) if result is None else None,
            }
            filters.append(entry)
        out["filters"] = filters
        factors: list[dict[str, Any]] = []
        adjustments: list[dict[str, Any]] = []
        if eligible:
            values = self[5] if self[5] is not None else self._recompute_values()
            bands = self[6] if self[6] is not None else self._recompute_bands()
            for i, info in enumerate(policy.factors):
                factors.append(self._factor_entry(i, info, values[i], bands[i]))
            for k, info in enumerate(policy.adjustments):
                applied = self[8][k]
                adjustments.append(
                    {
                        "id": info.id,
                        "description": info.description,
                        "expression": info.text,
                        "condition": applied,
                        "applied": applied is True,
                        "points": from_units(info.units, d) if applied is True else _zero(d),
                        "defined_points": from_units(info.units, d),
                        "inputs": self.input_values(info.expr),
                        "null_reason": why_null(info.expr.node, info.text, self.lookup, self[0].let_sources) if applied is None else None,
                    }
                )
        out["factors"] = factors
        out["adjustments"] = adjustments
        if eligible:
            factor_units = sum(self[7])
            adj_units = self[9] - factor_units
            out["total"] = {
                "factor_points": from_units(factor_units, d),
                "adjustment_points": from_units(adj_units, d),
                "unclamped": from_units(self[9], d),
                "clamped": self[9] != self[10],
                "min": policy.score_min,
                "max": policy.score_max,
                "score": self.score,
            }
        else:
            out["total"] = None
        out["next_tier"] = self._next_tier() if eligible else None
        out["reasons"] = self._reasons(factors) if eligible else self._filter_reasons(filters)
        return out

    def _recompute_values(self) -> tuple[Any, ...]:
        values = []
        for info in self[0].factors:
            if info.expr is not None:
                values.append(interpret(info.expr.node, self.lookup))
            else:
                values.append(self._band_value(info)[1])
        return tuple(values)

    def _recompute_bands(self) -> tuple[Any, ...]:
        return tuple(self._band_value(info)[0] if info.bands else None for info in self[0].factors)

    def _band_value(self, info: Any) -> tuple[int | None, Any]:
        for j, band in enumerate(info.bands):
            if band.expr is None:
                return j, band.value
            c = interpret(band.expr.node, self.lookup)
            if c is True:
                return j, band.value
            if c is None:
                return None, None
        return None, None  # pragma: no cover - bands always end with else

    def _factor_entry(self, i: int, info: Any, raw: Any, band: int | None) -> dict[str, Any]:
        policy = self[0]
        d = policy.decimals
        units = self[7][i]
        finite = raw is None or raw - raw == 0
        missing = raw is None or not finite
        reason = None if finite else f"'{info.text}' gave {raw!r}, not a finite number"
        inputs: dict[str, Any] = {}
        band_entry = None
        if info.bands is not None:
            inputs = self._inputs(policy.reader_plans[id(info)])
            if band is None:
                # Missing: the bands before the first null condition were false; that one says why.
                for b in info.bands:
                    if b.expr is None:
                        break
                    reason = why_null(b.expr.node, b.text, self.lookup, self[0].let_sources)
                    if reason is not None:
                        break
            else:
                chosen = info.bands[band]
                band_entry = {"index": band, "label": chosen.label, "when": chosen.text, "value": chosen.value}
        else:
            inputs = self.input_values(info.expr)
            if raw is None:
                reason = why_null(info.expr.node, info.text, self.lookup, self[0].let_sources)
        value = info.missing if missing else (0 if raw < 0 else 1 if raw > 1 else raw)
        return {
            "id": info.id,
            "description": info.description,
            "expression": info.text,
            "weight": info.weight,
            "raw_value": raw if finite else None,  # a number or null
            "value": value,
            "clamped": (not missing) and (raw < 0 or raw > 1),
            "missing": missing,
            "missing_reason": reason,
            "band": band_entry,
            "points": from_units(units, d),
            "max_points": info.max_points,
            "inputs": inputs,
        }

    def _next_tier(self) -> dict[str, Any] | None:
        policy = self[0]
        current = self[11]
        upper = (current if current is not None else len(policy.tiers)) - 1
        if upper < 0 or not policy.tiers:
            return None
        tier = policy.tiers[upper]
        short = tier.units - self[10]
        return {"name": tier.name, "min": tier.min, "points_short": from_units(short, policy.decimals)}

    def _reasons(self, factors: list[dict[str, Any]]) -> list[dict[str, Any]]:
        policy = self[0]
        d = policy.decimals
        ranked = []
        for i, (info, units) in enumerate(zip(policy.factors, self[7])):
            lost = info.max_units - units
            if lost > 0:
                ranked.append((-lost, -info.weight, i))
        ranked.sort()
        out = []
        for neg_lost, _, i in ranked[:4]:
            entry = factors[i]
            lost_num = from_units(-neg_lost, d)
            out.append(
                {
                    "kind": "factor",
                    "id": entry["id"],
                    "factor": entry["id"],
                    "lost_points": lost_num,
                    "text": _factor_sentence(entry, lost_num),
                }
            )
        return out

    def _filter_reasons(self, filters: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for entry in filters:
            if entry["passed"]:
                continue
            shown = ", ".join(f"{k} = {describe_value(v)}" for k, v in entry["inputs"].items())
            if entry["result"] is None:
                text = f"{entry['id']} could not be checked: {entry['null_reason']}"
            else:
                text = f"{entry['id']} failed: {entry['expression']}" + (f" (with {shown})" if shown else "")
            out.append({"kind": "filter", "id": entry["id"], "filter": entry["id"], "lost_points": None, "text": text})
        return out


def _zero(decimals: int) -> float | int:
    return from_units(0, decimals)


def _factor_sentence(entry: dict[str, Any], lost: float | int) -> str:
    got = f"{describe_value(entry['points'])} of {describe_value(entry['max_points'])} points"
    if entry["missing"]:
        why = entry["missing_reason"] or "no data"
        return f"{entry['id']}: {got}; no value ({why}), counted as {describe_value(entry['value'])}"
    if entry["band"] is not None:
        band = entry["band"]
        label = band["label"] or ("otherwise" if band["when"] is None else band["when"])
        return f"{entry['id']}: {got}; matched band '{label}' worth {describe_value(band['value'])}"
    text = f"{entry['id']}: {got}; value {describe_value(entry['value'])} of 1"
    if entry["clamped"]:
        text += f" (clamped from {describe_value(entry['raw_value'])})"
    return text


# ---------------------------------------------------------------- why a value is null


def why_null(node: n.Expr, text: str, lookup: Any, lets: dict[str, tuple[n.Expr, str]] | None = None) -> str | None:
    """Say where a null came from: missing fields, divisions by zero, functions that gave null.

    ``lets`` maps let names to (tree, text): a null let is followed into its
    own expression, so the reason names the field or division at the source.
    """
    trace: Trace = []
    try:
        value = interpret(node, lookup, trace)
    except ExprRuntimeError:
        return None
    if value is not None:
        return None
    values = {id(nd): v for nd, v in trace}
    origins: list[str] = []
    _find_origins(node, values, text, origins, lookup, lets or {})
    seen: list[str] = []
    for o in origins:
        if o not in seen:
            seen.append(o)
    return "; ".join(seen) if seen else None


def _find_origins(
    node: n.Expr, values: dict[int, Any], text: str, out: list[str], lookup: Any, lets: dict[str, tuple[n.Expr, str]]
) -> None:
    if id(node) not in values or values[id(node)] is not None:
        return
    null_kids = [c for c in n.children(node) if id(c) in values and values[id(c)] is None]
    if null_kids:
        for c in null_kids:
            _find_origins(c, values, text, out, lookup, lets)
        return
    src = text[node.span[0] : node.span[1]]
    match node:
        case n.Name(name=name) if name in lets:
            let_node, let_text = lets[name]
            inner = {k: v for k, v in lets.items() if k != name}
            reason = why_null(let_node, let_text, lookup, inner)
            out.append(f"{reason} (in let '{name}')" if reason else f"'{name}' is null")
        case n.Name(name=name):
            out.append(f"'{name}' is null")
        case n.Attr():
            out.append(f"'{src}' is null")
        case n.Binary(op="/" | "%"):
            out.append(f"division by zero in '{src}'")
        case n.Call():
            out.append(f"'{src}' gave null")
        case n.Literal():
            out.append("the expression uses null")
        case _:
            out.append(f"'{src}' is null")


def trace_tree(node: n.Expr, text: str, lookup: Any) -> dict[str, Any]:
    """Every sub-expression with its value, as a nested tree (for ``explain --trace``)."""
    trace: Trace = []
    try:
        interpret(node, lookup, trace)
    except ExprRuntimeError:
        pass
    values = {id(nd): v for nd, v in trace}

    def build(nd: n.Expr) -> dict[str, Any]:
        return {
            "expression": text[nd.span[0] : nd.span[1]],
            "evaluated": id(nd) in values,
            "value": to_plain(values.get(id(nd))),
            "children": [build(c) for c in n.children(nd)],
        }

    return build(node)
