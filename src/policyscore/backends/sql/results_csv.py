"""A line of ``score --format csv`` made in SQL, byte for byte as :func:`policyscore.render.scores.results_csv` makes it.

The DuckDB run writes its rows without bringing them into Python one by one:
each line is built by the query and only the text crosses over.  The rules
are the renderer's: numbers with the policy's decimals (``printf('%.2f')``
and Python's ``format`` both give the correctly rounded digits of the
double), an empty cell for no value, a ``+`` before positive adjustments, the
sum before the clamp when the score was clamped, failed filters joined by
spaces, and Python's ``csv`` quoting (a cell holding a comma, a double quote
or a newline is quoted, its quotes doubled).  It reads the shown table of
:mod:`policyscore.engines`: ``id``, ``score``, ``tier``, ``points_<factor>``,
``adjustment_points`` and ``failed_filters``.  Policies with ``decimals: 0``
or less are drawn by the renderer itself.
"""

from __future__ import annotations

from policyscore.policyfile.program import Program

__all__ = ["csv_line"]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _num(c: str, decimals: int) -> str:
    return f"coalesce(printf('%.{decimals}f', {c}), '')"


def _quoted(c: str) -> str:
    """Python's ``csv`` quoting of the text ``c`` (QUOTE_MINIMAL, ``\\n`` line ends)."""
    return (
        f"CASE WHEN contains({c}, ',') OR contains({c}, '\"') OR contains({c}, chr(10)) "
        f"THEN '\"' || replace({c}, '\"', '\"\"') || '\"' ELSE {c} END"
    )


def csv_line(program: Program, as_of: str, include_ineligible: bool) -> str:
    """The SQL expression of one CSV line (with its ``\\n``) of a shown row."""
    d = program.decimals
    assert d > 0, "decimals of 0 or less are drawn by the renderer"
    cells = [_quoted('"id"'), _num('"score"', d), _quoted("coalesce(\"tier\", '')")]
    points = [_q(f"points_{f.id}") for f in program.factors]
    cells += [_num(p, d) for p in points]
    adj = '"adjustment_points"'
    if program.adjustments:
        cells.append(f"CASE WHEN {adj} > 0 THEN '+' || {_num(adj, d)} ELSE {_num(adj, d)} END")
    if program.score_min is not None or program.score_max is not None:
        scale = program.unit_scale
        raw = " + ".join([*(f"round({p} * {scale})" for p in points), f"round({adj} * {scale})"])
        clamped = f"({raw}) <> round(\"score\" * {scale})"
        cells.append(f"CASE WHEN \"score\" IS NOT NULL AND {clamped} THEN {_num(f'(({raw}) / {scale})', d)} ELSE '' END")
    if include_ineligible:
        cells.append(_quoted("array_to_string(\"failed_filters\", ' ')"))
    cells.append(_quoted(_lit(as_of)))
    return " || ',' || ".join(f"({c})" for c in cells) + " || chr(10)"
