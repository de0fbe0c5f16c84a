"""The run's knobs in sandboxes.toml: ``[harness] check_budget_s``, ``[sandbox.<id>] retries``."""

from __future__ import annotations

import pytest

from leganto_qa.config.run_context import RunContext
from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.findings import StateContext
from leganto_qa.model.records import RunLayout
from tests.test_config import GOOD, edit, error_for, write


def test_defaults_are_a_60_s_budget_and_one_retry(tmp_path):
    config = load_config(write(tmp_path, GOOD))
    assert config.check_budget_s == 60.0
    assert [s.retries for s in config.sandboxes] == [1, 1]


def test_the_knobs_are_read(tmp_path):
    text = edit('reports_dir = "out"', 'reports_dir = "out"\ncheck_budget_s = 12.5')
    text = edit('release = "2024-07"', 'release = "2024-07"\nretries = 0', text)
    config = load_config(write(tmp_path, text))
    assert config.check_budget_s == 12.5
    assert config.sandbox("uio").retries == 0 and config.sandbox("demo").retries == 1
    whole = edit('reports_dir = "out"', 'reports_dir = "out"\ncheck_budget_s = 90')
    assert load_config(write(tmp_path, whole)).check_budget_s == 90.0


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("0", "must be above 0 and finite; write e.g. check_budget_s = 60"),
        ("-5.0", "must be above 0 and finite; write e.g. check_budget_s = 60"),
        ("nan", "must be above 0 and finite; write e.g. check_budget_s = 60"),
        ("inf", "must be above 0 and finite; write e.g. check_budget_s = 60"),
        ('"60"', "must be a number like check_budget_s = 60"),
        ("true", "must be a number like check_budget_s = 60"),
    ],
)
def test_a_bad_check_budget_is_one_line_naming_table_key_and_fix(tmp_path, value, problem):
    text = edit('reports_dir = "out"', f'reports_dir = "out"\ncheck_budget_s = {value}')
    assert error_for(tmp_path, text) == f"sandboxes.toml: [harness] check_budget_s {problem}"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("6", "must be from 0 to 5; write e.g. retries = 1"),
        ("-1", "must be from 0 to 5; write e.g. retries = 1"),
        ("1.5", "must be a whole number like retries = 1"),
        ('"1"', "must be a whole number like retries = 1"),
        ("false", "must be a whole number like retries = 1"),
    ],
)
def test_bad_retries_are_one_line_naming_table_key_and_fix(tmp_path, value, problem):
    text = edit('release = "2024-07"', f'release = "2024-07"\nretries = {value}')
    assert error_for(tmp_path, text) == f"sandboxes.toml: [sandbox.uio] retries {problem}"


def test_a_misspelt_knob_gets_a_did_you_mean(tmp_path):
    text = edit('reports_dir = "out"', 'reports_dir = "out"\ncheck_budget = 30')
    assert error_for(tmp_path, text) == (
        "sandboxes.toml: [harness] unknown key 'check_budget'; did you mean 'check_budget_s'?"
    )


@pytest.mark.browser
def test_the_checks_runner_gives_each_check_the_configured_budget(tmp_path):
    from playwright.sync_api import sync_playwright

    from leganto_qa.browser.browser_discovery import find_browser, launch_args
    from leganto_qa.checks.check_runner import for_state

    choice = find_browser()
    if choice is None:
        pytest.skip("no Chromium")
    text = edit('reports_dir = "out"', 'reports_dir = "out"\ncheck_budget_s = 0.000001')
    config = load_config(write(tmp_path, text))
    run = RunContext(
        harness=config,
        sandbox=config.sandbox("demo"),
        run_id="20261201T000000Z-knob",
        layout=RunLayout(tmp_path / "run"),
        worker="gw0",
        axe_only=False,
        headed=False,
        progress=False,
        started_at="",
        accepted=frozenset(),
        checks=("reflow",),
    )
    where = StateContext("knob/student", "en", "student", "about:blank")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(choice))
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_content("<main><h1>Reading list</h1><p>Chapter 2.</p></main>")
            outcome = for_state(run, page, where, tmp_path / "state")
        finally:
            browser.close()
    [gap] = outcome.not_completed
    assert gap["check"] == "reflow" and "budget of 1e-06 s ran out" in gap["reason"]
