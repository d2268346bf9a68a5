"""HTML pages: the book report, a policy change and one customer, each one self-contained file.

Pages are Jinja2 templates shipped with the package (``templates/``) with the
style sheet inlined; charts are Vega-Lite specifications rendered offline to
inline SVG (:mod:`.charts`), each with its numbers as a table beside it.  No
page loads anything: no script, style sheet, font or image from anywhere.
Renderers format data they are given; they never score and never print.
"""

from __future__ import annotations

from policyscore.render.html.book import book_html
from policyscore.render.html.diffpage import diff_html
from policyscore.render.html.explain import explanation_html

__all__ = ["book_html", "diff_html", "explanation_html"]
