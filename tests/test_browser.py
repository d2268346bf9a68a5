"""The HTML pages in a real browser: headless Chromium with the network switched off.

Each page must load with no console error and no request leaving the file,
show the numbers ``score`` gives on the same data, draw every chart with
something in it, and print to a PDF of several pages.  A screenshot of each
page is written beside the pages (``POLICYSCORE_SCREENSHOTS=folder`` keeps
them).  Without a Chromium on the machine these tests are skipped with a
message; CI installs one (``.ci/run``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from browser import Browser, find_chromium
from click.testing import CliRunner

import policyscore as ps
from policyscore.cli import cli

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "rules" / "startup-us-ca.yaml"
NETWORK = ROOT / "examples" / "referral-network.yaml"  # a referral tree, and report: {amount: ...}
SAMPLE = ROOT / "examples" / "customers.jsonl"
AS_OF = "2026-11-01"
CHROMIUM = find_chromium()

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium found (install Debian's chromium package, or set CHROMIUM to the browser's path)"
)

#: In the page: each chart's SVG size and how many drawn marks (paths and rectangles with a size) it has.
CHARTS_JS = """
Array.from(document.querySelectorAll('[data-chart]')).map(block => {
  const svg = block.querySelector('figure.chart svg');
  const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  const marks = svg ? Array.from(svg.querySelectorAll('path, rect')).filter(m => {
    const b = m.getBBox(); return b.width > 0 || b.height > 0; }).length : 0;
  const rows = block.querySelectorAll('table.numbers tbody tr').length;
  return {name: block.dataset.chart, width: box.width, height: box.height, marks: marks, rows: rows};
})
"""


def _cli(*args: object, input: bytes | None = None) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three pages, made by the command line from the sample data, a report of a larger generated book, and one of a referral tree."""
    folder = tmp_path_factory.mktemp("pages")
    book = folder / "book.html"
    _cli("report", POLICY, SAMPLE, "--as-of", AS_OF, "--top", "5", "--amount", "annual_contract_value", "-o", book)
    explain = folder / "explain.html"
    explain.write_text(_cli("explain", POLICY, SAMPLE, "--as-of", AS_OF, "--id", "C00300", "--format", "html"), encoding="utf-8")
    new = folder / "rules" / "startup-us-ca.yaml"
    new.parent.mkdir()
    (folder / "schemas").mkdir()
    (folder / "schemas" / "customer.schema.json").write_bytes((ROOT / "schemas" / "customer.schema.json").read_bytes())
    new.write_text(POLICY.read_text(encoding="utf-8").replace("min: 55", "min: 60", 1), encoding="utf-8")
    diff = folder / "diff.html"
    _cli("diff", POLICY, new, SAMPLE, "--as-of", AS_OF, "--format", "html", "-o", diff)
    spec = importlib.util.spec_from_file_location("generate", ROOT / "examples" / "generate.py")
    gen = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    generated = folder / "generated.jsonl"
    with generated.open("w", encoding="utf-8") as fh:
        for record in gen.generate(8000, seed=3):
            fh.write(json.dumps(record, default=str) + "\n")
    large = folder / "large.html"
    _cli("report", POLICY, generated, "--as-of", AS_OF, "--top", "3", "--amount", "annual_contract_value", "-o", large)
    referrals = folder / "referrals.html"
    _cli("report", NETWORK, SAMPLE, "--as-of", AS_OF, "--top", "5", "--referrers", "8", "-o", referrals)
    return {"book": book, "explain": explain, "diff": diff, "large": large, "generated": generated, "referrals": referrals}


@pytest.fixture(scope="module")
def browser():
    with Browser(CHROMIUM) as b:  # type: ignore[arg-type]
        yield b


def _screenshots(name: str, fallback: Path) -> Path:
    keep = os.environ.get("POLICYSCORE_SCREENSHOTS")
    folder = Path(keep) if keep else fallback
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.png"


@pytest.mark.parametrize("name", ["book", "explain", "diff", "large", "referrals"])
def test_page_loads_offline_without_errors_and_draws_every_chart(browser, pages, name):
    page = browser.open(pages[name])
    assert page.console_errors() == []
    requests = page.requests()
    assert requests == [page.url], "the page loads nothing but itself"
    charts = page.evaluate(CHARTS_JS)
    assert charts, "the page has charts"
    for chart in charts:
        assert chart["width"] > 50 and chart["height"] > 50, chart
        assert chart["marks"] > 1, chart
        assert chart["rows"] > 0, chart
    shot = _screenshots(name, pages[name].parent)
    page.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def _expected(records_path: Path) -> tuple[int, dict[str, int], list[ps.Result]]:
    policy = ps.load_policy(POLICY)
    with records_path.open(encoding="utf-8") as fh:
        results = [policy.score(json.loads(line), AS_OF) for line in fh if line.strip()]
    tiers = {name: sum(1 for r in results if r.tier == name) for name in policy.tier_names}
    return len(results), tiers, results


