"""The browser checks on the stand-in: every barrier of RELEASES.md is found, nothing else.

Uses the suite runs shared with tests/test_suites_on_standin.py (same arguments, so no extra
browser session): the checks run by default in the default locale (en).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
LOCALES = ("--leganto-locale", "en", "--leganto-locale", "nb")

BARRIERS = {
    ("focus-return", "list/student/accessibility-dialog", 'data-dialog-name="accessibility"'),
    ("keyboard-trap", "list/instructor/new-section-dialog", "#section-description"),
    ("keyboard-unreachable", "list/student/citation-full", "img.full-thumb"),
    ("key-activation", "list/student/citation-full", "#citation-full-mark-done"),
    ("status-message", "list/student/citation-full", "#citation-full-toast"),
    ("focus-order", "list/student/citation-full", "#citation-full-mark-done"),
    ("focus-visible", "list/student/citation-full", "#citation-full-back"),
    ("target-size", "list/student/citation-full", "#citation-full-details-show"),
    ("text-spacing", "list/student/citation-full", "p.item-type"),
    ("resize-text", "list/student/citation-full", "h1"),
    ("orientation", "list/student/citation-full", "section.full-details-section"),
    ("positive-tabindex", "lists/student", "#search-bar"),
    ("positive-tabindex", "find-lists/anonymous/results", "#search-bar"),
    ("reflow", "lists/student", "div.row.result-count"),
    ("reflow", "find-lists/anonymous/results", "div.row.result-count"),
    ("focus-obscured", "public-list/anonymous", "#public-login-banner"),
}
"""(rule, page state, a piece of an element's selector or HTML), as RELEASES.md documents."""


def _check_rules(finding):
    """The check rules that reported ``finding``: its own source, or beside axe-core's."""
    sources = [finding["source"], *finding.get("also_seen_by", ())]
    return {s.split(":", 1)[1] for s in sources if s.startswith("check:")}


def _check_findings(record):
    return [f for f in record["findings"] if _check_rules(f)]


def _matches(finding, rule, state, piece):
    return (
        rule in _check_rules(finding)
        and finding["page_state"] == state
        and any(piece in e["selector"] or piece in e["html"] for e in finding["elements"])
    )


@pytest.mark.parametrize("release", ["2024-05", "2024-06"])
def test_every_documented_barrier_is_found_and_nothing_else(suite_runs, release):
    _, record = suite_runs.get(f"r{release}", "--leganto-release", release, *LOCALES)
    found = _check_findings(record)
    missing = [b for b in sorted(BARRIERS) if not any(_matches(f, *b) for f in found)]
    assert not missing, missing
    unexpected = [
        (f["rule"], f["page_state"], f["identity"])
        for f in found
        if not any(_matches(f, *b) for b in BARRIERS)
    ]
    assert not unexpected, unexpected
    for finding in found:
        assert finding["kind"] == "wcag" and finding["locale"] == "en"
        assert finding["criteria"] and finding["description"]


def test_check_costs_and_screenshots_are_in_the_run(suite_runs):
    _, record = suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    run_dir = suite_runs.run_dir("r2024-06")
    states = {(s["id"], s["locale"]): s for s in record["page_states"]}
    citation = states[("list/student/citation-full", "en")]
    assert {"keyboard", "focus", "reflow", "text-spacing"} <= set(citation["check_seconds"])
    assert states[("list/student/citation-full", "nb")]["check_seconds"] == {}
    # Every check finished on every page state, OneTrust's off-screen frame notwithstanding.
    assert [s["checks_not_completed"] for s in record["page_states"]] == [
        [] for _ in record["page_states"]
    ]
    focus = next(f for f in _check_findings(record) if f["rule"] == "focus-visible")
    folder = run_dir / citation["screenshot"].rsplit("/", 1)[0]
    shot = folder / "checks" / f"{focus['fingerprint']}.png"
    assert shot.read_bytes()[:4] == b"\x89PNG"
