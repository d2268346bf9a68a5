"""The policy as frozen dataclasses, built from schema-checked YAML data.

Building the model adds the checks a JSON Schema cannot express well
(duplicate ids, a factor with both or neither of ``value`` and ``bands``,
bands without a final ``else``, tiers not in descending order, numbers that
are not finite or beyond :data:`MAX_NUMBER`, more items than
:data:`MAX_ITEMS` allows, a dotted ``id``) and reports them with positions.
It never stops at the first problem, and what it refuses does not reach the
later stages.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from policyscore.errors import Diagnostic
from policyscore.policyfile.schema import path_text
from policyscore.policyfile.yamlsource import Path, SourceIndex

#: The largest magnitude of a weight, `missing`, band value, points, score bound or tier minimum.
MAX_NUMBER = 1e12
#: The most entries a policy may have in each list or mapping (bands: per factor).
MAX_ITEMS = {"params": 10_000, "let": 10_000, "filters": 10_000, "factors": 10_000, "adjustments": 10_000, "tiers": 1_000, "bands": 1_000}

__all__ = [
    "ExprText",
    "Filter",
    "Band",
    "Factor",
    "Adjustment",
    "Tier",
    "ScoreSpec",
    "RecordSpec",
    "PolicyModel",
    "build_model",
    "MAX_NUMBER",
    "MAX_ITEMS",
]


@dataclass(frozen=True, slots=True)
class ExprText:
    """An expression as written, with the YAML path that locates it."""

    text: str
    path: Path


@dataclass(frozen=True, slots=True)
class Filter:
    id: str
    when: ExprText
    description: str | None
    path: Path


@dataclass(frozen=True, slots=True)
class Band:
    when: ExprText | None  # None for the final ``else``
    value: float
    label: str | None
    path: Path


@dataclass(frozen=True, slots=True)
class Factor:
    id: str
    weight: float  # the largest weight, for a factor weighted by segment
    description: str | None
    missing: float
    value: ExprText | None
    bands: tuple[Band, ...] | None
    path: Path
    by: ExprText | None = None  # weights by segment: the expression giving the segment
    segments: tuple[tuple[str, float], ...] = ()  # (segment, weight), in the order written
    else_weight: float | None = None  # the weight of a segment that is null or not listed


@dataclass(frozen=True, slots=True)
class Adjustment:
    id: str
    when: ExprText
    points: float
    description: str | None
    path: Path


@dataclass(frozen=True, slots=True)
class Tier:
    name: str
    min: float | None  # None for a relative tier
    description: str | None
    path: Path
    top_percent: float | None = None  # a relative tier: the best P percent of the eligible customers


@dataclass(frozen=True, slots=True)
class ScoreSpec:
    min: float | None = None
    max: float | None = None
    decimals: int = 2
    weights_total: float | None = None


@dataclass(frozen=True, slots=True)
class RecordSpec:
    schema: str | None
    fields: tuple[tuple[str, str], ...] | None
    path: Path


@dataclass(frozen=True, slots=True)
class PolicyModel:
    name: str
    version: str | int
    description: str | None
    owner: str | None
    record: RecordSpec | None
    id_field: str
    params: tuple[tuple[str, Any], ...]
    lets: tuple[tuple[str, ExprText], ...]
    filters: tuple[Filter, ...]
    factors: tuple[Factor, ...]
    adjustments: tuple[Adjustment, ...]
    score: ScoreSpec
    tiers: tuple[Tier, ...]
    referred_by: str | None = None  # `referrals: {referred_by: FIELD}`
    report_amount: str | None = None  # `report: {amount: FIELD}`


def _expr(value: Any, path: Path) -> ExprText:
    if isinstance(value, bool):
        return ExprText("true" if value else "false", path)
    return ExprText(str(value), path)


def _is_num(v: Any) -> bool:
    """A number the policy may use: finite and at most :data:`MAX_NUMBER` in magnitude."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    return abs(v) <= MAX_NUMBER  # an int of any size compares exactly (math.isfinite overflows past 1e308); inf and NaN fail


def _number_paths(data: dict[str, Any]) -> Iterator[tuple[Path, Any]]:
    """Every number of the policy that :data:`MAX_NUMBER` bounds, with its path."""
    for key in ("factors", "adjustments", "tiers"):
        seq = data.get(key)
        for i, item in enumerate(seq if isinstance(seq, list) else ()):
            if not isinstance(item, dict):
                continue
            for name in ("weight", "missing", "points", "min"):
                if name in item and isinstance(item[name], dict):  # weights by segment
                    yield from (((key, i, name, seg), w) for seg, w in item[name].items() if seg != "by")
                elif name in item:
                    yield (key, i, name), item[name]
            bands = item.get("bands") if key == "factors" else None
            for j, band in enumerate(bands if isinstance(bands, list) else ()):
                if isinstance(band, dict):
                    yield from (((key, i, "bands", j, name), band[name]) for name in ("value", "else") if name in band)
    score = data.get("score")
    for name in ("min", "max", "weights_total"):
        if isinstance(score, dict) and name in score:
            yield ("score", name), score[name]


