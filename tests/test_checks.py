"""The browser checks on small pages of their own: each criterion's failing and passing case.

Real Chromium, pages given with ``set_content``; each case gets a fresh page.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from leganto_qa.checks.check_runner import run_checks
from leganto_qa.checks.registry import NAMES, check_named, parse_checks
from leganto_qa.model.errors import HarnessError
from leganto_qa.model.findings import StateContext
from tests import checks_pages as pages

WHERE = StateContext("test/page", "en", "student", "http://example.test/page")


def test_parse_checks_names_defaults_and_errors():
    assert parse_checks(None) == NAMES
    assert parse_checks("all") == NAMES
    assert parse_checks("none") == ()
    assert parse_checks("reflow, keyboard") == ("reflow", "keyboard")
    with pytest.raises(HarnessError, match=r"unknown check 'keybord'.*choose from"):
        parse_checks("keybord")


def test_each_name_of_the_registry_is_the_check_its_module_holds():
    assert [check_named(name).name for name in NAMES] == list(NAMES)


def test_the_cli_and_a_run_without_checks_load_no_check_module():
    """``leganto-qa scan``/``run`` parse ``--checks`` before pytest starts; that, and a run with
    ``--checks none``, must not pay for importing every check."""
    import json
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "import leganto_qa.cli.main, leganto_qa.cli.scan_command\n"
        "from leganto_qa.checks.check_runner import run_checks\n"
        "from leganto_qa.checks.registry import parse_checks, selected\n"
        "assert parse_checks('keyboard,reflow') == ('reflow', 'keyboard')\n"
        "assert selected(parse_checks('none')) == []\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('leganto_qa.checks.'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout))
    modules = {f"leganto_qa.checks.{module}" for module in ("keyboard", "reflow", "dialogs")}
    assert not loaded & modules, sorted(loaded & modules)


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
def check(browser):
    """``check(html, names)`` → findings of those checks on a fresh 1280x800 page."""
    opened = []

    def run(html: str, names: str):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        opened.append(page)
        page.set_content(html)
        outcome = run_checks(page, WHERE, parse_checks(names))
        assert not outcome.errors, outcome.errors
        run.outcome = outcome
        run.page = page
        return outcome.findings

    yield run
    for page in opened:
        page.close()


def rules(findings):
    return sorted({f.rule for f in findings})


pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("html", "names", "rule", "element"),
    [
        (pages.UNREACHABLE_ROLE, "keyboard", "keyboard-unreachable", "#fake"),
        (pages.UNREACHABLE_POINTER, "keyboard", "keyboard-unreachable", "#chip"),
        (pages.TRAP, "keyboard", "keyboard-trap", "#note"),
        (pages.POSITIVE_TABINDEX, "keyboard", "positive-tabindex", "input"),
        (pages.MOUSEDOWN_IMAGE, "keyboard", "keyboard-unreachable", "#add"),
        (pages.ORDER_REVERSED, "keyboard", "focus-order", "#links"),
        (pages.FOCUS_NONE, "focus", "focus-visible", "#plain"),
        (pages.OBSCURED, "focus", "focus-obscured", "div.bar"),
        (pages.DIALOG_NO_RETURN, "dialogs", "focus-return", "#dlg"),
        (pages.DIALOG_ANIMATED_NO_RETURN, "dialogs", "focus-return", "#dlg"),
        (pages.DIALOG_NO_ESCAPE, "dialogs", "dialog-focus", "#dlg"),
        (pages.DIALOG_NO_TRAP, "dialogs", "dialog-focus", "#dlg"),
        (pages.dialog_no_focus(), "dialogs", "dialog-focus", "#dlg"),
        (pages.REFLOW_FIXED, "reflow", "reflow", "#wide"),
        (pages.SPACING_CLIPPED, "text-spacing", "text-spacing", "#tag"),
        (pages.RESIZE_CLIPPED, "resize-text", "resize-text", "#badge"),
        (pages.TARGETS_SMALL, "target-size", "target-size", "#a"),
        (pages.ORIENTATION_LOCKED, "orientation", "orientation", "#details"),
        (pages.ORIENTATION_ROTATED, "orientation", "orientation", "#scanner"),
        (pages.ACTIVATION_MOUSE_ONLY, "activation", "key-activation", "#fake"),
        (pages.STATUS_SILENT, "activation,status", "status-message", "#toast"),
        (pages.FRAME_UNREACHABLE, "keyboard", "keyboard-unreachable", "#inner"),
        (pages.SHADOW_FOCUS_NONE, "focus", "focus-visible", "#inner"),
        (pages.ON_FOCUS_NAVIGATES, "keyboard", "on-focus", "button"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_each_barrier_is_reported_with_element_sentence_and_criteria(
    check, html, names, rule, element
):
    findings = [f for f in check(html, names) if f.rule == rule]
    assert findings, rules(check.outcome.findings)
    finding = findings[0]
    assert finding.source == f"check:{rule}" and finding.kind == "wcag"
    assert finding.criteria and finding.level in ("A", "AA")
    assert any(element in e.selector for f in findings for e in f.elements), [
        e.selector for f in findings for e in f.elements
    ]
    assert len(finding.description) > 40 and finding.description.endswith(".")
    assert finding.page_state == "test/page" and finding.fingerprint
    assert names.split(",")[-1] in check.outcome.seconds


@pytest.mark.parametrize(
    ("html", "names"),
    [
        (pages.KEYBOARD_OK, "keyboard,focus"),
        (pages.POINTER_NO_HANDLER, "keyboard"),
        (pages.ORDER_OK, "keyboard"),
        (pages.FOCUS_CUSTOM, "keyboard,focus"),
        (pages.DIALOG_OK, "keyboard,focus,dialogs"),
        (pages.DIALOG_ANIMATED_OK, "keyboard,focus,dialogs"),
        (pages.REFLOW_OK, "reflow"),
        (pages.SPACING_OK, "text-spacing"),
        (pages.WRAPPED_LINKS, "reflow,text-spacing"),
        (pages.RESIZE_OK, "resize-text"),
        (pages.TARGETS_OK, "target-size"),
        (pages.ORIENTATION_OK, "orientation"),
        (pages.ACTIVATION_OK, "activation"),
        (pages.STATUS_LIVE, "activation,status"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_correct_patterns_are_not_reported(check, html, names):
    assert check(html, names) == []


def test_checks_restore_the_viewport_and_styles(check):
    check(pages.SPACING_CLIPPED, "reflow,text-spacing,resize-text,orientation")
    page = check.page
    assert page.viewport_size == {"width": 1280, "height": 800}
    assert page.evaluate("document.getElementById('lqa-text-spacing')") is None
    assert page.evaluate("document.getElementById('tag').style.fontSize") == ""


def test_a_finding_comes_with_an_outlined_screenshot(check):
    findings = check(pages.FOCUS_NONE, "focus")
    shot = check.outcome.shots[findings[0].fingerprint]
    image = Image.open(io.BytesIO(shot))
    assert image.size[0] < 1280 and image.size[1] < 800  # a crop around the element
    colours = {colour[:3] for _, colour in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (214, 0, 108) in colours  # the magenta outline of crops.py
    box = findings[0].elements[0].box
    assert box is not None and box[2] > 0


def test_the_same_page_gives_the_same_fingerprints(check):
    first = check(pages.ORDER_REVERSED + pages.FOCUS_NONE, "keyboard,focus")
    again = check(pages.ORDER_REVERSED + pages.FOCUS_NONE, "keyboard,focus")
    assert [f.fingerprint for f in first] == [f.fingerprint for f in again]
    assert [len(f.elements) for f in first] == [len(f.elements) for f in again]


def test_run_with_an_unknown_check_is_a_one_line_error(tmp_path):
    import subprocess
    import sys

    from tests.conftest import REPO, write_config

    config = write_config(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "leganto_qa.cli",
            "run",
            "--config",
            str(config),
            "--checks",
            "bogus",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("leganto-qa: --checks: unknown check 'bogus'")
    assert "Traceback" not in result.stderr
