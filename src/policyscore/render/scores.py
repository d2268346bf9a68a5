"""Score results as tables: plain text, Markdown and CSV, whose columns add up to the score.

A :class:`Row` is what these outputs keep of one result (many are kept for
sorting, so it is small): the id, the fields asked for with ``--columns``,
the score and tier, each factor's points, the adjustments' points and, for a
score kept within ``score.min``/``score.max``, the sum it was clamped from.
The factor columns plus the adjustments column give the score, or the clamp
note says why not.  Text from the data (ids, carried fields) goes through
:func:`printable` in tables, so a newline cannot add a row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policyscore.batch import rank_key
from policyscore.errors import printable
from policyscore.language.rounding import from_units

if TYPE_CHECKING:  # pragma: no cover
    from policyscore.engine.result import Result
    from policyscore.policy import Policy

__all__ = [
    "Row",
    "row_of",
    "field_value",
    "sort_key",
    "printable",
    "md_text",
    "md_code",
    "xml_text",
    "num",
    "run_header",
    "results_table",
    "results_markdown",
    "results_csv",
]


@dataclass(frozen=True, slots=True)
class Row:
    """What the table, Markdown and CSV outputs need of one result."""

    id: Any
    score: float | int | None
    tier: str | None
    points: tuple[float | int, ...] | None
    failed_filters: tuple[str, ...]
    adjustments: float | int | None = None  # the applied adjustments' points (None when ineligible)
    unclamped: float | int | None = None  # the sum before score.min/max, when the score was clamped
    extra: tuple[Any, ...] = ()  # the record fields asked for with --columns, in order


def field_value(record: dict[str, Any], name: str) -> Any:
    """A record field by name; a dotted name (``billing.country``) reads inside objects, or the key as written."""
    if name in record:
        return record[name]
    value: Any = record
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def row_of(result: Result, columns: Sequence[str] = ()) -> Row:
    points = result.points
    adjustments = unclamped = None
    if points is not None:
        decimals = result.program.decimals
        raw, total = result.raw_units, result.total_units
        assert raw is not None and total is not None and result.factor_units is not None
        adjustments = from_units(raw - sum(result.factor_units), decimals)
        unclamped = from_units(raw, decimals) if raw != total else None
    return Row(
        result.id,
        result.score,
        result.tier,
        tuple(points.values()) if points is not None else None,
        tuple(result.failed_filters),
        adjustments,
        unclamped,
        tuple(field_value(result.record, c) for c in columns),
    )


def sort_key(row: Row) -> tuple[Any, ...]:
    """Score descending (ineligible last), ties by id (whole numbers before text): :func:`policyscore.batch.rank_key`."""
    return rank_key(row.score, row.id)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold at all (control characters, lone surrogates) written as ``\\x01``."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def md_text(value: Any) -> str:
    """``value`` as Markdown that shows it as written, on one line: :func:`printable`, then ``&``, ``<`` and ``>`` as
    HTML entities (a renderer would otherwise take ``<b>`` as markup) and ``|`` escaped (it would end a table cell)."""
    text = printable(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def md_code(text: str, *, cell: bool = True) -> str:
    """``text`` as a Markdown code span that shows it as written: fenced with more backticks than it holds in a row; in a
    table ``cell``, ``|`` escaped (GitHub ends a table cell there even inside a code span)."""
    runs = re.findall("`+", text)
    fence = "`" * (max(map(len, runs)) + 1 if runs else 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace('|', chr(92) + '|') if cell else text}{pad}{fence}"


def num(value: float | int | None, decimals: int) -> str:
    """A score or points with the policy's decimals; empty for None."""
    if value is None:
        return ""
    if decimals <= 0:
        return str(int(round(value)))
    return f"{value:.{decimals}f}"


def _signed(value: float | int | None, decimals: int) -> str:
    text = num(value, decimals)
    return text if not value or text.startswith("-") else f"+{text}"


def run_header(policy: Policy, as_of: str) -> str:
    """One line naming what was scored, so a run can be replayed: policy, version, hash and as-of date."""
    return f"policy {printable(policy.name)} version {printable(policy.version)} (sha256 {policy.sha256[:12]}), as of {as_of}"