def _check_numbers(data: dict[str, Any], err: Any) -> None:
    for path, value in _number_paths(data):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not _is_num(value):
            got = value if isinstance(value, int) or math.isfinite(value) else str(value)
            err("PS110", f"{path_text(path)} must be a finite number of magnitude at most {MAX_NUMBER:.0e}, got {got}", path)
    params = data.get("params")
    for name, value in params.items() if isinstance(params, dict) else ():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, float) and not math.isfinite(item):
                err("PS110", f"param '{name}' must hold finite numbers, got {item}", ("params", name))
                break


def _check_sizes(data: dict[str, Any], err: Any) -> dict[str, Any]:
    """``data`` with every list or mapping cut to its limit (each cut is an error)."""
    out = dict(data)
    for key, limit in MAX_ITEMS.items():
        value = data.get(key)
        if key != "bands" and isinstance(value, (list, dict)) and len(value) > limit:
            err("PS114", f"the policy has {len(value):,} {key}; the limit is {limit:,}", (key,), None, True)
            out[key] = value[:limit] if isinstance(value, list) else dict(list(value.items())[:limit])
    factors = out.get("factors")
    for i, item in enumerate(factors if isinstance(factors, list) else ()):
        bands = item.get("bands") if isinstance(item, dict) else None
        limit = MAX_ITEMS["bands"]
        if isinstance(bands, list) and len(bands) > limit:
            err("PS114", f"factor {i + 1} has {len(bands):,} bands; the limit is {limit:,}", ("factors", i, "bands"), None, True)
    return out


def build_model(data: dict[str, Any], index: SourceIndex) -> tuple[PolicyModel, list[Diagnostic]]:
    """Build the model from data that passed the JSON Schema (broken parts are skipped)."""
    diags: list[Diagnostic] = []

    def err(code: str, message: str, path: Path, hint: str | None = None, key: bool = False) -> None:
        span = index.key_span(path) if key else index.value_span(path)
        diags.append(Diagnostic(code, message, span, hint))

    def items(key: str) -> Iterator[tuple[int, dict[str, Any]]]:
        seq = data.get(key)
        if isinstance(seq, list):
            for i, item in enumerate(seq):
                if isinstance(item, dict):
                    yield i, item

    def check_ids(kind: str, key: str) -> None:
        seen: dict[str, int] = {}
        for i, item in items(key):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                err("PS111", f"duplicate {kind} id '{ident}' (first used in {key}[{seen[ident]}])", (key, i, "id"))
            else:
                seen[ident] = i

    data = _check_sizes(data, err)
    _check_numbers(data, err)
    ident = data.get("id")
    if isinstance(ident, str) and "." in ident:
        err(
            "PS110",
            f"id '{ident}' names a nested field; the id must be a top-level field of the record",
            ("id",),
            "copy the id to a top-level field of each record",
        )
    for kind, key in (("filter", "filters"), ("factor", "factors"), ("adjustment", "adjustments")):
        check_ids(kind, key)

    filters = tuple(
        Filter(item["id"], _expr(item["when"], ("filters", i, "when")), item.get("description"), ("filters", i))
        for i, item in items("filters")
        if isinstance(item.get("id"), str) and "when" in item
    )

    factors: list[Factor] = []
    for i, item in items("factors"):
        path = ("factors", i)
        has_value, has_bands = "value" in item, "bands" in item
        if has_value == has_bands:
            msg = "a factor needs exactly one of 'value' or 'bands'"
            msg += ", not both" if has_value else ""
            err("PS120", msg, path + (("value",) if has_value else ("id",)), None, key=True)
            continue
        bands: tuple[Band, ...] | None = None
        if has_bands:
            bands = _bands(item.get("bands"), path + ("bands",), err)
            if bands is None:
                continue
        ident, weight = item.get("id"), item.get("weight")
        by: ExprText | None = None
        segments: tuple[tuple[str, Any], ...] = ()
        else_weight = None
        if isinstance(weight, dict):  # weights by segment
            pairs = [(str(k), v) for k, v in weight.items() if k not in ("by", "else")]
            else_weight = weight.get("else")
            if "by" not in weight or not _is_num(else_weight) or not all(_is_num(v) for _, v in pairs):
                continue
            by, segments = _expr(weight["by"], path + ("weight", "by")), tuple(pairs)
            weight = max([else_weight, *(v for _, v in pairs)])
        if not isinstance(ident, str) or not isinstance(weight, (int, float)) or not _is_num(weight):
            continue
        missing = item.get("missing", 0)
        factors.append(
            Factor(
                ident,
                weight,
                item.get("description"),
                missing if _is_num(missing) else 0,
                _expr(item["value"], path + ("value",)) if has_value else None,
                bands,
                path,
                by,
                segments,
                else_weight,
            )
        )

    adjustments = tuple(
        Adjustment(
            item["id"],
            _expr(item["when"], ("adjustments", i, "when")),
            item["points"],
            item.get("description"),
            ("adjustments", i),
        )
        for i, item in items("adjustments")
        if isinstance(item.get("id"), str) and "when" in item and _is_num(item.get("points"))
    )

    tiers: list[Tier] = []
    for i, item in items("tiers"):
        if not isinstance(item.get("name"), str):
            continue
        if _is_num(item.get("min")) and "top_percent" not in item:
            tiers.append(Tier(item["name"], item["min"], item.get("description"), ("tiers", i)))
        elif _is_num(item.get("top_percent")) and "min" not in item:
            tiers.append(Tier(item["name"], None, item.get("description"), ("tiers", i), item["top_percent"]))
    names: dict[str, int] = {}
    previous: Tier | None = None  # the `min` tiers go from high to low among themselves
    for j, tier in enumerate(tiers):
        if tier.name in names:
            err("PS111", f"duplicate tier name '{tier.name}'", tier.path + ("name",))
        names.setdefault(tier.name, j)
        if tier.min is None:
            continue
        if previous is not None and previous.min is not None and tier.min >= previous.min:
            err(
                "PS112",
                f"tiers must be listed highest first: '{tier.name}' (min {tier.min}) comes after "
                f"'{previous.name}' (min {previous.min})",
                tier.path + ("min",),
                "order tiers by descending 'min'",
            )
        previous = tier

    raw_score = data.get("score")
    score_data: dict[str, Any] = raw_score if isinstance(raw_score, dict) else {}
    score = ScoreSpec(
        score_data.get("min") if _is_num(score_data.get("min")) else None,
        score_data.get("max") if _is_num(score_data.get("max")) else None,
        score_data["decimals"] if isinstance(score_data.get("decimals"), int) and not isinstance(score_data.get("decimals"), bool) else 2,
        score_data.get("weights_total") if _is_num(score_data.get("weights_total")) else None,
    )
    if score.min is not None and score.max is not None and score.min > score.max:
        err("PS112", f"score min ({score.min}) is greater than max ({score.max})", ("score", "min"))

    record = None
    rec = data.get("record")
    if isinstance(rec, dict):
        fields = rec.get("fields")
        record = RecordSpec(
            rec.get("schema") if isinstance(rec.get("schema"), str) else None,
            tuple((str(k), str(v)) for k, v in fields.items()) if isinstance(fields, dict) else None,
            ("record",),
        )

    raw_params, raw_lets = data.get("params"), data.get("let")
    params: dict[Any, Any] = raw_params if isinstance(raw_params, dict) else {}
    lets: dict[Any, Any] = raw_lets if isinstance(raw_lets, dict) else {}
    version = data.get("version")
    model = PolicyModel(
        name=str(data.get("policy", "")),
        version=version if isinstance(version, (str, int)) and not isinstance(version, bool) else str(version),
        description=data.get("description"),
        owner=data.get("owner"),
        record=record,
        id_field=str(data["id"]) if isinstance(data.get("id"), str) else "id",
        params=tuple((str(k), v) for k, v in params.items()),
        lets=tuple((str(k), _expr(v, ("let", k))) for k, v in lets.items() if isinstance(v, (str, int, float, bool))),
        filters=filters,
        factors=tuple(factors),
        adjustments=adjustments,
        score=score,
        tiers=tuple(tiers),
        referred_by=_referred_by(data.get("referrals")),
        report_amount=_report_amount(data.get("report")),
    )
    return model, diags


