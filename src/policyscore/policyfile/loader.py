"""Load a policy file: YAML -> schema check -> model -> parse, check and fold every expression -> :class:`Program`.

Each stage reports every problem it finds as a :class:`Diagnostic` with a
position in the YAML file; later stages run on whatever earlier stages could
build, so one run shows all the mistakes of a file.
"""

from __future__ import annotations

import difflib
import hashlib
from decimal import ROUND_CEILING, Decimal
from pathlib import Path as FsPath
from typing import Any

from policyscore.errors import Diagnostic, PolicyError, Span
from policyscore.language import nodes as n
from policyscore.language.checker import Checked, Scope, Symbol, check_expr, enum_of, type_of_value
from policyscore.language.fold import fold
from policyscore.language.parser import ExprSyntaxError, parse
from policyscore.language.portfolio import PORTFOLIO, call_key, is_portfolio_call
from policyscore.language.rounding import from_units, to_units
from policyscore.language.types import ANY, DATE
from policyscore.policyfile.fields import FieldDecl, RecordTypeError, fields_from_json_schema, fields_from_mapping
from policyscore.policyfile.model import ExprText, PolicyModel, build_model
from policyscore.policyfile.program import (
    Adjustment,
    Band,
    Expression,
    Factor,
    Filter,
    Input,
    InputKind,
    Let,
    PortfolioCall,
    Program,
    ReportOptions,
    Tier,
    WeightChoice,
)
from policyscore.policyfile.schema import check_policy_data
from policyscore.policyfile.yamlsource import SourceIndex, decode_source, load_yaml, read_source

__all__ = ["load_program", "load_program_text", "check", "check_text"]


class _Problems:
    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(self, code: str, message: str, span: Span | None, hint: str | None = None, severity: str = "error") -> None:
        self.items.append(Diagnostic(code, message, span, hint, severity))

    @property
    def errors(self) -> bool:
        return any(d.is_error for d in self.items)


def _read(path: str | FsPath) -> tuple[str, bytes | None, list[Diagnostic]]:
    p = FsPath(path)
    name = str(path)
    try:
        data = read_source(p)
    except FileNotFoundError:
        return name, None, [Diagnostic("PS001", f"policy file not found: {name}", None, file=name)]
    except IsADirectoryError:
        return name, None, [Diagnostic("PS001", f"{name} is a directory, not a policy file", None, file=name)]
    except OSError as exc:
        return name, None, [Diagnostic("PS001", f"cannot read {name}: {exc.strerror or exc}", None, file=name)]
    return name, data, []


def check(path: str | FsPath) -> list[Diagnostic]:
    """Every problem (errors and warnings) of a policy file, sorted by position; never raises for policy faults."""
    name, data, diags = _read(path)
    if data is None:
        return diags
    return _compile(name, data, FsPath(path).parent)[1]


def check_text(text: str, name: str = "<policy>", base_dir: str | FsPath = ".") -> list[Diagnostic]:
    """Like :func:`check` for policy text held in memory."""
    return _compile(name, text.encode("utf-8", "surrogatepass"), FsPath(base_dir))[1]


def load_program(path: str | FsPath) -> Program:
    """Load and check a policy file; raise :class:`PolicyError` listing every problem."""
    name, data, diags = _read(path)
    if data is None:
        raise PolicyError(diags)
    program, diags, text = _compile(name, data, FsPath(path).parent)
    if program is None:
        raise PolicyError(diags, {name: text} if text is not None else {})
    return program


def load_program_text(text: str, name: str = "<policy>", base_dir: str | FsPath = ".") -> Program:
    """Load a policy from text (``name`` is used in messages, ``base_dir`` for a record schema path)."""
    program, diags, _ = _compile(name, text.encode("utf-8", "surrogatepass"), FsPath(base_dir))
    if program is None:
        raise PolicyError(diags, {name: text})
    return program


