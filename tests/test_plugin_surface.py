"""The plugin's public pytest surface, black-box: options and aliases, ini settings, fixtures a
project overrides, and findings a project's own hook adds.

Each test writes a small project with ``pytester`` and runs pytest on it in a subprocess (the
plugin puts the stand-in's secrets in the environment), against a copy of sandboxes.toml whose
reports go to the project's folder.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO, write_config

pytest_plugins = ["pytester"]

PROBE = """
def test_probe(leganto_run):
    assert leganto_run.sandbox.locales == ("nb",)
    assert leganto_run.checks == ("keyboard",)
    assert leganto_run.axe_only
"""


@pytest.fixture
def project(pytester, monkeypatch):
    """An empty project beside a copy of sandboxes.toml; its pytest uses this checkout's code."""
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    monkeypatch.delenv("LEGANTO_QA_CONFIG", raising=False)
    write_config(pytester.path)
    return pytester


def _record(project, run_id):
    path = project.path / "reports" / "runs" / "demo" / run_id / "record.json"
    return json.loads(path.read_text())


@pytest.mark.parametrize(
    "names",
    [
        ("--leganto-sandbox", "--leganto-release", "--leganto-locale", "--leganto-checks"),
        ("--sandbox", "--release", "--locale", "--checks"),
    ],
    ids=["leganto-names", "deprecated-aliases"],
)
def test_new_option_names_and_their_deprecated_aliases_configure_the_same_run(project, names):
    project.makepyfile(test_probe=PROBE)
    sandbox, release, locale, checks = names
    axe_only = "--leganto-axe-only" if sandbox.startswith("--leganto") else "--axe-only"
    run_id = "--leganto-run-id" if sandbox.startswith("--leganto") else "--run-id"
    result = project.runpytest_subprocess(
        *(sandbox, "demo", release, "2024-05", locale, "nb", checks, "keyboard", axe_only),
        *("--leganto-config", "sandboxes.toml", run_id, "probe"),
    )
    result.assert_outcomes(passed=1)
    deprecated = "*PytestDeprecationWarning: leganto-qa: deprecated option name(s)*--sandbox*"
    if sandbox == "--sandbox":
        result.stdout.fnmatch_lines([deprecated])
    else:
        result.stdout.no_fnmatch_line(deprecated)
    record = _record(project, "probe")
    assert record["sandbox"]["release"] == "2024-05"
    assert record["sandbox"]["locales"] == ["nb"]
    assert [o["outcome"] for o in record["outcomes"]] == ["passed"]


def test_ini_settings_configure_the_run_and_the_command_line_wins(project):
    project.makeini(
        """
        [pytest]
        leganto_sandbox = demo
        leganto_config = sandboxes.toml
        leganto_release = 2024-05
        leganto_locales =
            nb
        leganto_checks = keyboard
        leganto_axe_only = true
        """
    )
    project.makepyfile(test_probe=PROBE)
    result = project.runpytest_subprocess("--leganto-release", "2024-06", "--leganto-run-id", "ini")
    result.assert_outcomes(passed=1)
    assert _record(project, "ini")["sandbox"]["release"] == "2024-06"


def test_help_shows_the_leganto_options_and_marks_old_names_deprecated(project):
    result = project.runpytest_subprocess("--help")
    result.stdout.fnmatch_lines(
        [
            "*--leganto-sandbox=ID, --sandbox=ID*",
            "*leganto_sandbox (string)*",
            "*leganto_locales (linelist)*",
            "*leganto_axe_only (bool)*",
        ]
    )
    text = " ".join(result.stdout.str().split())
    assert "--sandbox is a deprecated alias" in text
    assert "--checks-all-locales is a deprecated alias" in text.replace("checks- all", "checks-all")


def test_public_fixtures_are_listed_with_their_docstrings(project):
    result = project.runpytest_subprocess("--fixtures")
    result.stdout.fnmatch_lines_random(
        [
            "leganto_launch_args*",
            "*Options of ``chromium.launch()`` for the Chromium the harness found.",
            "leganto_context_args*",
            "*Options of every browser context the harness opens*",
            "leganto_failure_evidence*",
            "*Keeps a screenshot and the trace of each context you ``watch(context)``*",
            "record_embedding*",
            "capture_state*",
        ]
    )


def test_without_a_sandbox_the_plugin_is_inert_and_fixtures_say_what_is_missing(project):
    project.makepyfile(
        test_plain="def test_plain():\n    pass\n",
        test_needs_run="def test_needs(leganto_run):\n    pass\n",
    )
    result = project.runpytest_subprocess()
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*these tests need a sandbox; pass --leganto-sandbox demo*"])
    assert not (project.path / "reports").exists()


