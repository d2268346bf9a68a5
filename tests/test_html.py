"""The HTML pages without a browser: self-contained, every chart drawn with its numbers beside it, numbers equal to scoring."""

from __future__ import annotations

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

import policyscore as ps
from policyscore.render.html import book_html, diff_html, explanation_html
from policyscore.render.html.customer import anchor, waterfall_steps
from policyscore.render.html.diffpage import side_by_side
from policyscore.review.diff import compare
from policyscore.review.migration import MigrationCollector
from policyscore.review.report import InputInfo, build_report

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-01"
STARTUP = ROOT / "rules" / "startup-us-ca.yaml"


@cache
def policy() -> ps.Policy:
    return ps.load_policy(STARTUP)


@cache
def sample() -> tuple[dict, ...]:
    with (ROOT / "examples" / "customers.jsonl").open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


class Page(HTMLParser):
    """Elements with their attributes and text, enough to check a page's content."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.texts: dict[int, str] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in ("br", "meta", "img", "input", "link", "hr", "path", "rect", "line", "circle"):
            self.open.append((tag, dict(attrs), []))
            self.open[-1][1]["__index__"] = str(len(self.elements) - 1)

    def handle_endtag(self, tag):
        while self.open:
            name, attrs, parts = self.open.pop()
            self.texts[int(attrs["__index__"])] = " ".join("".join(parts).split())
            if self.open:  # cells stay apart: "1 C00300 81.52", not "1C0030081.52"
                self.open[-1][2].append(" " + "".join(parts) + " ")
            if name == tag:
                break

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)

    def text_of(self, **attr: str) -> list[str]:
        """The text of every element having all the given attributes (``data_metric="read"``)."""
        wanted = {k.replace("_", "-"): v for k, v in attr.items()}
        return [self.texts.get(i, "") for i, (_, a) in enumerate(self.elements) if all(a.get(k) == v for k, v in wanted.items())]


def assert_self_contained(text: str) -> None:
    assert "<script" not in text and "<link" not in text and "<img" not in text and "<iframe" not in text
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!#)""", text), "a page links only to its own anchors"
    assert not re.search(r"url\(\s*['\"]?(?!#)", text), "styles load nothing"
    assert "@import" not in text


def assert_charts_drawn(page: Page, text: str, names: set[str]) -> None:
    blocks = re.findall(r'<div class="chart-block" data-chart="([^"]+)">(.*?)</table>\s*</div>', text, re.S)
    assert {name for name, _ in blocks} >= names
    for name, body in blocks:
        svg = re.search(r"<svg.*?</svg>", body, re.S)
        assert svg is not None, name
        assert re.search(r'width="[1-9]', svg.group(0)), name
        assert re.search(r"<(path|rect|line)\b[^>]*\b(d|width|x2)=", svg.group(0)), f"{name}: no marks"
        assert re.search(r"<tbody>\s*<tr>", body), f"{name}: no numbers beside the chart"
    ids = re.findall(r'\bid="([^"]+)"', text)
    assert len(ids) == len(set(ids)), "ids are unique in the page"


@cache
def book(top: int = 3) -> tuple[str, ps.Policy]:
    pol = policy()
    report = build_report(
        pol,
        pol.score_many(sample(), AS_OF, on_error="yield"),
        AS_OF,
        InputInfo("customers.jsonl", "ab" * 32, 1),
        top=top,
        amount="annual_contract_value",
        generated_at="2026-11-01T09:00:00+00:00",
    )
    return book_html(report, pol, STARTUP.read_text(encoding="utf-8")), pol


def test_book_page_is_self_contained_and_draws_every_chart():
    text, _ = book()
    assert text.startswith("<!DOCTYPE html>")
    assert_self_contained(text)
    page = Page(text)
    assert_charts_drawn(page, text, {"funnel", "histogram", "tiers", "factors", "reasons", "pareto", "waterfall"})
    assert len(re.findall(r'data-chart="waterfall"', text)) == 3
    style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)
    assert "@media print" in style and "break-before: page" in style
    assert '"Liberation Sans"' in style and "&#34;" not in style, "the style sheet is inserted as it is, not escaped"


def test_book_page_numbers_equal_scoring_the_same_records():
    text, pol = book()
    page = Page(text)
    results = [pol.score(r, AS_OF) for r in sample()]
    eligible = [r for r in results if r.eligible]
    assert page.text_of(data_metric="read") == [str(len(results))]
    assert page.text_of(data_metric="scored") == [str(len(eligible))]
    assert page.text_of(data_metric="ineligible") == [str(len(results) - len(eligible))]
    tier_table = re.search(r'data-numbers="tiers">(.*?)</table>', text, re.S).group(1)
    for tier in pol.tier_names:
        count = sum(1 for r in eligible if r.tier == tier)
        assert re.search(rf"<th scope=\"row\">{tier}</th><td>[0-9.]+</td><td>{count}</td>", tier_table), tier
    best = sorted(eligible, key=lambda r: (-r.score, str(r.id)))[0]
    row = [i for i, (tag, a) in enumerate(page.elements) if tag == "tr" and a.get("data-customer") == best.id][0]
    assert page.texts[row].split()[:3] == ["1", best.id, f"{best.score:.2f}"]
    section = re.search(rf'<section class="customer page" id="{anchor(best.id)}".*?</section>', text, re.S).group(0)
    assert Page(section).text_of(data_field="score") == [f"{best.score:.2f}"]
    for fid, pts in best.points.items():
        cell = re.search(rf'<tr data-factor="{fid}">.*?data-field="points">([^<]+)<', section, re.S)
        assert cell is not None and cell.group(1) == f"{pts:.2f}", fid


