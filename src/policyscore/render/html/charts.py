"""Charts of the HTML reports: Vega-Lite specifications rendered offline to inline SVG.

Each function here builds a declarative Vega-Lite specification from numbers
already computed (a report, a diff, an explanation) and returns a
:class:`Chart`: the SVG text together with the same numbers as a table, so a
reader can copy them and a screen reader can read them.  ``vl-convert``
renders the specifications with its own bundled JavaScript engine: no
browser, no network.  Nothing here computes a score or reads a file.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import vl_convert

from policyscore.render.scores import printable, xml_text

__all__ = ["Chart", "render_svg", "bars", "histogram", "heatmap", "pareto", "waterfall", "grouped_histogram"]

#: Colours that read in print and for the common forms of colour blindness (Okabe-Ito).
BLUE, ORANGE, GREEN, RED, GREY, PURPLE = "#0072B2", "#E69F00", "#009E73", "#D55E00", "#9a9a9a", "#CC79A7"
_FONT = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
_CONFIG = {
    "font": _FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 11, "titleFontSize": 11, "gridColor": "#e6e6e6"},
    "legend": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 200},
    "title": {"fontSize": 13, "anchor": "start"},
    "background": "white",
}
_ID = re.compile(r'\bid="([^"]+)"')
_counter = itertools.count(1)


@dataclass(frozen=True)
class Chart:
    """One chart: its name (``data-chart`` in the page), a caption, the SVG, and its numbers as a table."""

    name: str
    caption: str
    svg: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def render_svg(spec: dict[str, Any]) -> str:
    """The SVG of a Vega-Lite specification, with element ids made unique in the page."""
    full = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "config": _CONFIG, **_drawable(spec)}
    svg = vl_convert.vegalite_to_svg(full)
    ids = _ID.findall(svg)
    if ids:  # several SVGs share one page: their clip paths and gradients must not collide
        prefix = f"c{next(_counter)}-"
        for name in sorted(set(ids), key=len, reverse=True):
            svg = svg.replace(f'id="{name}"', f'id="{prefix}{name}"').replace(f"#{name})", f"#{prefix}{name})")
            svg = svg.replace(f'href="#{name}"', f'href="#{prefix}{name}"')
    return svg


def _drawable(value: Any) -> Any:
    """``value`` with every text on one line and holding only characters SVG (XML) can carry.

    Labels come from the data and the policy (ids, tier names); a control
    character or a lone surrogate in one made the renderer abort the process.
    """
    if isinstance(value, str):
        return xml_text(printable(value))
    if isinstance(value, dict):
        return {key: _drawable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_drawable(item) for item in value]
    return value


def _chart(name: str, caption: str, spec: dict[str, Any], headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> Chart:
    return Chart(name, caption, render_svg(spec), tuple(headers), tuple(tuple(r) for r in rows))


def bars(
    name: str,
    caption: str,
    items: Sequence[tuple[str, float | int]],
    *,
    axis: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    color: str = BLUE,
    maxima: Sequence[float | int] | None = None,
) -> Chart:
    """Horizontal bars in the given order; with ``maxima``, each bar is drawn over a light bar of its maximum."""
    values = [{"label": label, "value": value, "order": i, "max": maxima[i] if maxima else None} for i, (label, value) in enumerate(items)]
    y = {"field": "label", "type": "nominal", "sort": {"field": "order"}, "title": None, "axis": {"labelLimit": 240}}
    layers: list[dict[str, Any]] = []
    if maxima:
        layers.append({"mark": {"type": "bar", "color": "#dde6ee"}, "encoding": {"y": y, "x": {"field": "max", "type": "quantitative"}}})
    layers.append(
        {
            "mark": {"type": "bar", "color": color},
            "encoding": {"y": y, "x": {"field": "value", "type": "quantitative", "title": axis}},
        }
    )
    layers.append(
        {
            "mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10},
            "encoding": {"y": y, "x": {"field": "value", "type": "quantitative"}, "text": {"field": "value", "type": "quantitative"}},
        }
    )
    spec = {"data": {"values": values}, "width": 360, "height": {"step": 22}, "layer": layers}
    return _chart(name, caption, spec, headers, rows)


def histogram(
    name: str,
    caption: str,
    bins: Sequence[tuple[float, float, int]],
    thresholds: Sequence[tuple[str, float]],
    *,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> Chart:
    """Bars of counts over score ranges, with a rule and a label at each tier threshold."""
    values = [{"start": s, "end": e, "count": c} for s, e, c in bins]
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": values},
            "mark": {"type": "bar", "color": BLUE, "stroke": "white", "strokeWidth": 0.5},
            "encoding": {
                "x": {"field": "start", "type": "quantitative", "title": "score", "bin": {"binned": True}},
                "x2": {"field": "end"},
                "y": {"field": "count", "type": "quantitative", "title": "customers"},
            },
        }
    ]
    if thresholds:
        marks = [{"tier": label, "min": value} for label, value in thresholds]
        layers.append(
            {
                "data": {"values": marks},
                "mark": {"type": "rule", "color": RED, "strokeDash": [4, 3]},
                "encoding": {"x": {"field": "min", "type": "quantitative"}},
            }
        )
        layers.append(
            {
                "data": {"values": marks},
                "mark": {"type": "text", "color": RED, "align": "left", "dx": 3, "y": 6, "fontSize": 10},
                "encoding": {"x": {"field": "min", "type": "quantitative"}, "text": {"field": "tier"}},
            }
        )
    spec = {"width": 480, "height": 220, "layer": layers}
    return _chart(name, caption, spec, headers, rows)


def grouped_histogram(
    name: str,
    caption: str,
    series: Sequence[tuple[str, Sequence[tuple[float, float, int]]]],
    *,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> Chart:
    """Several histograms over the same score ranges, drawn as step lines one over the other."""
    values = []
    for label, bins in series:
        for start, _end, c in bins:
            values.append({"series": label, "start": start, "count": c})
        if bins:
            values.append({"series": label, "start": bins[-1][1], "count": bins[-1][2]})
    spec = {
        "data": {"values": values},
        "width": 480,
        "height": 220,
        "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 2},
        "encoding": {
            "x": {"field": "start", "type": "quantitative", "title": "score"},
            "y": {"field": "count", "type": "quantitative", "title": "customers"},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [label for label, _ in series], "range": [GREY, BLUE, ORANGE]},
            },
        },
    }
    return _chart(name, caption, spec, headers, rows)


def heatmap(
    name: str,
    caption: str,
    rows_labels: Sequence[str],
    column_labels: Sequence[str],
    cells: dict[tuple[str, str], int],
    *,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> Chart:
    """A matrix of counts (rows: before, columns: after) shaded by count, each cell labelled."""
    values = [{"old": r, "new": c, "count": cells.get((r, c), 0), "same": r == c} for r in rows_labels for c in column_labels]
    x = {"field": "new", "type": "ordinal", "sort": list(column_labels), "title": "new tier", "axis": {"orient": "top", "labelAngle": 0}}
    y = {"field": "old", "type": "ordinal", "sort": list(rows_labels), "title": "old tier"}
    spec = {
        "data": {"values": values},
        "width": {"step": 70},
        "height": {"step": 34},
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "white"},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": {"field": "count", "type": "quantitative", "scale": {"scheme": "blues", "type": "symlog"}, "legend": None},
                },
            },
            {
                "mark": {"type": "text", "fontSize": 11},
                "encoding": {
                    "x": x,
                    "y": y,
                    "text": {"field": "count", "type": "quantitative"},
                    "fontWeight": {"condition": {"test": "datum.same", "value": "normal"}, "value": "bold"},
                },
            },
        ],
    }
    return _chart(name, caption, spec, headers, rows)


def pareto(
    name: str, caption: str, curve: Sequence[tuple[float, float]], *, headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> Chart:
    """The share of the amount held by the biggest customers, against the diagonal of an even spread."""
    values = [{"customers": x * 100, "amount": y * 100} for x, y in curve]
    axis = {"type": "quantitative", "scale": {"domain": [0, 100]}}
    spec = {
        "width": 320,
        "height": 240,
        "layer": [
            {
                "data": {"values": [{"customers": 0, "amount": 0}, {"customers": 100, "amount": 100}]},
                "mark": {"type": "line", "color": GREY, "strokeDash": [4, 3]},
                "encoding": {"x": {"field": "customers", **axis}, "y": {"field": "amount", **axis}},
            },
            {
                "data": {"values": values},
                "mark": {"type": "area", "line": {"color": BLUE}, "color": "#cfe3f1"},
                "encoding": {
                    "x": {"field": "customers", **axis, "title": "% of customers, biggest first"},
                    "y": {"field": "amount", **axis, "title": "% of the amount"},
                },
            },
        ],
    }
    return _chart(name, caption, spec, headers, rows)


def waterfall(name: str, caption: str, steps: Sequence[dict[str, Any]], *, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> Chart:
    """Points step by step: each ``{"label", "kind", "start", "end", "points"}`` a floating bar; totals from zero."""
    values = [dict(step, order=i) for i, step in enumerate(steps)]
    x = {"field": "label", "type": "nominal", "sort": {"field": "order"}, "title": None, "axis": {"labelAngle": -35}}
    kinds = ["factor", "adjustment", "clamp", "score"]
    spec = {
        "data": {"values": values},
        "width": {"step": 38},
        "height": 220,
        "layer": [
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "x": x,
                    "y": {"field": "start", "type": "quantitative", "title": "points"},
                    "y2": {"field": "end"},
                    "color": {
                        "field": "kind",
                        "type": "nominal",
                        "title": None,
                        "scale": {"domain": kinds, "range": [BLUE, ORANGE, RED, GREEN]},
                    },
                },
            },
            {
                "mark": {"type": "text", "dy": -6, "fontSize": 9},
                "encoding": {"x": x, "y": {"field": "top", "type": "quantitative"}, "text": {"field": "points", "type": "nominal"}},
            },
        ],
    }
    for value in values:
        value["top"] = max(value["start"], value["end"])
    return _chart(name, caption, spec, headers, rows)