@pytest.mark.browser
def test_failure_evidence_of_a_watched_context_reaches_the_record(project):
    project.makepyfile(
        test_evidence="""
        def test_fails(leganto_browser, leganto_context_args, leganto_failure_evidence):
            context = leganto_browser.new_context(**leganto_context_args)
            leganto_failure_evidence.watch(context)
            page = context.new_page()
            page.set_content("<h1>Not the list</h1>")
            assert page.locator("h1").inner_text() == "Reading list"
        """
    )
    result = project.runpytest_subprocess(
        *("--leganto-sandbox", "demo", "--leganto-config", "sandboxes.toml"),
        *("--leganto-run-id", "evidence"),
    )
    result.assert_outcomes(failed=1)
    (outcome,) = _record(project, "evidence")["outcomes"]
    assert outcome["outcome"] == "failed"
    assert any(a.endswith(".png") for a in outcome["artifacts"])
    assert any(a.endswith("trace.zip") for a in outcome["artifacts"])


@pytest.mark.browser
def test_overridden_context_args_reach_the_contexts_the_harness_opens(project):
    project.makeconftest(
        """
        import pytest

        @pytest.fixture(scope="session")
        def leganto_context_args(leganto_context_args):
            return {**leganto_context_args, "user_agent": "house-agent/1.0"}
        """
    )
    project.makepyfile(
        test_agent="""
        def test_agent(role_page, anonymous_role):
            page = role_page(anonymous_role)
            assert page.evaluate("navigator.userAgent") == "house-agent/1.0"
            assert page.viewport_size == {"width": 1280, "height": 800}
        """
    )
    result = project.runpytest_subprocess(
        *("--leganto-sandbox", "demo", "--leganto-config", "sandboxes.toml"),
        *("--leganto-locale", "en", "--leganto-run-id", "agent"),
    )
    result.assert_outcomes(passed=1)


@pytest.mark.browser
def test_a_finding_added_by_a_projects_hook_reaches_the_run_record(project):
    project.makeconftest(
        """
        def pytest_leganto_state_captured(page, state, add_finding):
            if page.locator("h1").count() == 0:
                add_finding(
                    "house-page-heading",
                    f"{state.page_state} has no h1",
                    selector="body",
                    criteria=("2.4.6",),
                    impact="moderate",
                )
        """
    )
    project.makepyfile(
        test_state="""
        def test_state(shared_page, capture_state, anonymous_role):
            page = shared_page(anonymous_role, "en")
            page.set_content("<title>Plain</title><main><p>No heading here</p></main>")
            result = capture_state(page, "headless-page", anonymous_role, "en")
            assert "house-page-heading" in [f.rule for f in result.new]
        """
    )
    result = project.runpytest_subprocess(
        *("--leganto-sandbox", "demo", "--leganto-config", "sandboxes.toml"),
        *("--leganto-locale", "en", "--leganto-checks", "none", "--leganto-axe-only"),
        *("--leganto-run-id", "hook"),
    )
    result.assert_outcomes(passed=1)
    record = _record(project, "hook")
    (finding,) = [f for f in record["findings"] if f["rule"] == "house-page-heading"]
    assert finding["source"] == "user:house-page-heading"
    assert finding["kind"] == "wcag" and finding["criteria"] == ["2.4.6"]
    assert (finding["page_state"], finding["role"], finding["locale"]) == (
        "headless-page",
        "anonymous",
        "en",
    )
    assert finding["elements"][0]["selector"] == "body"


def test_suites_run_from_the_checkout_root_with_suite_markers(tmp_path):
    config = write_config(tmp_path)
    command = [sys.executable, "-m", "pytest", "suites", "-m", "api", "--co", "-q"]
    command += ["--leganto-sandbox", "demo", "--leganto-config", str(config)]
    result = subprocess.run(
        [*command, "-p", "no:cacheprovider"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    collected = [line for line in result.stdout.splitlines() if "::" in line]
    assert collected and all(line.startswith("suites/api/") for line in collected)


def test_old_option_names_warn_with_their_new_names():
    from leganto_qa.pytest_plugin.plugin_options import deprecated_aliases_used

    args = ["suites", "--sandbox", "demo", "--checks=none", "--leganto-release", "x"]
    used = deprecated_aliases_used(args)
    assert used == ["--checks", "--sandbox"]
    assert deprecated_aliases_used(["--leganto-sandbox", "demo"]) == []