def _extra_text(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(_extra_text(v) for v in value)
    return value if isinstance(value, str) else str(value)


class _Layout:
    """Which columns a table shows, their headers, alignment and cells."""

    def __init__(self, policy: Policy, columns: Sequence[str], include_ineligible: bool, clamp: bool, csv_file: bool = False):
        self.policy = policy
        self.columns = tuple(columns)
        self.include_ineligible = include_ineligible
        self.adjustments = bool(policy.adjustments)
        self.clamp = clamp
        self.csv = csv_file

    def names(self) -> list[str]:
        cols = ["id", *self.columns, "score", "tier", *self.policy.factor_ids]
        cols += ["adjustments"] if self.adjustments else []
        cols += ["clamped_from" if self.csv else "clamped from"] if self.clamp else []
        cols += ["failed_filters"] if self.include_ineligible else []
        return cols

    def align(self) -> list[str]:
        out = ["left", *(["left"] * len(self.columns)), "right", "left", *(["right"] * len(self.policy.factors))]
        out += ["right"] if self.adjustments else []
        out += ["right"] if self.clamp else []
        return out + (["left"] if self.include_ineligible else [])

    def cells(self, row: Row, escape: bool = True) -> list[str]:
        d = self.policy.decimals
        show = printable if escape else str
        points = row.points if row.points is not None else (None,) * len(self.policy.factors)
        extra = [show(_extra_text(v)) for v in (row.extra or (None,) * len(self.columns))]
        cells = [show(row.id), *extra, num(row.score, d), show(row.tier or ""), *(num(p, d) for p in points)]
        cells += [_signed(row.adjustments, d)] if self.adjustments else []
        cells += [num(row.unclamped, d)] if self.clamp else []
        return cells + ([" ".join(row.failed_filters)] if self.include_ineligible else [])

    def note(self, rows: Sequence[Row]) -> str:
        """Why some scores are not the sum of their columns, when any was clamped."""
        if not self.clamp:
            return ""
        low, high = self.policy.score_min, self.policy.score_max
        bounds = " and ".join(
            x for x in (f"at least {low:g}" if low is not None else "", f"at most {high:g}" if high is not None else "") if x
        )
        n = sum(1 for r in rows if r.unclamped is not None)
        return f"{n} score{'s' if n != 1 else ''} clamped: 'clamped from' is the sum of the columns, the score is kept {bounds}\n"


def _wrap_header(name: str) -> str:
    """A long factor id split onto two lines at its middle underscore, so it does not widen the table."""
    if len(name) <= 8 or "_" not in name:
        return name
    cuts = [i for i, ch in enumerate(name) if ch == "_"]
    cut = min(cuts, key=lambda i: max(i, len(name) - i - 1))
    return f"{name[:cut]}\n{name[cut + 1 :]}"


def _clamped(rows: Sequence[Row]) -> bool:
    return any(r.unclamped is not None for r in rows)


def results_table(policy: Policy, rows: Sequence[Row], as_of: str, *, include_ineligible: bool = False, columns: Sequence[str] = ()) -> str:
    """A plain-text table: id, the fields asked for, score, tier, one column of points per factor, the adjustments."""
    layout = _Layout(policy, columns, include_ineligible, _clamped(rows))
    if not rows:
        return f"{run_header(policy, as_of)}\n\n(no customers to show)\n"
    headers = [h if h in ("id", "score", "tier") else _wrap_header(h.replace(" ", "_")) for h in layout.names()]
    body = [layout.cells(r) for r in rows]
    from tabulate import tabulate  # imported when a table is drawn: `validate` never draws one

    table = tabulate(body, headers=headers, tablefmt="simple", colalign=layout.align(), disable_numparse=True)
    note = layout.note(rows)
    return f"{run_header(policy, as_of)}\n\n{table}\n" + (f"\n{note}" if note else "")


def results_markdown(
    policy: Policy, rows: Sequence[Row], as_of: str, *, include_ineligible: bool = False, columns: Sequence[str] = ()
) -> str:
    """A Markdown (pipe) table under a line naming the policy and the as-of date."""
    layout = _Layout(policy, columns, include_ineligible, _clamped(rows))
    name, version = md_text(policy.name), md_text(policy.version)
    head = f"Policy **{name}** version {version} (sha256 `{policy.sha256[:12]}`), as of **{as_of}**"
    if not rows:
        return f"{head}\n\n_No customers to show._\n"
    body = [[md_text(c) for c in layout.cells(r)] for r in rows]
    from tabulate import tabulate

    table = tabulate(body, headers=[md_text(c) for c in layout.names()], tablefmt="pipe", colalign=layout.align(), disable_numparse=True)
    note = layout.note(rows)
    return f"{head}\n\n{table}\n" + (f"\n_{note.rstrip()}_\n" if note else "")


def results_csv(
    policy: Policy,
    rows: Iterable[Row],
    as_of: str,
    *,
    include_ineligible: bool = False,
    columns: Sequence[str] = (),
    header: bool = True,
) -> str:
    """CSV with a header row (unless ``header`` is false, for the rows of a long output written in parts):
    id, the fields asked for, score, tier, each factor's points, adjustments, clamped_from (when the policy
    clamps its score), (failed_filters,) as_of."""
    clamps = policy.score_min is not None or policy.score_max is not None
    layout = _Layout(policy, columns, include_ineligible, clamps, csv_file=True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow([*layout.names(), "as_of"])
    for r in rows:
        writer.writerow([*layout.cells(r, escape=False), as_of])  # CSV quotes what it must
    return out.getvalue()