def _compile(name: str, data: bytes, base_dir: FsPath) -> tuple[Program | None, list[Diagnostic], str | None]:
    text, diags = decode_source(name, data)
    if text is None:
        return None, diags, None
    raw, index, ydiags = load_yaml(text, name)
    out = _Problems()
    out.items.extend(ydiags)
    if raw is None:
        if not ydiags:
            out.add("PS103", "the policy file is empty", Span(name, 1, 1, 1, 2))
        return None, _sorted(out.items), text
    if not isinstance(raw, dict):
        out.add("PS103", "a policy must be a YAML mapping (key: value lines)", index.value_span(()))
        return None, _sorted(out.items), text
    out.items.extend(check_policy_data(raw, index))
    model, mdiags = build_model(raw, index)
    out.items.extend(mdiags)
    program = _Build(model, index, base_dir, out, hashlib.sha256(data), name).run()
    # a value YAML could not build (PS101) is left as its text: what later checks say of that text is not news
    unbuilt = {d.span for d in ydiags if d.code == "PS101"}
    items = _sorted([d for d in out.items if d.span not in unbuilt or d.code == "PS101"])
    if out.errors:
        return None, items, text
    return program, items, text


def _sorted(items: list[Diagnostic]) -> list[Diagnostic]:
    unique: dict[tuple[Any, ...], Diagnostic] = {}
    for d in items:
        unique.setdefault((d.code, d.message, d.span), d)
    return sorted(unique.values(), key=Diagnostic.sort_key)


