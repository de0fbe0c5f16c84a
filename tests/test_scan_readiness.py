"""When a scanned page counts as ready: load, then a DOM quiet for ``[harness] ready_quiet_ms``
and a page that stayed on its URL for ``stay_ms`` (leganto_qa.browser.dom_window); never a
network-idle wait, so audio and video do not hold a page up.

One ``leganto-qa scan`` with the default windows visits: a page that builds itself for a while
after load, a page embedding audio that streams for minutes (it never reaches network idle),
a page that sends itself to a login page just after load, and a plain page.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from leganto_qa.config.models import STAY_MS
from leganto_qa.config.sandboxes import load_config
from tests.conftest import REPO, write_config

PAGE = (
    "<!doctype html><html lang='en'><title>{title}</title><body><main>{body}</main></body></html>"
)
GROWS = """<h1>Reading list</h1><ul id="items"></ul><script>
addEventListener('load', () => {
  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    const item = document.createElement('li');
    item.textContent = 'Item ' + n;
    document.getElementById('items').append(item);
    if (n === 25) {
      clearInterval(timer);
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('main').append(img);
    }
  }, 20);
});
</script>"""
"""Builds itself for about half a second after load, then adds an image without ``alt``."""
MEDIA = """<h1>Lecture recording</h1><p>Listen to the first lecture.</p>
<object data="/lecture.mp3" type="audio/mpeg" width="300" height="40"></object>
<video src="/lecture.mp3" controls width="300"><track kind="captions" src="/c.vtt"></video>"""
"""An ``<object>`` of audio without a text alternative (axe: object-alt) and a video."""
LEAVES = """<h1>Reading lists</h1><p>Checking your session.</p><script>
addEventListener('load', () => setTimeout(() => { location.href = '/login'; }, 50));
</script>"""
LOGIN = "<h1>Log in</h1><form><label>User <input name=u></label></form>"
FINE = "<h1>Reading lists</h1><p>Everything is fine here.</p>"
FORM = "<h1>Search</h1><label>Title <input autofocus></label><label>Note <textarea></textarea>"
PAGES = {
    "/form": ("Form", FORM),
    "/grows": ("Grows", GROWS),
    "/media": ("Media", MEDIA),
    "/leaves": ("Leaves", LEAVES),
    "/login": ("Log in", LOGIN),
    "/fine": ("Fine", FINE),
}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/lecture.mp3":
            self._stream_audio()
            return
        title, body = PAGES.get(path, ("Not found", "<h1>Not found</h1>"))
        data = PAGE.format(title=title, body=body).encode()
        self.send_response(200 if path in PAGES else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream_audio(self) -> None:
        """Audio that keeps coming (a long recording): a frame each 50 ms until the end."""
        self.send_response(200)
        self.send_header("Content-Type", "audio/mpeg")
        self.send_header("Content-Length", str(10_000_000))
        self.end_headers()
        try:
            while not self.server.stop.wait(0.05):  # the server's pace, not the test's
                self.wfile.write(b"\xff\xfb\x90\x00" + bytes(412))
                self.wfile.flush()
        except OSError:
            return


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stop = threading.Event()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def scanned(site: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """One ``leganto-qa scan --checks none`` of the pages, default windows; folder and record."""
    folder = tmp_path_factory.mktemp("ready")
    config = write_config(folder)
    assert load_config(config).stay_ms == STAY_MS  # the defaults are what is tested here
    urls = [site + path for path in ("/grows", "/media", "/leaves", "/fine")]
    command = [sys.executable, "-m", "leganto_qa.cli", "scan", "--config", str(config)]
    result = subprocess.run(
        [*command, "--checks", "none", *urls],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    records = list(Path(folder, "reports", "runs", "scan").glob("*/record.json"))
    assert len(records) == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    record_path = records[0]
    return record_path.parent, json.loads(record_path.read_text())


def _outcomes(record: dict) -> dict[str, dict]:
    return {o["test"].split("[")[-1].rstrip("]"): o for o in record["outcomes"]}


def _rules(record: dict, state: str) -> set[str]:
    return {f["rule"] for f in record["findings"] if f["page_state"] == state}


@pytest.mark.browser
def test_a_page_that_builds_itself_is_captured_once_it_stopped(scanned):
    folder, record = scanned
    assert _outcomes(record)["/grows"]["outcome"] == "failed"  # failed on its findings
    assert "image-alt" in _rules(record, "/grows")  # the image added last
    [state] = [s for s in record["page_states"] if s["id"] == "/grows"]
    assert state["health"] == "ok"
    aria = (folder / state["aria_snapshot"]).read_text()
    assert "Item 25" in aria


@pytest.mark.browser
def test_a_page_with_streaming_audio_is_scanned_at_once_and_loses_no_axe_finding(scanned):
    _, record = scanned
    outcome = _outcomes(record)["/media"]
    assert outcome["outcome"] == "failed", outcome  # on its findings, not a timeout
    assert "object-alt" in _rules(record, "/media")
    assert outcome["duration_s"] < 20, outcome  # was 30 s waiting for network idle, then nothing


@pytest.mark.browser
def test_a_page_that_leaves_by_itself_is_not_judged(scanned):
    _, record = scanned
    outcome = _outcomes(record)["/leaves"]
    assert outcome["outcome"] == "inconclusive", outcome
    assert "login expired" in outcome["message"] and "/login" in outcome["message"]
    assert not _rules(record, "/leaves")
    assert "/leaves" not in {s["id"] for s in record["page_states"]}


@pytest.mark.browser
def test_pages_after_those_are_scanned_in_the_reused_page_as_usual(scanned):
    _, record = scanned
    assert _outcomes(record)["/fine"]["outcome"] == "passed"
    [state] = [s for s in record["page_states"] if s["id"] == "/fine"]
    assert state["title"] == "Fine" and state["health"] == "ok"


@pytest.mark.browser
def test_the_page_state_screenshot_does_not_count_as_the_page_changing(site):
    # Playwright hides the caret by restyling every text field; the DOM watch took that for the
    # page changing under its capture, and every page with a form was captured twice.
    from playwright.sync_api import sync_playwright

    from leganto_qa.browser.browser_discovery import find_browser, launch_args
    from leganto_qa.browser.page_health import hold_still, navigate
    from leganto_qa.model.redaction import Redactor
    from leganto_qa.scanning.secret_masks import screenshot

    choice = find_browser()
    assert choice is not None, "no Chromium found; run 'leganto-qa doctor'"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(choice))
        try:
            page = browser.new_page()
            navigate(page, site + "/form", stay_ms=200, dom_quiet_ms=200)
            assert screenshot(page, Redactor()).startswith(b"\x89PNG")
            page.locator("body").aria_snapshot()
            assert hold_still(page) is True  # held still: no second capture
        finally:
            browser.close()


def test_a_scan_loads_no_plugin_it_does_not_use_and_workflows_keep_pytest_html():
    from leganto_qa.cli.run_command import RunRequest, pytest_command

    scan = pytest_command(RunRequest(REPO / "sandboxes.toml", "scan", ("scan",)), "r1")
    assert {"-pno:hypothesispytest", "-pno:benchmark", "-pno:html"} <= set(scan)
    workflows = pytest_command(RunRequest(REPO / "sandboxes.toml", "demo", ("workflows",)), "r2")
    assert "-pno:hypothesispytest" in workflows and "-pno:html" not in workflows
