"""``leganto-qa run --sandbox a --sandbox b`` and ``--all``: which sandboxes, and a sandbox that
cannot be reached is recorded as not run while the others still run."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from leganto_qa.cli.consortium_run import chosen_sandboxes, worst_exit_code
from leganto_qa.cli.main import main
from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.errors import ConfigError
from tests.conftest import REPO, write_config

UNREACHABLE = """
[sandbox.far]
kind = "remote"
base_url = "http://127.0.0.1:9"
institution = "47BIBSYS_UBO"
release = "2024-06"
locales = ["nb"]
[sandbox.far.targets]
list = "1"
citation = "2"
[sandbox.far.roles.student]
login = "storage-state"

[sandbox.pages]
kind = "pages"
pages = ["https://www.example.org/"]
"""


@pytest.fixture()
def config(tmp_path):
    return write_config(tmp_path, (REPO / "sandboxes.toml").read_text() + UNREACHABLE)


def test_all_chooses_every_sandbox_the_suites_support(config):
    harness = load_config(config)
    every = chosen_sandboxes(harness, (), True, ("workflows", "a11y"))
    assert "pages" not in every and {"demo", "far"} <= set(every)
    assert "pages" in chosen_sandboxes(harness, (), True, ("scan",))
    assert chosen_sandboxes(harness, ("far", "demo", "far"), False, ()) == ("far", "demo")


def test_sandbox_and_all_together_is_a_one_line_error(config):
    result = CliRunner().invoke(
        main, ["run", "--sandbox", "demo", "--all", "--config", str(config)]
    )
    assert result.exit_code == 1
    assert result.output.strip() == "leganto-qa: give --sandbox or --all, not both"
    with pytest.raises(ConfigError):
        chosen_sandboxes(load_config(config), ("demo",), True, ())


def test_the_worst_verdict_decides_the_exit_code():
    assert worst_exit_code([0, 2, 1]) == 2
    assert worst_exit_code([0, 1, 0]) == 1
    assert worst_exit_code([0, 0]) == 0


def test_an_unreachable_sandbox_is_not_run_and_the_others_still_run(config):
    """The API suite (no browser) on the stand-in, and a sandbox nobody answers."""
    result = CliRunner().invoke(
        main,
        ["run", "--sandbox", "far", "--sandbox", "demo", "--suite", "api", "--config", str(config)],
        env={"LEGANTO_QA_DEMO_PASSWORD": "consortium-test-3141"},
    )
    output = result.output
    assert "[1/2] far: not-run: sandbox 'far' at http://127.0.0.1:9 is unreachable" in output
    assert "[2/2] demo: running api" in output
    folders = list((config.parent / "reports" / "consortium").iterdir())
    assert len(folders) == 1
    overview = json.loads((folders[0] / "overview.json").read_text())
    rows = {row["sandbox"]: row for row in overview["sandboxes"]}
    assert rows["far"]["verdict"] == "not-run" and "unreachable" in rows["far"]["not_run"]
    assert rows["demo"]["verdict"] != "not-run" and rows["demo"]["passed"] > 0
    assert rows["demo"]["documents"]["findings"].startswith("../../runs/demo/")
    assert (folders[0] / "overview.nb.html").is_file()
    assert f"Consortium overview: {folders[0] / 'overview.html'}" in output
    assert result.exit_code == 1  # far's failure: the worst of the two
