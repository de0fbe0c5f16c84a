"""The consortium overview of real stand-in runs, opened in a real Chromium: axe-clean (WCAG 2.1
A/AA) in English and bokmål, readable without JavaScript, every link reachable with the keyboard.

The two releases' runs of the shared ``suite_runs`` play two sandboxes (their findings differ in
what the releases changed), so both sides of the split have real findings in them.
"""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from leganto_qa.browser.browser_discovery import ensure_browser, launch_args
from leganto_qa.compare.baseline import accept
from leganto_qa.compare.comparison import compare
from leganto_qa.model.records import load_record
from leganto_qa.reports.consortium import SandboxRun
from leganto_qa.reports.consortium_report import write_overview

pytestmark = pytest.mark.browser
LOCALES = ("--leganto-locale", "en", "--leganto-locale", "nb")
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def overview(suite_runs, tmp_path_factory):
    suite_runs.get("r2024-05", "--leganto-release", "2024-05", *LOCALES)
    suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    reports = tmp_path_factory.mktemp("consortium") / "reports"
    for name in ("r2024-05", "r2024-06"):
        shutil.copytree(suite_runs.run_dir(name), reports / "runs" / "demo" / name)
    _, baseline = accept(reports, "demo", reports / "runs" / "demo" / "r2024-05")
    newer = load_record(reports / "runs" / "demo" / "r2024-06")
    older = load_record(reports / "runs" / "demo" / "r2024-05")
    older = replace(older, sandbox={**older.sandbox, "id": "demo-old"})
    findings = str(reports / "runs" / "demo" / "r2024-06" / "findings.html")
    runs = [
        SandboxRun(
            "demo", "not-ok", newer, compare(newer, baseline), documents={"findings": findings}
        ),
        SandboxRun("demo-old", "ok", older),
        SandboxRun("far", "not-run", not_run="sandbox 'far' at http://127.0.0.1:9 is unreachable"),
    ]
    return write_overview(runs, reports)


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(ensure_browser()))
        yield browser
        browser.close()


def test_real_runs_fill_both_sides_of_the_split(overview):
    o = overview.overview
    assert {p.rule for p in o.everywhere} >= {"color-contrast", "nested-interactive"}
    local = {(p.rule, p.seen_in) for p in o.local}
    assert ("button-name", ("demo",)) in local  # new in 2024-06 only
    assert ("link-name", ("demo-old",)) in local  # fixed in 2024-06


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_overview_is_axe_clean_and_readable_without_javascript(overview, chromium, lang):
    url = overview.html[lang].as_uri()
    page = chromium.new_page()
    page.goto(url)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG21_AA}})
    assert [v["id"] for v in results.response["violations"]] == []
    assert page.locator("html").get_attribute("lang") == lang
    page.close()
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    assert page.locator("table#matrix-table tbody tr").count() == 3
    assert page.locator("h1").is_visible() and page.locator("h2").count() == 3
    context.close()


def test_every_link_is_reachable_with_the_keyboard(overview, chromium):
    page = chromium.new_page()
    page.goto(overview.html["en"].as_uri())
    links = page.locator("a[href]").count()
    reached = set()
    for _ in range(links + 5):  # the links, the scrollable matrix, and around
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href')")
        if href:
            reached.add(href)
    assert links >= 2 and len(reached) == links
    page.emulate_media(media="print")
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.close()
