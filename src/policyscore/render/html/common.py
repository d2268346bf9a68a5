"""What every HTML page shares: the Jinja2 environment (templates shipped as package data) and number formatting.

Templates are autoescaped; only the SVG of a chart, made by
:mod:`policyscore.render.html.charts`, is inserted as markup.  A text holding
a character HTML may not carry (a control character, a lone surrogate) shows
it as an escape (``\\x07``).  Numbers are
formatted here, once, so a page shows exactly what the text outputs show.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
import markupsafe

from policyscore._version import __version__
from policyscore.engine.reference import describe_value
from policyscore.render.scores import xml_text

__all__ = ["Link", "environment", "render_page", "points", "count", "percent", "value", "signed"]


@dataclass(frozen=True)
class Link:
    """A table cell that links to a part of the page (``href`` without the ``#``)."""

    text: str
    href: str

    def __str__(self) -> str:
        return self.text


def _carried(value: Any) -> Any:
    """What a template writes, with the characters a page cannot carry escaped (markup is already safe)."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return xml_text(value)
    return value


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("policyscore.render.html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_carried,
    )
    env.filters.update(points=points, count=count, percent=percent, value=value, signed=signed)
    return env


@cache
def _style() -> str:
    return environment().loader.get_source(environment(), "style.css")[0]  # type: ignore[union-attr]


def render_page(template: str, **context: Any) -> str:
    """A whole page: ``template`` with ``context`` and the shared style sheet (inlined: the page needs no other file)."""
    return environment().get_template(template).render(style=_style(), engine_version=__version__, **context)


def points(number: float | int | None, decimals: int = 2) -> str:
    """Points or a score as the text outputs show them: the policy's decimals, or a whole number."""
    if number is None:
        return ""
    if decimals <= 0:
        return str(int(round(number)))
    return f"{number:.{decimals}f}"


def signed(number: float | int, decimals: int = 2) -> str:
    text = points(number, decimals)
    return text if text.startswith("-") else f"+{text}"


def count(number: int | None) -> str:
    """A count with thousands separated by a thin space (reads well and copies as one number)."""
    return "" if number is None else f"{number:,}".replace(",", "\u202f")


def percent(share: float | None, digits: int = 1) -> str:
    return "" if share is None else f"{share * 100:.{digits}f}%"


def value(v: Any) -> str:
    """A value as an auditor reads it; long lists are shortened."""
    if isinstance(v, list) and len(v) > 8:
        return "[" + ", ".join(describe_value(x) for x in v[:6]) + f", ... {len(v)} values]"
    return describe_value(v)
