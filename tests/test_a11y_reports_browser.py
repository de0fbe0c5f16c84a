"""The accessibility documents of a real run pass their own checks in Chromium.

Reports of the stand-in's 2024-06 run (compared with 2024-05) are opened in a real Chromium:
axe-core finds no WCAG 2.1 A/AA violation in them, they print (print CSS, a PDF) and their
content is there without JavaScript. Secrets planted in the real run (with its real Playwright
trace) reach no byte of its evidence package.
"""

from __future__ import annotations

import shutil
import zipfile

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from leganto_qa.browser.browser_discovery import ensure_browser, launch_args
from leganto_qa.compare.baseline import accept
from leganto_qa.evidence.package import build_package, known_secrets, verify
from leganto_qa.reports.accessibility_documents import write_documents
from leganto_qa.reports.deviations import render_deviation_report, run_documents
from tests.a11y_records import two_releases
from tests.conftest import DEMO_PASSWORD
from tests.test_evidence import SECRETS, assert_no_secret_anywhere, plant_secrets

pytestmark = pytest.mark.browser
LOCALES = ("--leganto-locale", "en", "--leganto-locale", "nb")
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def real_docs(suite_runs, tmp_path_factory):
    """The 2024-06 run's documents, with 2024-05 accepted as the baseline in a private copy."""
    suite_runs.get("r2024-05", "--leganto-release", "2024-05", *LOCALES)
    suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    reports = tmp_path_factory.mktemp("a11y-docs") / "reports"
    for name in ("r2024-05", "r2024-06"):
        shutil.copytree(suite_runs.run_dir(name), reports / "runs" / "demo" / name)
    accept(reports, "demo", reports / "runs" / "demo" / "r2024-05")
    docs = run_documents(reports / "runs" / "demo" / "r2024-06", reports)
    for lang in ("en", "nb"):
        write_documents(docs, lang=lang)
    return docs


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(ensure_browser()))
        yield browser
        browser.close()


def _violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG21_AA}})
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def test_the_real_runs_documents_show_the_release_differences(real_docs):
    axe = [d for d in real_docs.deviations if d.finding.source.startswith("axe:")]
    assert {d.finding.rule for d in axe if d.status == "new"} == {"button-name"}
    persisting = {d.finding.rule for d in axe if d.status == "persisting"}
    assert "color-contrast" in persisting
    html = (real_docs.layout.root / "deviations.html").read_text()
    assert html.index("1.4.3 Contrast (Minimum)") < html.index("4.1.2 Name, Role, Value")
    assert html.count('class="crop" src="data:image/png;base64,') > 5
    cases = sorted(p.name for p in (real_docs.layout.root / "cases").glob("*.md"))
    assert cases == ["regression-test_student_prints_list.md", "wcag-button-name.md"]


@pytest.mark.parametrize(
    "name", ["deviations.html", "deviations.nb.html", "conformance.html", "conformance.nb.html"]
)
def test_reports_have_no_wcag_21_aa_violations_and_work_without_javascript(
    real_docs, chromium, name
):
    url = (real_docs.layout.root / name).as_uri()
    page = chromium.new_page()
    page.goto(url)
    assert _violations(page) == []
    headings = page.locator("h1, h2, h3, h4").count()
    page.close()
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    assert page.locator("h1, h2, h3, h4").count() == headings > 1
    assert page.locator("h1").is_visible()
    images = page.locator("img")
    for index in range(min(images.count(), 5)):
        assert page.evaluate("img => img.naturalWidth > 0", images.nth(index).element_handle())
    context.close()


def test_hostile_content_report_has_no_violations_and_runs_no_script(chromium, tmp_path):
    docs = two_releases(tmp_path)
    path = tmp_path / "hostile.html"
    path.write_text(render_deviation_report(docs, "en"))
    page = chromium.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    assert _violations(page) == []
    assert dialogs == []
    assert page.evaluate("document.scripts.length") == 0
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]  # very long text wraps instead of overflowing
    page.close()


def test_deviation_report_prints(real_docs, chromium):
    page = chromium.new_page()
    page.goto((real_docs.layout.root / "deviations.html").as_uri())
    page.emulate_media(media="print")
    article = page.locator("article.deviation").first
    assert article.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    crop = page.locator("img.crop").first
    assert crop.evaluate("e => parseFloat(getComputedStyle(e).maxHeight)") < 400
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 3
    page.close()


def test_evidence_of_the_real_run_carries_no_planted_secret_and_verifies(real_docs, tmp_path):
    run = tmp_path / "reports" / "runs" / "demo" / "r2024-06"
    shutil.copytree(real_docs.layout.root, run)
    traces = list(run.rglob("trace.zip"))
    assert traces, "the failing print workflow keeps a Playwright trace"
    with zipfile.ZipFile(traces[0]) as trace:
        assert any(n.endswith(".trace") for n in trace.namelist())
    plant_secrets(run, password=DEMO_PASSWORD)
    docs = run_documents(run, tmp_path / "reports")
    environ = {"LEGANTO_QA_DEMO_PASSWORD": DEMO_PASSWORD}
    package = build_package(docs, tmp_path / "out", known_secrets(environ))
    assert verify(package.path) == []
    assert_no_secret_anywhere(package.path, (*SECRETS[1:], DEMO_PASSWORD))
