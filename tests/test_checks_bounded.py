"""Every browser check finishes, or is recorded as not completed, within its budget.

Pages are served over HTTP on loopback. Frames a real Leganto page carries make the checks wait
for ever if they are not careful: OneTrust's off-screen ``ot-text-resize`` frame, hidden and
zero-size frames (Chromium runs no animation frames in them: here their scripts make sure of it)
and a frame whose server accepts the connection and never answers.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from leganto_qa.checks import layout
from leganto_qa.checks.check_runner import run_checks
from leganto_qa.checks.registry import NAMES, parse_checks
from leganto_qa.model.findings import StateContext

pytestmark = pytest.mark.browser

WHERE = StateContext("test/bounded", "en", "student", "http://127.0.0.1/bounded")
SETTLING = ("reflow", "text-spacing", "resize-text", "orientation", "activation")
"""The checks that wait for the page to settle after resizing, restyling or pressing keys."""

NO_FRAMES = "<script>window.requestAnimationFrame = () => 0;</script>"
"""A document that never gets an animation frame (as Chromium treats frames it does not show)."""

CONTENT = """<main><h1>Reading list</h1><p>Sosiologiens grunnlag, chapter 2.</p>
<button>Mark as done</button><span id="fake" role="button" tabindex="0">Export</span>
<div id="out"></div></main>
<script>document.getElementById('fake').addEventListener('click',
  () => { document.getElementById('out').textContent = 'Exported'; });</script>"""


def framed_page(silent_port: int) -> str:
    """CONTENT with the four frames that hang careless checks."""
    return (
        CONTENT
        + '<div id="onetrust-consent-sdk"><iframe class="ot-text-resize" aria-hidden="true" '
        'title="" style="position:absolute; top:-50000px; width:100em;" '
        f'srcdoc="{NO_FRAMES}"></iframe></div>'
        f'<iframe title="Hidden" style="visibility:hidden" srcdoc="{NO_FRAMES}<p>Hidden</p>">'
        "</iframe>"
        f'<iframe title="Zero" style="width:0;height:0;border:0" srcdoc="{NO_FRAMES}<p>Zero</p>">'
        "</iframe>"
        f'<iframe title="Never" src="http://127.0.0.1:{silent_port}/never"></iframe>'
    )


class _Silent:
    """A loopback server that accepts connections and never answers."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, int]]:
    """(base URL of the page server, port of the silent server)."""
    silent = _Silent()
    pages = {
        "/framed": framed_page(silent.port),
        "/no-frames": NO_FRAMES + CONTENT,
        "/plain": CONTENT,
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", silent.port
    server.shutdown()
    server.server_close()
    silent.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from leganto_qa.browser.browser_discovery import find_browser, launch_args

    choice = find_browser()
    if choice is None:
        pytest.skip("no Chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(**launch_args(choice))
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser, servers):
    """``open_page(path)`` → a fresh 1280x800 page showing that page (DOM ready)."""
    opened = []

    def go(path: str):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        opened.append(page)
        page.goto(servers[0] + path, wait_until="domcontentloaded")
        page.get_by_role("heading", name="Reading list").wait_for()
        return page

    yield go
    for page in opened:
        page.close()


def _assert_restored(page) -> None:
    assert page.viewport_size == {"width": 1280, "height": 800}
    assert page.evaluate("document.getElementById('lqa-text-spacing')") is None
    assert page.evaluate("document.querySelector('h1').style.fontSize") == ""


def test_hidden_offscreen_zero_size_and_never_loading_frames_do_not_hold_the_checks(
    open_page, monkeypatch
):
    # Were a hidden frame waited on, each settle would cost the whole (long) settle timeout.
    monkeypatch.setattr(layout, "SETTLE_TIMEOUT_S", 10.0)
    page = open_page("/framed")
    assert len(page.frames) == 5
    outcome = run_checks(page, WHERE, parse_checks("all"), budget_s=30.0)
    assert set(outcome.seconds) == set(NAMES)
    done = {gap["check"] for gap in outcome.not_completed}
    assert done == {"all"}, outcome.not_completed  # only the frame that never loaded
    assert outcome.not_completed[0]["phase"] == "frames"
    assert "/never" in outcome.not_completed[0]["reason"]
    for name in SETTLING:
        assert outcome.seconds[name] < 5.0, outcome.seconds
    assert "key-activation" in {f.rule for f in outcome.findings}  # the checks did their work
    _assert_restored(page)


def test_a_page_that_never_settles_is_recorded_not_completed_with_the_phase(open_page, monkeypatch):
    monkeypatch.setattr(layout, "SETTLE_TIMEOUT_S", 0.5)
    page = open_page("/no-frames")
    outcome = run_checks(page, WHERE, SETTLING, budget_s=30.0)
    phases = {gap["check"]: gap["phase"] for gap in outcome.not_completed}
    assert phases == {
        "reflow": "settle at 320 px",
        "text-spacing": "settle after restyling",
        "resize-text": "settle after restyling",
        "orientation": "settle in portrait",
        "activation": 'settle after Enter on button "Export"',
    }
    for gap in outcome.not_completed:
        assert "no animation frame" in gap["reason"]
    assert outcome.findings == []  # nothing is passed off as checked
    for name in SETTLING:  # the settle wait, plus restoring the page afterwards
        assert outcome.seconds[name] < 3.0, outcome.seconds
    _assert_restored(page)


def test_a_check_over_its_budget_is_abandoned_and_the_run_goes_on(open_page):
    page = open_page("/plain")
    outcome = run_checks(page, WHERE, parse_checks("all"), budget_s=0.0)
    assert set(outcome.seconds) == set(NAMES)
    abandoned = {gap["check"]: gap for gap in outcome.not_completed}
    assert set(abandoned) == set(NAMES) - {"dialogs"}  # no dialog open: nothing to check
    assert abandoned["reflow"]["phase"] == "measure at the page's width"
    assert abandoned["keyboard"]["phase"] == "Tab walk"
    assert all("budget of 0 s ran out" in g["reason"] for g in abandoned.values())
    assert outcome.findings == []
    _assert_restored(page)


def test_within_its_budget_the_framed_page_is_checked_like_a_plain_one(open_page):
    plain = run_checks(open_page("/plain"), WHERE, parse_checks("all"))
    framed = run_checks(open_page("/framed"), WHERE, parse_checks("all"))
    assert plain.not_completed == []
    assert sorted(f.fingerprint for f in plain.findings) == sorted(
        f.fingerprint for f in framed.findings
    )


def test_axe_reports_the_never_loading_frame_as_not_scanned_and_finishes(open_page):
    from leganto_qa.scanning.axe_scan import scan

    result = scan(open_page("/framed"), WHERE)
    reasons = {u.reason for u in result.untested if "/never" in u.url}
    assert reasons == {"the frame's page never finished loading"}, result.untested
