"""Frame-aware axe scanning: findings from cross-origin frames carry their frame path; a frame
that cannot be scanned is reported; pages without frames scan as before."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask, make_response, request
from playwright.sync_api import Page, expect, sync_playwright
from werkzeug.serving import make_server

from leganto_qa.browser.browser_discovery import find_browser, launch_args
from leganto_qa.model.findings import StateContext, findings_from_axe
from leganto_qa.scanning.axe_scan import AXE_OPTIONS, FRAME_NOT_SCANNED, preload, scan

pytestmark = pytest.mark.browser


def _app() -> Flask:
    app = Flask("frames")

    def doc(body: str, title: str) -> str:
        return (
            f'<!doctype html><html lang="en"><head><title>{title}</title></head>'
            f"<body><main>{body}</main></body></html>"
        )

    @app.get("/course")
    def course():
        port = request.host.rsplit(":", 1)[1]
        frames = request.args.get("frames", "tool")
        body = '<h1>Course</h1><img src="/logo.png" alt="Logo">'
        if "tool" in frames:
            body += (
                f'<iframe id="tool_content" title="Reading list" '
                f'src="http://tool.localhost:{port}/tool"></iframe>'
            )
        if "blocked" in frames:
            body += (
                f'<iframe id="blocked" title="Blocked" '
                f'src="http://tool.localhost:{port}/blocked"></iframe>'
            )
        return doc(body, "Course")

    @app.get("/tool")
    def tool():
        port = request.host.rsplit(":", 1)[1]
        return doc(
            '<h1>List</h1><img id="cover" src="/cover.png">'
            f'<iframe id="viewer" title="Viewer" src="http://viewer.localhost:{port}/viewer">'
            "</iframe>",
            "List",
        )

    @app.get("/viewer")
    def viewer():
        return doc('<button id="icon-only"></button>', "Viewer")

    @app.get("/resize")
    def resize():  # what OneTrust's cookie banner adds to Leganto to measure the text size
        return doc(
            '<button id="icon-only"></button><iframe class="ot-text-resize" aria-hidden="true" '
            'title="" style="position:absolute; top:-50000px; width:100em;" src="about:blank">'
            "</iframe>",
            "Resize",
        )

    @app.get("/search")
    def search():
        return doc('<form action="/found"><button id="go">Search</button></form>', "Search")

    @app.get("/found")
    def found():  # its stylesheet comes late; the content is parsed and laid out before it
        return (
            '<!doctype html><html lang="en"><head><title>Found</title>'
            '<link rel="stylesheet" href="/late.css"></head>'
            '<body><main><p id="found" class="faint">Lists found (1)</p></main></body></html>'
        )

    @app.get("/late.css")
    def late_css():
        time.sleep(1.0)  # the server is slow; the test itself never waits a fixed time
        resp = make_response(".faint { color: #d0d0d0; }")
        resp.headers["Content-Type"] = "text/css"
        return resp

    @app.get("/blocked")
    def blocked():
        resp = make_response(doc("<p>framed?</p>", "Blocked"))
        resp.headers["X-Frame-Options"] = "DENY"
        return resp

    return app


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    srv = make_server("127.0.0.1", 0, _app(), threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_port
    srv.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def frames_browser():
    choice = find_browser()
    if choice is None:
        pytest.fail("no Chromium found; run 'leganto-qa doctor'")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_args(choice))
        yield browser
        browser.close()


@pytest.fixture
def tab(frames_browser) -> Iterator[Page]:
    context = frames_browser.new_context()
    yield context.new_page()
    context.close()


def _open(page: Page, port: int, frames: str) -> None:
    page.goto(f"http://lms.localhost:{port}/course?frames={frames}")
    if "tool" in frames:  # the state is confirmed: the innermost frame has rendered
        viewer = page.frame_locator("#tool_content").frame_locator("#viewer")
        viewer.locator("#icon-only").wait_for(state="attached")


WHERE = StateContext(page_state="lms/canvas/tool-frame", locale="en", role="student", url="x")


def test_violations_only_inside_cross_origin_frames_are_found_with_their_frame_path(tab, server):
    _open(tab, server, "tool")
    result = scan(tab, WHERE)
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["image-alt"].elements[0].frame_path == ("#tool_content",)
    assert by_rule["image-alt"].elements[0].selector == "#cover"
    # two levels down: the course tab → tool.localhost → viewer.localhost
    assert by_rule["button-name"].elements[0].frame_path == ("#tool_content", "#viewer")
    assert by_rule["button-name"].page_state == "lms/canvas/tool-frame"
    # the top tab itself is clean of both rules
    assert all(e.frame_path for f in result.findings if f.kind == "wcag" for e in f.elements)
    assert result.untested == ()


def test_a_frame_that_cannot_be_scanned_is_a_coverage_gap_not_a_finding(tab, server):
    _open(tab, server, "tool,blocked")
    frame = tab.frame_locator("#blocked")
    tab.locator("#blocked").wait_for()
    result = scan(tab, WHERE)
    assert FRAME_NOT_SCANNED not in {f.rule for f in result.findings}
    [untested] = result.untested
    assert untested.frame_path == () and untested.selector.startswith("html > body")
    assert untested.url.endswith("/blocked") and "blocked" in untested.reason
    assert "image-alt" in {f.rule for f in result.findings}  # the other frame still counts
    reported = {
        r["id"] for key in ("violations", "incomplete", "passes") for r in result.raw.get(key, [])
    }
    assert "frame-tested" not in reported and "frame-tested" not in {
        f.rule for f in result.findings
    }
    assert result.raw["untestedFrames"][0]["url"].endswith("/blocked")
    del frame


def test_a_page_without_frames_gives_what_a_plain_axe_run_gives(tab, server):
    tab.goto(f"http://lms.localhost:{server}/tool")
    tab.locator("#viewer").wait_for()
    tab.goto(f"http://viewer.localhost:{server}/viewer")
    plain = Axe().run(tab, options={k: v for k, v in AXE_OPTIONS.items() if k != "rules"})
    expected = findings_from_axe(plain.response["violations"], WHERE)
    result = scan(tab, WHERE)
    assert result.findings == expected
    assert "button-name" in {f.rule for f in result.findings}
    assert result.findings[0].elements[0].frame_path == ()
    assert "untestedFrames" not in result.raw


def test_a_frame_axe_core_leaves_out_scans_like_a_page_without_frames(tab, server):
    # Leganto's cookie banner adds an offscreen, aria-hidden blank frame: the page has a child
    # frame, but axe-core names none to scan, so the page gets one axe.run as before.
    tab.goto(f"http://lms.localhost:{server}/resize")
    assert len(tab.frames) == 2
    plain = Axe().run(tab, options={k: v for k, v in AXE_OPTIONS.items() if k != "rules"})
    expected = findings_from_axe(plain.response["violations"], WHERE)
    result = scan(tab, WHERE)
    assert result.findings == expected and "button-name" in {f.rule for f in result.findings}
    assert result.untested == () and "untestedFrames" not in result.raw


def test_a_state_reached_by_a_form_is_scanned_with_its_stylesheets(tab, server):
    # A search form sends the page on; the results are shown before the page's stylesheet
    # applies. axe-core measured the unstyled page (the demo's header links as 17 px tall
    # targets): the scan waits for the document's load first.
    tab.goto(f"http://lms.localhost:{server}/search")
    tab.locator("#go").click()
    expect(tab.locator("#found")).to_be_visible()
    result = scan(tab, WHERE)
    assert "color-contrast" in {f.rule for f in result.findings}


def test_after_a_scan_of_frames_the_page_stays_shown_and_its_layout_checks_complete(tab, server):
    # axe.finishRun needs a blank page; one in the scanned page's own context took its place on
    # screen, and the page in the background got no animation frames for the layout checks:
    # abandoned as "never settled" on every later page state, after seconds of waiting.
    from leganto_qa.checks.check_runner import run_checks

    for _ in range(3):  # one reused page across page states, as the scan suite keeps it
        _open(tab, server, "tool")
        scan(tab, WHERE)
        assert tab.evaluate(_GETS_ANIMATION_FRAMES) == "frames"
        outcome = run_checks(tab, WHERE, ("orientation", "resize-text"), budget_s=5)
        assert outcome.not_completed == []
    assert tab.context.pages == [tab]


_GETS_ANIMATION_FRAMES = """() => Promise.race([
    new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r('frames')))),
    new Promise(r => setTimeout(() => r('none within 500 ms (a page in the background)'), 500)),
])"""


def test_axe_preloaded_into_a_context_is_in_every_frame_and_finds_the_same(frames_browser, server):
    # The scan suite preloads axe-core so no page state sends and compiles it again; the
    # findings must not change, cross-origin frames included.
    plain = frames_browser.new_context()
    preloaded = frames_browser.new_context()
    preload(preloaded)
    try:
        found = []
        for context in (plain, preloaded):
            page = context.new_page()
            _open(page, server, "tool")
            present = [frame.evaluate("typeof window.axe") for frame in page.frames]
            found.append((present, {(f.rule, f.fingerprint) for f in scan(page, WHERE).findings}))
        (plain_present, plain_findings), (preloaded_present, preloaded_findings) = found
        assert len(preloaded_present) == 3 and set(preloaded_present) == {"object"}
        assert set(plain_present) == {"undefined"}
        assert preloaded_findings == plain_findings and plain_findings
    finally:
        plain.close()
        preloaded.close()