def test_book_page_shows_the_header_an_auditor_needs_and_the_policy_with_line_numbers():
    text, pol = book()
    for fact in (pol.sha256, "ab" * 32, "customers.jsonl", AS_OF, "2026-11-01T09:00:00+00:00", ps.__version__, "startup-us-ca"):
        assert fact in text
    lines = STARTUP.read_text(encoding="utf-8").splitlines()
    numbered = re.findall(r'<span class="line"><span class="ln">(\d+)</span>', text)
    assert numbered == [str(i) for i in range(1, len(lines) + 1)]


def test_waterfall_steps_add_up_to_the_score_and_show_the_clamp():
    d = policy().score(next(r for r in sample() if r["id"] == "EDGE-01-PERFECT"), AS_OF).to_dict()
    steps = waterfall_steps(d)
    assert [s["label"] for s in steps[: len(d["factors"])]] == [f["id"] for f in d["factors"]]
    assert steps[-1] == {"label": "score", "kind": "score", "start": 0.0, "end": d["score"], "amount": d["score"]}
    assert steps[-2]["end"] == pytest.approx(d["score"])
    if d["total"]["clamped"]:
        assert steps[-2]["kind"] == "clamp" and steps[-3]["end"] == pytest.approx(d["total"]["unclamped"])
    for a, b in zip(steps[:-2], steps[1:-1]):
        assert a["end"] == b["start"]
    assert waterfall_steps({"total": None}) == []


def test_a_clamped_score_gets_a_clamp_step():
    pol = ps.load_policy_text(
        "policy: c\nversion: 1\nfactors:\n  - {id: a, weight: 10, value: '1'}\nadjustments:\n  - {id: bonus, points: 5, when: 'true'}\n"
        "score: {min: 0, max: 10, decimals: 0}\n"
    )
    d = pol.score({"id": "x"}, AS_OF).to_dict()
    steps = waterfall_steps(d)
    assert [(s["label"], s["kind"], s["amount"]) for s in steps] == [
        ("a", "factor", 10),
        ("bonus", "adjustment", 5),
        ("kept in range", "clamp", -5.0),
        ("score", "score", 10),
    ]


def test_explanation_page_of_an_ineligible_customer_has_no_waterfall():
    pol = policy()
    out = next(r for r in (pol.score(x, AS_OF) for x in sample()) if not r.eligible)
    text = explanation_html([out.to_dict()], pol)
    assert_self_contained(text)
    assert "data-chart" not in text and "Not eligible" in text
    for failed in out.failed_filters:
        assert failed in text


def test_side_by_side_pairs_changed_lines_and_elides_the_rest():
    old = "\n".join(f"line {i}" for i in range(1, 21))
    new = old.replace("line 5", "line five").replace("line 18\n", "")
    rows = side_by_side(old, new, context=1)
    kinds = [r["kind"] for r in rows]
    assert kinds == ["same", "changed", "same", "gap", "same", "removed", "same"]
    assert rows[1]["old"] == (5, "line 5") and rows[1]["new"] == (5, "line five")
    assert rows[5]["old"] == (18, "line 18") and rows[5]["new"] is None
    assert side_by_side(old, old) == []


def test_diff_page_lists_every_customer_who_changes_tier_with_the_factors_that_moved_them():
    old = policy()
    text = STARTUP.read_text(encoding="utf-8")
    edited = text.replace("min: 55", "min: 60", 1)
    assert edited != text
    new = ps.load_policy_text(edited, "edited.yaml", STARTUP.parent)
    collector = MigrationCollector(old, new, limit=100)
    report = compare(old, new, sample(), AS_OF, top=5, observe=collector)
    detail = collector.detail(report.rows, report.columns)
    page = diff_html(report, detail)
    assert_self_contained(page)
    parsed = Page(page)
    assert_charts_drawn(parsed, page, {"migration", "distributions"})
    moved = [(a, b) for a, b in ((old.score(r, AS_OF), new.score(r, AS_OF)) for r in sample()) if a.tier != b.tier]
    assert sum(m.count for m in detail.migrations) == len(moved) == report.tier_changes
    for a, b in moved:
        assert a.tier == "good" and b.tier == "fair"  # only the threshold moved
        assert f'data-customer="{b.id}"' in page
    assert [m.shown[0].points for m in detail.migrations] == [()]  # no factor's points changed
    assert parsed.text_of(data_metric="tier-changes") == [str(len(moved))]
    assert sum(b.count for b in detail.before) == report.before.count
    assert sum(b.count for b in detail.after) == report.after.count


def test_diff_page_names_the_factor_whose_weight_moved_each_customer():
    old = policy()
    text = STARTUP.read_text(encoding="utf-8")
    new = ps.load_policy_text(text.replace("weight: 20", "weight: 25", 1), "edited.yaml", STARTUP.parent)
    collector = MigrationCollector(old, new, limit=3)
    report = compare(old, new, sample(), AS_OF, top=5, observe=collector)
    detail = collector.detail(report.rows, report.columns)
    assert detail.migrations and sum(m.count for m in detail.migrations) == report.tier_changes
    for m in detail.migrations:
        assert len(m.shown) == min(3, m.count)
        deltas = [abs(c.delta) for c in m.shown]
        assert deltas == sorted(deltas, reverse=True), "the biggest change first"
        for change in m.shown:
            assert change.points[0].code == "factor:purchase_size" and change.points[0].delta > 0
    page = diff_html(report, detail)
    assert "factor purchase_size" in page
