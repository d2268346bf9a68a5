"""``diff --format html``: a policy change's impact as one self-contained page."""

from __future__ import annotations

import difflib
from typing import Any

from policyscore.render.html import charts
from policyscore.render.html.common import count, render_page
from policyscore.review.diff import DiffReport
from policyscore.review.migration import MigrationDetail

__all__ = ["diff_html", "side_by_side"]

#: Unchanged lines shown around each change of the side-by-side text.
CONTEXT = 3


def side_by_side(old: str, new: str, context: int = CONTEXT) -> list[dict[str, Any]]:
    """Rows of a side-by-side comparison of two texts: ``{"kind", "old": (line, text) | None, "new": ...}``.

    ``kind`` is ``same``, ``changed``, ``removed``, ``added`` or ``gap`` (unchanged lines left out).
    """
    a, b = old.splitlines(), new.splitlines()
    rows: list[dict[str, Any]] = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        if rows:
            rows.append({"kind": "gap", "old": None, "new": None})
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [{"kind": "same", "old": (i + 1, a[i]), "new": (j + 1, b[j])} for i, j in zip(range(i1, i2), range(j1, j2))]
                continue
            olds = [(i + 1, a[i]) for i in range(i1, i2)]
            news = [(j + 1, b[j]) for j in range(j1, j2)]
            for k in range(max(len(olds), len(news))):
                o = olds[k] if k < len(olds) else None
                n = news[k] if k < len(news) else None
                rows.append({"kind": "changed" if o and n else ("removed" if o else "added"), "old": o, "new": n})
    return rows


def diff_html(report: DiffReport, detail: MigrationDetail, decimals: int = 2) -> str:
    """The page: policy changes side by side, the migration heat map, both score distributions, who moved and why."""
    matrix_rows = [(r, *(count(report.matrix.get((r, c), 0)) for c in report.columns)) for r in report.rows]
    heatmap = charts.heatmap(
        "migration",
        "Customers by old tier (rows) and new tier (columns); off the diagonal, in bold, those who move",
        report.rows,
        report.columns,
        report.matrix,
        headers=("old \\ new", *report.columns),
        rows=matrix_rows,
    )
    bins = list(zip(detail.before, detail.after))
    distributions = charts.grouped_histogram(
        "distributions",
        "Scores of the eligible customers before and after the change",
        [("before", [(b.start, b.end, b.count) for b in detail.before]), ("after", [(b.start, b.end, b.count) for b in detail.after])],
        headers=("score from", "to (below)", "before", "after"),
        rows=[(f"{x.start:g}", f"{x.end:g}", count(x.count), count(y.count)) for x, y in bins],
    )
    texts = (report.old.text, report.new.text)
    view = {
        "r": report,
        "detail": detail,
        "decimals": decimals,
        "heatmap": heatmap,
        "distributions": distributions,
        "side": side_by_side(*texts) if None not in texts else None,  # type: ignore[arg-type]
    }
    return render_page("diff.html.j2", **view)
