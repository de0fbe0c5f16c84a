"""The content rules (checks ``content`` and ``focus-removed``) on barrier and correct pages.

Each rule has ``tests/data/rules/<rule>-barrier.html`` (the rule must report the element with
the ``id`` given below) and ``<rule>-correct.html`` (no finding of any content rule). Pages are
served over HTTP on loopback and checked in one shared Chromium.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from leganto_qa.checks.check_runner import run_checks
from leganto_qa.checks.content import RULES as CONTENT_RULES
from leganto_qa.checks.rules import RULES
from leganto_qa.model.findings import StateContext
from leganto_qa.reports.wcag import catalogue

pytestmark = pytest.mark.browser
PAGES = Path(__file__).parent / "data" / "rules"
ALL_RULES = (*CONTENT_RULES, "focus-removed")
CHECKS = ("content", "focus-removed")
BARRIERS: dict[str, tuple[str, ...]] = {
    "link-purpose": ("#generic", "#nb", "#same1"),
    "skip-link-target": ("#skip",),
    "file-link-type": ("#pdf", "#doc"),
    "table-headers": ("#loans", "#fee", "#gone"),
    "layout-table": ("#layout",),
    "error-association": ("#email", "#code"),
    "required-indicator": ("#title", "#isbn"),
    "group-name": ("#r1", "#c1"),
    "autocomplete-missing": ("#n", "#e", "#t", "#p"),
    "alt-quality": ("#file", "#prefix", "#placeholder", "#both"),
    "css-content": ("#new", "label.req"),
    "focus-removed": ("#help", "#go"),
    "accesskey-clash": ("#s1", "#file"),
    "tabindex-noninteractive": ("#plain", "#card"),
    "page-title": ("title",),
    "duplicate-id-ref": ("input.work", "p.first"),
    "visible-label": ("#area", "#rest", "#mail", "#format"),
    "label-in-name": ("#find", "#export", "#clear"),
    "custom-control-role": ("#reserve", "#box", "#print"),
    "font-size-vw": ("#head", "#lead", "#inline"),
    "hidden-focusable": ("#register", "#ghost"),
}
"""Rule → selectors (pieces) of the elements its barrier page must be reported on."""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(PAGES)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def page(base_url):
    from playwright.sync_api import sync_playwright

    from leganto_qa.browser.browser_discovery import find_browser, launch_args

    choice = find_browser()
    if choice is None:
        pytest.skip("no Chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(choice))
        opened = browser.new_page(viewport={"width": 1280, "height": 800})
        yield opened
        browser.close()


def findings_on(page, base_url: str, name: str) -> list[Any]:
    url = f"{base_url}/{name}.html"
    page.goto(url)
    outcome = run_checks(page, StateContext(f"rules/{name}", "en", "student", url), CHECKS)
    assert not outcome.errors and not outcome.not_completed, (outcome.errors, outcome.not_completed)
    return outcome.findings


def test_every_content_rule_has_pages_criteria_and_a_mapping():
    mapped = catalogue()
    for rule in ALL_RULES:
        assert (PAGES / f"{rule}-barrier.html").is_file() and (
            PAGES / f"{rule}-correct.html"
        ).is_file()
        assert RULES[rule].criteria, rule
        assert mapped.mapping(f"check:{rule}", rule) == RULES[rule].criteria, rule
    assert set(BARRIERS) == set(ALL_RULES)


@pytest.mark.parametrize("rule", sorted(BARRIERS))
def test_the_barrier_page_is_reported_on_each_element(page, base_url, rule):
    found = [f for f in findings_on(page, base_url, f"{rule}-barrier") if f.rule == rule]
    seen = [e.selector for f in found for e in f.elements]
    for piece in BARRIERS[rule]:
        assert any(piece in s for s in seen), (piece, seen)
    for finding in found:
        assert finding.source == f"check:{rule}" and finding.criteria == RULES[rule].criteria
        assert finding.description.endswith(".") and "\n" not in finding.description


@pytest.mark.parametrize("rule", sorted(BARRIERS))
def test_the_correct_page_has_no_content_finding(page, base_url, rule):
    found = findings_on(page, base_url, f"{rule}-correct")
    alarms = [(f.rule, f.description) for f in found if f.rule in ALL_RULES]
    assert not alarms


def test_a_link_with_role_button_must_press_with_space(page, base_url):
    def found(name: str) -> list[Any]:
        url = f"{base_url}/{name}.html"
        page.goto(url)
        outcome = run_checks(
            page, StateContext(f"rules/{name}", "en", "student", url), ("activation",)
        )
        return [f for f in outcome.findings if f.rule == "key-activation"]

    barrier = found("key-activation-link-barrier")
    assert barrier and "Space" in barrier[0].description
    assert barrier[0].elements[0].selector == "#linkbutton"
    assert found("key-activation-link-correct") == []
