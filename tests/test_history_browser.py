"""The run index and the trend page of 12 monthly releases, in a real Chromium.

axe-core finds no WCAG 2.1 A/AA violation; every link is reached with Tab alone and opens with
Enter; each chart is an image with a name and a description and has a data table; the pages
read without JavaScript and print.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

from leganto_qa.browser.browser_discovery import ensure_browser, launch_args
from leganto_qa.compare.known_issues import load_known_issues
from leganto_qa.reports.run_index import write_index
from leganto_qa.reports.trend_report import write_trend
from tests.history_records import KNOWN_ISSUES, write_releases
from tests.test_run_history import _documents

pytestmark = pytest.mark.browser
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TAB_LIMIT = 600
"""Most Tab presses before a page's links must all have had focus."""


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """12 monthly runs of uio with their documents, 3 of hvl, one cut-short record, a trend."""
    root = tmp_path_factory.mktemp("history")
    reports = root / "reports"
    for layout in write_releases(reports, "uio"):
        _documents(layout, "ok")
    write_releases(reports, "hvl", months=3)
    cut = reports / "runs" / "hvl" / "20250101T000000Z-dead"
    cut.mkdir()
    (cut / "record.json").write_text("{")
    (root / "known-issues.toml").write_text(KNOWN_ISSUES)
    write_trend(reports, "uio", load_known_issues(root / "known-issues.toml"))
    write_index(reports)
    return reports


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(ensure_browser()))
        yield browser
        browser.close()


def _violations(page: Page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG21_AA}})
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def _tab_through(page: Page) -> set[str]:
    """Every link that had focus while pressing Tab from the top until focus came round."""
    focused: set[str] = set()
    first = None
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.href || ''")
        if href and href == first:
            break
        first = first or href or None
        if href:
            focused.add(href)
    return focused


PAGES = ["index.html", "index.nb.html", "trends/uio/trend.html", "trends/uio/trend.nb.html"]


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_21_aa_violation_and_its_landmarks(reports, chromium, name):
    page = chromium.new_page()
    page.goto((reports / name).as_uri())
    assert _violations(page) == []
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("navigation")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert page.locator("table:not(:has(caption))").count() == 0
    assert page.locator("table:not(:has(th[scope=col]))").count() == 0
    page.close()


@pytest.mark.parametrize(
    ("name", "follow", "lands_on"),
    [
        ("index.html", 'a[href$="/record.json"]', r"/runs/[^/]+/[^/]+/record\.json$"),
        ("trends/uio/trend.html", 'a[href="../../index.html"]', r"/reports/index\.html$"),
    ],
)
def test_every_link_is_reached_with_tab_and_opens_with_enter(
    reports, chromium, name, follow, lands_on
):
    page = chromium.new_page()
    page.goto((reports / name).as_uri())
    links = set(page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)"))
    assert len(links) > (80 if name == "index.html" else 5)
    assert _tab_through(page) == links
    target = page.locator(follow).first
    target.focus()
    expect(target).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(lands_on))
    page.close()


def test_index_shows_the_latest_verdicts_and_the_unreadable_run(reports, chromium):
    page = chromium.new_page()
    page.goto((reports / "index.html").as_uri())
    sandboxes = page.get_by_role("table", name="Sandboxes")
    uio = sandboxes.get_by_role("row").filter(has=page.get_by_role("rowheader", name="uio"))
    expect(uio).to_contain_text("2024-12")
    expect(uio).to_contain_text("OK")
    expect(uio.get_by_role("link", name="Trend (HTML)")).to_be_visible()
    hvl_runs = page.get_by_role("table", name="Runs of hvl")
    expect(hvl_runs).to_contain_text("Unreadable: record.json is not valid JSON")
    uio_runs = page.get_by_role("table", name="Runs of uio")
    expect(uio_runs.get_by_role("link", name="Deviation report (HTML, bokmål)")).to_have_count(12)
    page.close()


def test_every_chart_is_a_named_described_image_with_a_data_table(reports, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((reports / "trends" / "uio" / "trend.html").as_uri())
    expect(page.locator("svg[role=img]")).to_have_count(5)
    sections = page.locator("main section")
    expect(sections).to_have_count(5)
    for index in range(5):
        section = sections.nth(index)
        chart = section.locator("svg[role=img]")
        expect(chart).to_be_visible()
        title = chart.locator(":scope > title").text_content()
        assert title and page.get_by_role("img", name=title, exact=True).count() == 1
        desc = chart.locator(":scope > desc").text_content()
        assert desc and len(desc) > 60
        expect(chart).to_have_accessible_description(desc)
        table = section.get_by_role("table", name=f"Data of the chart: {title}")
        expect(table).to_be_visible()
        assert table.get_by_role("columnheader").count() >= 2
        assert table.get_by_role("rowheader").count() >= 4
    impact = page.get_by_role("img", name="Deviations per impact")
    expect(impact).to_have_accessible_description(re.compile("serious from 8 to 4"))
    context.close()


@pytest.mark.parametrize("name", ["index.html", "trends/uio/trend.html"])
def test_pages_print(reports, chromium, name):
    page = chromium.new_page()
    page.goto((reports / name).as_uri())
    page.emulate_media(media="print")
    assert page.locator("nav.toc").evaluate("e => getComputedStyle(e).display") == "none"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
    page.close()