TIERS_JS = """
Object.fromEntries(Array.from(document.querySelectorAll('[data-numbers="tiers"] tbody tr')).map(
  tr => [tr.querySelector('th').textContent.trim(), tr.querySelectorAll('td')[1].textContent.trim()]))
"""


@pytest.mark.parametrize("name, records", [("book", "sample"), ("large", "generated")])
def test_numbers_shown_equal_those_of_score(browser, pages, name, records):
    path = SAMPLE if records == "sample" else pages["generated"]
    read, tiers, results = _expected(path)
    page = browser.open(pages[name])

    def number(text: str) -> int:
        return int(text.replace("\u202f", ""))

    assert number(page.evaluate("document.querySelector('[data-metric=read]').textContent")) == read
    shown = page.evaluate(TIERS_JS)
    assert {tier: number(n) for tier, n in shown.items()} == tiers
    best = sorted((r for r in results if r.eligible), key=lambda r: (-r.score, str(r.id)))[0]
    section = f"section[data-customer='{best.id}']"
    assert page.evaluate(f'document.querySelector("{section} [data-field=score]").textContent') == f"{best.score:.2f}"
    points = page.evaluate(
        f'Object.fromEntries(Array.from(document.querySelectorAll("{section} tr[data-factor]"))'
        ".map(tr => [tr.dataset.factor, tr.querySelector('[data-field=points]').textContent]))"
    )
    assert points == {fid: f"{p:.2f}" for fid, p in best.points.items()}


def test_explain_page_shows_the_customer_score(browser, pages):
    policy = ps.load_policy(POLICY)
    with SAMPLE.open(encoding="utf-8") as fh:
        record = next(json.loads(line) for line in fh if '"C00300"' in line)
    result = policy.score(record, AS_OF)
    page = browser.open(pages["explain"])
    assert page.evaluate("document.querySelector('[data-field=score]').textContent") == f"{result.score:.2f}"
    assert page.evaluate("document.querySelector('[data-field=tier]').textContent") == result.tier


REFERRERS_JS = """
Array.from(document.querySelectorAll('[data-numbers="referrals-2"] tbody tr')).map(tr => ({
  id: tr.querySelector('th').textContent.trim(),
  link: tr.querySelector('th a') ? tr.querySelector('th a').getAttribute('href') : null,
  cells: Array.from(tr.querySelectorAll('td')).map(td => td.textContent.trim())}))
"""


def test_referral_section_shows_what_explain_gives_for_each_customer(browser, pages):
    page = browser.open(pages["referrals"])
    assert page.evaluate("document.querySelector('#referrals h2').textContent") == "Referral trees"
    assert page.evaluate("document.querySelector('[data-chart=pareto]') !== null")  # the amount of the policy's report: key
    rows = page.evaluate(REFERRERS_JS)
    assert len(rows) == 8
    linked = [row for row in rows if row["link"]]
    assert linked, "customers also shown in full link to their section"
    for row in [rows[0], rows[-1], *linked]:
        d = json.loads(_cli("explain", NETWORK, SAMPLE, "--as-of", AS_OF, "--id", row["id"], "--format", "json"))
        entry = next(p for p in d["portfolio"] if p["function"] == "referred_sum")
        assert float(row["cells"][0]) == pytest.approx(entry["value"], rel=1e-9)
        assert row["cells"][1].startswith(f"{d['score']:.2f}" if d["score"] is not None else "ineligible"), row["cells"][1]
        first = entry["contributors"][0]
        assert row["cells"][2].startswith(f"{first['id']} ")
        assert float(row["cells"][2].split()[1]) == pytest.approx(first["contribution"], rel=1e-9)
    for row in linked:
        target = row["link"].removeprefix("#")
        shown = page.evaluate(f'document.getElementById("{target}").querySelector("[data-field=score]").textContent')
        d = json.loads(_cli("explain", NETWORK, SAMPLE, "--as-of", AS_OF, "--id", row["id"], "--format", "json"))
        assert shown == f"{d['score']:.2f}"


def test_diff_page_counts_the_tier_changes(browser, pages):
    page = browser.open(pages["diff"])
    changed = page.evaluate("document.querySelector('[data-metric=tier-changes]').textContent")
    groups = page.evaluate("Array.from(document.querySelectorAll('h3[data-migration]')).map(h => h.dataset.migration)")
    listed = page.evaluate("document.querySelectorAll('#movers-by-tier tr[data-customer]').length")
    assert groups == ["good → fair"] and int(changed) == listed > 0


def test_print_to_pdf_gives_several_pages(pages):
    pdf = pages["book"].with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="policyscore-chromium-") as profile:
        subprocess.run(  # noqa: S603 - the browser found on this machine
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--proxy-server=http://127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                pages["book"].resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages_in_pdf = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    assert pages_in_pdf >= 8, pages_in_pdf  # one section per page at least: accounting, scores, factors, reasons, ...
