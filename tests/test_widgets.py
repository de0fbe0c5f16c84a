"""The widget checks (issue 13 item 2) on the WAI-ARIA Authoring Practices patterns.

Each pattern has an accessible page (no problem at all) and broken pages (the expected rule).
The pages (tests/data/widgets/) are served on loopback and driven in one real Chromium; the
:class:`OpenedWidget` is written by hand, as the state explorer would hand it over. After every
case the widget must be closed again.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from leganto_qa.checks.base import CheckContext
from leganto_qa.checks.rules import RULES
from leganto_qa.checks.widgets import (
    WIDGET_RULES,
    OpenedWidget,
    WidgetNotRestored,
    widget_problems,
)
from leganto_qa.model.findings import StateContext

PAGES = Path(__file__).parent / "data" / "widgets"
WHERE = StateContext("test/widgets", "en", "student", "http://127.0.0.1/")


def widget(trigger: str, name: str, kind: str, how: str = "click", region: str | None = None):
    return OpenedWidget(trigger=trigger, name=name, kind=kind, how=how, region=region)


CASES: list[tuple[str, OpenedWidget, set[str]]] = [
    ("disclosure-ok", widget("#more", "More about the library", "disclosure"), set()),
    (
        "disclosure-div-button",
        widget("#more", "More about the library", "disclosure"),
        {"widget-keyboard"},
    ),
    (
        "disclosure-enter-only",
        widget("#more", "More about the library", "disclosure"),
        {"widget-keyboard"},
    ),
    (
        "details-ok",
        widget("#summary", "How long can I borrow a book?", "disclosure", region="#rules"),
        set(),
    ),
    ("menu-ok", widget("#actions", "Actions", "menu"), set()),
    ("menubar-ok", widget("#m-services", "Services", "menu"), set()),
    ("menubar-no-arrows", widget("#m-services", "Services", "menu"), {"widget-keyboard"}),
    ("menu-no-escape", widget("#actions", "Actions", "menu"), {"widget-keyboard"}),
    (
        "menu-collapsed-tabbable",
        widget("#services", "Services", "menu", region="#sub"),
        {"hidden-focusable"},
    ),
    ("combobox-ok", widget("#course", "Course", "listbox"), set()),
    ("combobox-click-only", widget("#course", "Course", "listbox"), {"widget-keyboard"}),
    ("dialog-ok", widget("#share", "Share list", "dialog"), set()),
    ("dialog-no-focus", widget("#share", "Share list", "dialog"), {"dialog-focus"}),
    ("dialog-no-escape", widget("#share", "Share list", "dialog"), {"dialog-escape"}),
    ("dialog-no-return", widget("#share", "Share list", "dialog"), {"focus-return"}),
    ("dialog-leaks", widget("#share", "Share list", "dialog"), {"dialog-focus"}),
    (
        "dialog-closed-tabbable",
        widget("#share", "Share list", "dialog"),
        {"hidden-focusable"},
    ),
    ("lightbox-ok", widget("#photo", "Book cover", "dialog"), set()),
    (
        "lightbox-leaks",
        widget("#photo", "Book cover", "dialog", region="#overlay"),
        {"dialog-focus"},
    ),
    ("tooltip-ok", widget("#help", "Loan period", "tooltip", "hover"), set()),
    (
        "tooltip-vanishes-on-hover",
        widget("#help", "Loan period", "tooltip", "hover"),
        {"hover-content"},
    ),
    ("tooltip-no-escape", widget("#help", "Loan period", "tooltip", "hover"), {"hover-content"}),
    ("tooltip-no-escape", widget("#help", "Loan period", "tooltip", "focus"), {"hover-content"}),
    ("tooltip-times-out", widget("#help", "Loan period", "tooltip", "hover"), {"hover-content"}),
    (
        "tooltip-hover-only",
        widget("#help", "Loan period", "tooltip", "hover"),
        {"widget-keyboard"},
    ),
    ("tabs-ok", widget("#tab-2", "Videos", "tabs"), set()),
    ("tabs-no-arrows", widget("#tab-2", "Videos", "tabs"), {"widget-keyboard"}),
    ("tabs-offscreen-panels", widget("#tab-2", "Videos", "tabs"), {"hidden-focusable"}),
]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(PAGES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


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
def run(browser, base_url):
    """``run(page name, widget)`` → (the problems, the check context) on a fresh page."""
    pages = []

    def check(name: str, opened: OpenedWidget):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        pages.append(page)
        page.goto(f"{base_url}/{name}.html")
        ctx = CheckContext(page=page, where=WHERE)
        return widget_problems(ctx, opened), ctx

    yield check
    for page in pages:
        page.close()


def test_every_widget_rule_has_criteria():
    for rule in WIDGET_RULES:
        assert RULES[rule].criteria, rule


@pytest.mark.parametrize(
    ("name", "opened", "expected"), CASES, ids=[f"{c[0]}-{c[1].how}" for c in CASES]
)
def test_widget_pattern(run, name: str, opened: OpenedWidget, expected: set[str]):
    problems, ctx = run(name, opened)
    assert {p.rule for p in problems} == expected, [p.sentence for p in problems]
    assert all(p.sentence and p.spots for p in problems)
    assert not _is_open(ctx, opened), "the widget was left open"


def test_a_widget_that_cannot_be_closed_again_is_reported_to_the_caller(run):
    with pytest.raises(WidgetNotRestored, match="stayed open"):
        run("dialog-stuck", widget("#share", "Share list", "dialog"))


def _is_open(ctx: CheckContext, opened: OpenedWidget) -> bool:
    from leganto_qa.checks.widget_session import Session

    return bool(Session(ctx, opened, opened.region, ctx.page.url).state()["open"])
