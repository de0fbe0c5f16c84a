"""The state explorer on a static page served on loopback: what it opens, names, scans and
restores (a disclosure, a dialog, a menu button, a tab set, a tooltip, a control that leaves the
page and one whose click changes nothing)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from leganto_qa.checks.widgets import WIDGET_RULES
from leganto_qa.config.run_context import RunContext
from leganto_qa.config.sandboxes import load_config
from leganto_qa.explore.explorer import SEPARATOR, Explorer
from leganto_qa.explore.page_probe import signature
from leganto_qa.explore.settings import ExploreSettings
from leganto_qa.model.records import RunLayout, read_parts
from leganto_qa.scanning.state_capture import StateCapture
from tests.conftest import write_config

pytestmark = pytest.mark.browser
PAGES = Path(__file__).parent / "data" / "explore"
PARENT = "list/instructor"


def _child(name: str, parent: str = PARENT) -> str:
    return f"{parent}{SEPARATOR}{name}"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(PAGES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


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


def _run(tmp_path: Path) -> RunContext:
    config = load_config(write_config(tmp_path))
    return RunContext(
        harness=config,
        sandbox=config.sandbox("demo"),
        run_id="20261201T000000Z-explore",
        layout=RunLayout(tmp_path / "run"),
        worker="gw0",
        axe_only=False,
        headed=False,
        progress=False,
        started_at="",
        accepted=frozenset(),
    )


@pytest.fixture(scope="module")
def explored(browser, site, tmp_path_factory):
    """The page captured once with the explorer; (explorer, parent result, parts, page facts)."""
    tmp_path = tmp_path_factory.mktemp("explore")
    run = _run(tmp_path)
    capture = StateCapture(run, "tests/test_explore.py::explored")
    url = f"{site}/index.html"
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(url)
        before = signature(page)
        explorer = Explorer(
            capture,
            ExploreSettings(max_states=10, budget_s=60),
            steps=(url,),
            reach_again=lambda p: p.goto(url),
        )
        result = capture(page, PARENT, "instructor", "en", (url,), also=explorer)
        after = signature(page)
        facts = {"same": (before.text, before.count) == (after.text, after.count), "url": page.url}
    finally:
        page.close()
    parts = [p for p in read_parts(run.layout) if p["kind"] == "page_state"]
    return explorer, result, parts, facts, url


def test_each_widget_is_a_child_state_named_after_its_control(explored):
    explorer, _, parts, _, _ = explored
    children = {c.state: c.widget for c in explorer.outcome.children}
    assert set(children) == {
        _child("Share list"),
        _child("List actions"),
        _child("More about this section"),
        _child("Notes"),
        _child("Citation styles"),
    }
    assert children[_child("Share list")].kind == "dialog"
    assert children[_child("List actions")].kind == "menu"
    assert children[_child("More about this section")].kind == "disclosure"
    assert children[_child("Notes")].kind == "tabs"
    tooltip = children[_child("Citation styles")]
    assert (tooltip.kind, tooltip.how) == ("tooltip", "hover")
    assert children[_child("Share list")].region == "#share-dialog"
    # every child state is in the run record, with the parent's steps and the click
    stored = {p["state"]["id"]: p["state"] for p in parts}
    assert set(children) | {PARENT} == set(stored)
    assert stored[_child("Share list")]["steps"][-1] == "click button 'Share list'"
    hover = stored[_child("Citation styles")]["steps"][-1]
    assert hover == "hover over button 'Citation styles'"


def test_what_leaves_the_page_or_changes_nothing_is_no_state(explored):
    explorer, *_ = explored
    assert explorer.outcome.left_page == ["Open the course page"]
    assert "Refresh nothing" in explorer.outcome.unchanged
    assert explorer.outcome.stopped == ""


def test_the_image_inside_the_dialog_is_found_only_through_exploration(explored):
    explorer, parent, *_ = explored
    assert "image-alt" not in {f.rule for f in parent.findings}
    [share] = [c for c in explorer.outcome.children if c.state.endswith("Share list")]
    [image] = [f for f in share.result.findings if f.rule == "image-alt"]
    assert image.page_state == _child("Share list")
    assert any("qr.png" in e.html for e in image.elements)
    assert image in share.result.new and image in explorer.new


def test_the_page_is_back_in_its_state_at_the_end(explored):
    *_, facts, url = explored
    assert facts["url"] == url and facts["same"]


def test_exploring_off_or_without_controls_opens_nothing(browser, site, tmp_path):
    run = _run(tmp_path)
    capture = StateCapture(run, "tests/test_explore.py::off")
    page = browser.new_page()
    try:
        for settings in (ExploreSettings(enabled=False), ExploreSettings(max_states=0)):
            page.goto(f"{site}/index.html")
            explorer = Explorer(capture, settings)
            capture(page, "off", "instructor", "en", also=explorer)
            assert explorer.outcome.children == [] and explorer.outcome.tried == 0
    finally:
        page.close()
    assert {p["state"]["id"] for p in read_parts(run.layout) if p["kind"] == "page_state"} == {
        "off"
    }


def test_the_budgets_of_states_and_seconds_are_kept(browser, site, tmp_path):
    run = _run(tmp_path)
    capture = StateCapture(run, "tests/test_explore.py::budget")
    page = browser.new_page()
    try:
        page.goto(f"{site}/index.html")
        two = Explorer(capture, ExploreSettings(max_states=2))
        capture(page, "two", "instructor", "en", also=two)
        page.goto(f"{site}/index.html")
        late = Explorer(capture, ExploreSettings(budget_s=1e-6))
        capture(page, "late", "instructor", "en", also=late)
    finally:
        page.close()
    assert two.outcome.tried == 2
    assert [c.state for c in two.outcome.children] == [
        _child("Share list", "two"),
        _child("List actions", "two"),
    ]
    assert late.outcome.children == [] and late.outcome.stopped == "budget of seconds spent"


def test_widget_checks_on_what_opened_are_findings_of_the_parent(explored):
    _, parent, *_ = explored
    widget = [f for f in parent.findings if f.rule in WIDGET_RULES]
    assert widget and {f.page_state for f in widget} == {PARENT}
    # the tooltip hides as soon as the pointer leaves its button, so it cannot be hovered (1.4.13)
    assert "hover-content" in {f.rule for f in widget}, [(f.rule, f.description) for f in widget]