def _referred_by(value: Any) -> str | None:
    field = value.get("referred_by") if isinstance(value, dict) else None
    return field if isinstance(field, str) else None


def _report_amount(value: Any) -> str | None:
    amount = value.get("amount") if isinstance(value, dict) else None
    return amount if isinstance(amount, str) else None


def _bands(raw: Any, path: Path, err: Any) -> tuple[Band, ...] | None:
    if not isinstance(raw, list) or not raw:
        return None
    bands: list[Band] = []
    ok = True
    last = len(raw) - 1
    for j, band in enumerate(raw):
        bpath = path + (j,)
        if not isinstance(band, dict):
            ok = False
            continue
        if "else" in band:
            if "when" in band or "value" in band:
                err("PS120", "an 'else' band takes no 'when' or 'value'", bpath + ("else",), None, True)
                ok = False
            elif j != last:
                err("PS120", "the 'else' band must be the last band", bpath + ("else",), None, True)
                ok = False
            elif not _is_num(band["else"]):
                ok = False
            else:
                bands.append(Band(None, band["else"], band.get("label"), bpath))
            continue
        if "when" not in band or "value" not in band:
            missing = "when" if "when" not in band else "value"
            err("PS120", f"a band needs 'when' and 'value' (missing '{missing}')", bpath, None)
            ok = False
            continue
        if not _is_num(band["value"]):
            ok = False
            continue
        bands.append(Band(_expr(band["when"], bpath + ("when",)), band["value"], band.get("label"), bpath))
    if ok and (not bands or bands[-1].when is not None):
        err("PS120", "bands must end with an 'else' band", path + (last,), "add '- else: 0' as the last band", True)
        ok = False
    return tuple(bands) if ok else None