class _Build:
    """Parse, check and compile the expressions of a model."""

    def __init__(self, model: PolicyModel, index: SourceIndex, base_dir: FsPath, out: _Problems, digest: Any, name: str):
        self.model = model
        self.index = index
        self.base_dir = base_dir
        self.out = out
        self.digest = digest  # sha256 of the policy file, to which the files it reads are added
        self.name = name
        self.scope = Scope(open_fields=model.record is None)
        self.params: dict[str, Any] = {}
        self.portfolio: dict[str, PortfolioCall] = {}
        self.used: set[str] = set()
        self.field_paths: list[str] = []

    # ------------------------------------------------------------ helpers
    def span(self, expr: ExprText, start: int, end: int) -> Span | None:
        return self.index.expr_span(expr.path, start, end)

    def expression(self, expr: ExprText, expect: str | None, where: str) -> tuple[Expression | None, Checked | None]:
        try:
            node = parse(expr.text)
        except ExprSyntaxError as exc:
            self.out.add("PS202", f"syntax error in {where}: {exc.message}", self.span(expr, exc.start, exc.end), exc.hint)
            return None, None
        checked = check_expr(node, self.scope, expect, where)
        for p in checked.problems:
            self.out.add(p.code, p.message, self.span(expr, p.start, p.end), p.hint, p.severity)
        self.used |= checked.names | checked.early
        for path in checked.paths:
            if path not in self.field_paths:
                self.field_paths.append(path)
        inputs = [_input(path, InputKind.FIELD) for path in checked.paths]
        inputs += [_input(nm, _KINDS[self.scope[nm].kind]) for nm in sorted(checked.names) if self.scope[nm].kind != "field"]
        typed = checked.node if checked.node is not None else node
        folded = typed
        if checked.ok:
            folded, problems = fold(typed, self.params)
            for fp in problems:
                self.out.add("PS209", fp.message, self.span(expr, fp.start, fp.end))
            if checked.portfolio:
                self._portfolio_calls(typed)
        span = self.index.value_span(expr.path)
        info = Expression(expr.text, typed, folded, checked.type, tuple(inputs), where, span.line if span else None, expr.path)
        return info, checked

    def _portfolio_calls(self, typed: n.Expr) -> None:
        """Remember every portfolio function call of an expression, each key once, with its constants."""
        stack = [typed]
        while stack:
            node = stack.pop()
            stack.extend(n.children(node))
            if not is_portfolio_call(node):
                continue
            assert isinstance(node, n.Call)
            key = call_key(node)
            if key in self.portfolio:
                continue
            fn = PORTFOLIO[node.func]
            consts = {c[0]: c[1] for c in fn.constants}
            values = [a for i, a in enumerate(node.args) if i not in consts]
            constant = {consts[i]: self._constant(a) for i, a in enumerate(node.args) if i in consts}
            self.portfolio[key] = PortfolioCall(
                key,
                node.func,
                values[0] if values else None,
                values[1] if fn.grouped and len(values) > 1 else None,
                q=constant.get("q"),
                depth=int(constant["depth"]) if "depth" in constant else None,
                decay=constant.get("decay"),
            )

    def _segments(self, fac: Any, bands: list[Band] | None, d: int) -> tuple[Expression | None, tuple[WeightChoice, ...]]:
        """A factor's weights by segment: the segment expression (a string) and each weight with its units."""
        if fac.by is None:
            return None, ()
        by, checked = self.expression(fac.by, None, f"the segment of factor '{fac.id}'")
        if by is None or checked is None:
            return None, ()
        if by.type.kind not in ("string", "any", "null"):
            where = self.span(fac.by, 0, len(fac.by.text))
            self.out.add("PS203", f"the segment of factor '{fac.id}' must be a string, got {by.type}", where)
        enum = enum_of(by.node, self.scope)
        for segment, _ in fac.segments:
            if enum is not None and segment not in enum[1]:
                close = difflib.get_close_matches(segment, [str(v) for v in enum[1]], n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"'{enum[0]}' is one of {', '.join(repr(v) for v in enum[1])}"
                where = self.index.key_span(fac.path + ("weight", segment))
                self.out.add("PS208", f"{segment!r} is not a value of '{enum[0]}'", where, hint)
        choices = []
        for segment, weight in [*fac.segments, (None, fac.else_weight)]:
            units = tuple(to_units(weight * b.value, d) for b in bands or ())
            choices.append(WeightChoice(segment, weight, to_units(weight, d), to_units(weight * fac.missing, d), units))
        return by, tuple(choices)

    def _constant(self, node: n.Expr) -> Any:
        folded, _ = fold(node, self.params)
        return folded.value if isinstance(folded, n.Literal) else None

    def _referrals(self, decls: list[FieldDecl]) -> bool:
        """Whether the policy declares its referral tree (and the field it names can hold an id)."""
        field = self.model.referred_by
        if field is None:
            return False
        declared = {d.name: d for d in decls}
        where = self.index.value_span(("referrals", "referred_by"))
        if self.model.record is not None and declared and field not in declared:
            self.out.add("PS201", f"referrals.referred_by names '{field}', which the record does not declare", where)
        elif field in declared and declared[field].type.kind not in ("string", "number", "any"):
            self.out.add("PS203", f"referrals.referred_by must be a field holding an id, '{field}' is {declared[field].type}", where)
        return True

    def _report_amount(self, decls: list[FieldDecl], lets: list[tuple[str, Expression]]) -> str | None:
        """The amount of ``report: {amount: NAME}``: a declared number field or a number let (any name when no field is declared)."""
        name = self.model.report_amount
        if name is None:
            return None
        where = self.index.value_span(("report", "amount"))
        kinds = {d.name: d.type for d in decls} | {lname: info.type for lname, info in lets}
        found = kinds.get(name)
        if found is None and decls:
            close = difflib.get_close_matches(name, list(kinds), n=1)
            hint = f"did you mean '{close[0]}'?" if close else None
            self.out.add("PS201", f"report.amount names '{name}', which is neither a field nor a let of the policy", where, hint)
        elif found is not None and found.kind not in ("number", "any"):
            self.out.add("PS203", f"report.amount must be a number field or let, '{name}' is {found}", where)
        return name

    # ------------------------------------------------------------ stages
    def fields(self) -> list[FieldDecl]:
        rec = self.model.record
        if rec is None:
            return []
        try:
            if rec.schema is not None:
                schema_path = self.base_dir / rec.schema
                decls = fields_from_json_schema(schema_path)
                # The schema defines the policy as much as its own text does: it is part of the hash.
                data = schema_path.read_bytes()
                self.digest.update(b"\0record-schema\0%d\0" % len(data) + data)
                return decls
            if rec.fields is not None:
                problems: list[RecordTypeError] = []
                decls = fields_from_mapping(rec.fields, problems)
                for problem in problems:
                    path = ("record", "fields", problem.field)
                    span = self.index.value_span(path if path in self.index else ("record", "fields"))
                    if not any(d.span == span for d in self.out.items):  # the policy schema said it already
                        self.out.add("PS113", str(problem), span)
                if problems:
                    self.scope.open_fields = True
                return decls
        except RecordTypeError as exc:
            key = ("record", "schema") if rec.schema is not None else ("record", "fields")
            self.out.add("PS113", str(exc), self.index.value_span(key))
            self.scope.open_fields = True  # check the rest without cascading "unknown name" errors
        return []

    def run(self) -> Program | None:
        m = self.model
        decls = self.fields()
        for decl in decls:
            self.scope[decl.name] = Symbol(decl.name, "field", decl.type, enum=decl.enum)
        params = self.params
        for pname, value in m.params:
            t = type_of_value(value)
            if t is None or t.kind == "null":
                self.out.add(
                    "PS110",
                    f"param '{pname}' must be a number, string, boolean, date or a list of them (all of one type)",
                    self.index.value_span(("params", pname)),
                    self.index.boolean_hint(("params", pname)),
                )
                continue
            if pname in self.scope:
                self.out.add("PS110", f"param '{pname}' has the name of a record field", self.index.key_span(("params", pname)))
                continue
            params[pname] = value
            self.scope[pname] = Symbol(pname, "param", t, value)
        if "as_of" in self.scope:  # a declared field would be silently replaced by the evaluation date
            key = ("record", "schema") if self.model.record and self.model.record.schema is not None else ("record", "fields", "as_of")
            self.out.add("PS110", "a record field may not be named 'as_of': the name is the evaluation date", self.index.value_span(key))
        self.scope["as_of"] = Symbol("as_of", "as_of", DATE)
        lets: list[tuple[str, Expression]] = []
        self.scope.referrals = self._referrals(decls)
        self.scope.later = {name for name, _ in m.lets}
        for lname, expr in m.lets:
            self.scope.later.discard(lname)
            if lname in self.scope:
                self.out.add("PS110", f"let '{lname}' has the name of a {self.scope[lname].kind}", self.index.key_span(("let", lname)))
                continue
            info, checked = self.expression(expr, None, f"let '{lname}'")
            if info is None or checked is None:
                self.scope[lname] = Symbol(lname, "let", ANY)
                continue
            lets.append((lname, info))
            self.scope[lname] = Symbol(lname, "let", checked.type, portfolio=checked.portfolio)
        filters = []
        for f in m.filters:
            info, _ = self.expression(f.when, "boolean", f"filter '{f.id}'")
            if info is not None:
                filters.append(Filter(f.id, f.description, f.when.text, info, f.path))
        d = m.score.decimals
        factors = []
        for fac in m.factors:
            where = f"factor '{fac.id}'"
            info = None
            bands = None
            if fac.value is not None:
                info, _ = self.expression(fac.value, "number", where)
                if info is None:
                    continue
            else:
                bands = []
                for j, band in enumerate(fac.bands or ()):
                    if band.when is None:
                        bands.append(Band(None, None, band.value, band.label, to_units(fac.weight * band.value, d), band.path))
                        continue
                    binfo, _ = self.expression(band.when, "boolean", f"{where} band {j + 1}")
                    if binfo is None:
                        break
                    bands.append(Band(band.when.text, binfo, band.value, band.label, to_units(fac.weight * band.value, d), band.path))
                if len(bands) != len(fac.bands or ()):
                    continue
            parts = (info,) if info is not None else tuple(b.expr for b in bands or () if b.expr is not None)
            by, choices = self._segments(fac, bands, d)
            if fac.by is not None and by is None:
                continue
            max_units = to_units(fac.weight, d)
            factors.append(
                Factor(
                    fac.id,
                    fac.description,
                    fac.weight,
                    fac.missing,
                    fac.value.text if fac.value is not None else None,
                    info,
                    tuple(bands) if bands is not None else None,
                    max_units,
                    to_units(fac.weight * fac.missing, d),
                    from_units(max_units, d),
                    _merged_inputs(parts + ((by,) if by is not None else ())),
                    fac.path,
                    by,
                    choices,
                )
            )
        adjustments = []
        for adj in m.adjustments:
            info, _ = self.expression(adj.when, "boolean", f"adjustment '{adj.id}'")
            if info is not None:
                adjustments.append(Adjustment(adj.id, adj.description, adj.when.text, info, adj.points, to_units(adj.points, d), adj.path))
        tiers = tuple(
            Tier(t.name, t.min, None if t.min is None else _threshold_units(t.min, d), t.description, t.top_percent) for t in m.tiers
        )
        self._warnings(params, lets, tiers)
        amount = self._report_amount(decls, lets)
        if self.out.errors:
            return None
        early = _lets_for(lets, [f.expr.node for f in filters])
        return Program(
            name=m.name,
            version=m.version,
            description=m.description,
            owner=m.owner,
            path=self.name,
            sha256=self.digest.hexdigest(),
            id_field=m.id_field,
            decimals=d,
            score_min=m.score.min,
            score_max=m.score.max,
            min_units=None if m.score.min is None else to_units(m.score.min, d),
            max_units=None if m.score.max is None else to_units(m.score.max, d),
            params=params,
            fields={dcl.name: dcl for dcl in decls},
            read_fields=tuple(sorted({p.split(".", 1)[0] for p in self.field_paths} | ({m.referred_by} if m.referred_by else set()))),
            lets=tuple(Let(name, info.text, info, name in early) for name, info in lets),
            filters=tuple(filters),
            factors=tuple(factors),
            adjustments=tuple(adjustments),
            tiers=tiers,
            warnings=tuple(dg for dg in _sorted(self.out.items) if not dg.is_error),
            source_index=self.index,
            portfolio=tuple(self.portfolio.values()),
            referred_by=m.referred_by,
            report=ReportOptions(amount=amount),
        )

    def _warnings(self, params: dict[str, Any], lets: list[tuple[str, Expression]], tiers: tuple[Tier, ...]) -> None:
        m = self.model
        for pname in params:
            if pname not in self.used:
                self.out.add("PS301", f"param '{pname}' is never used", self.index.key_span(("params", pname)), severity="warning")
        for lname, _ in lets:
            if lname not in self.used:
                self.out.add("PS302", f"let '{lname}' is never used", self.index.key_span(("let", lname)), severity="warning")
        d = m.score.decimals
        best = sum(max(0, to_units(f.weight, d)) for f in m.factors) + sum(max(0, to_units(a.points, d)) for a in m.adjustments)
        if m.score.max is not None:
            best = min(best, to_units(m.score.max, d))
        for t, tier in zip(m.tiers, tiers):
            if tier.units is not None and tier.units > best:
                self.out.add(
                    "PS303",
                    f"tier '{tier.name}' (min {tier.min}) cannot be reached: the best possible score is {best / 10**d:g}",
                    self.index.value_span(t.path + ("min",)),
                    severity="warning",
                )
        if m.score.weights_total is not None:
            total = sum(to_units(f.weight, 6) for f in m.factors)
            if total != to_units(m.score.weights_total, 6):
                self.out.add(
                    "PS304",
                    f"the factors' weights add up to {total / 10**6:g}, not {m.score.weights_total:g} (score.weights_total)",
                    self.index.value_span(("score", "weights_total")),
                    severity="warning",
                )


_KINDS = {"field": InputKind.FIELD, "param": InputKind.PARAM, "let": InputKind.LET, "as_of": InputKind.AS_OF}


def _input(name: str, kind: InputKind) -> Input:
    root, _, rest = name.partition(".")
    return Input(name, kind, root, tuple(rest.split(".")) if rest else ())


def _merged_inputs(exprs: tuple[Expression, ...]) -> tuple[Input, ...]:
    """The inputs of several expressions, each name once, in first-read order."""
    seen: dict[str, Input] = {}
    for expr in exprs:
        for item in expr.inputs:
            seen.setdefault(item.name, item)
    return tuple(seen.values())


def _threshold_units(minimum: float, decimals: int) -> int:
    """The smallest whole number of units whose score is >= ``minimum``."""
    return int((Decimal(repr(minimum)).scaleb(decimals)).to_integral_value(rounding=ROUND_CEILING))


def _names_in(node: n.Expr) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, n.Name):
            found.add(cur.name)
        stack.extend(n.children(cur))
    return found


def _lets_for(lets: list[tuple[str, Expression]], roots: list[n.Expr]) -> set[str]:
    """The lets that ``roots`` read, directly or through other lets."""
    by_name = dict(lets)
    needed: set[str] = set()
    todo = [name for root in roots for name in _names_in(root) if name in by_name]
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo.extend(x for x in _names_in(by_name[name].node) if x in by_name)
    return needed
