"""Faults against an accepted baseline: inconclusive, never passed, resolved, fixed or regression.

A healthy run is accepted as the baseline; the same pages then fail the way a sandbox fails in
real life (maintenance, an error, a lost session, an empty page, a hang, a dropped connection).
The comparison must call the run inconclusive (exit 1) and count nothing: the accepted findings
of the faulted page states are *not checked*, not resolved. Once through ``scan`` with a
``pages`` sandbox on a loopback server, once through the demo sandbox's stand-in; both with
``retries = 0`` (the sandbox's knob), one ad-hoc scan with the default of one retry.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.errors import ConfigError
from tests.conftest import REPO, write_config
from tests.fault_server import FaultServer, serving

CLI = (sys.executable, "-m", "leganto_qa.cli")
FINE = "<main><h1>Reading lists</h1><p>All fine.</p><img src='/cover.png'></main>"
FAULTS = {
    "/maintenance": ("503", "HTTP 503"),
    "/error": ("500", "HTTP 500"),
    "/expired": ("login", "login expired"),
    "/empty": ("empty", "is empty"),
    "/hang": ("hang", "phase: goto"),
    "/drop": ("drop", "ERR_"),
}
"""Page → the fault it shows in the faulted run, and what its one-line cause must say."""
HEALTHY = "/still-fine"
"""A page that stays healthy: its accepted finding is seen again, not resolved or new."""


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    """Every page healthy, with one missing alt text, until a test names a fault for it."""
    with serving(FaultServer(healthy_body=FINE)) as server:
        yield server


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "LEGANTO_QA_NAV_TIMEOUT_MS": "3000", **(env or {})},
    )


def _runs(reports: Path, sandbox: str) -> set[Path]:
    return {p.parent for p in Path(reports, "runs", sandbox).glob("*/record.json")}


def _run_and_load(
    args: tuple[str, ...], reports: Path, sandbox: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], Path]:
    before = _runs(reports, sandbox)
    result = _cli(*args, env=env)
    new = _runs(reports, sandbox) - before
    assert len(new) == 1, result.stdout[-3000:] + result.stderr[-3000:]
    return result, new.pop()


def _outcomes(run: Path) -> dict[str, dict]:
    record = json.loads((run / "record.json").read_text())
    return {o["test"].split("[", 1)[-1].rstrip("]"): o for o in record["outcomes"]}


def _assert_nothing_counted(result: subprocess.CompletedProcess[str], run: Path) -> dict:
    """Inconclusive, exit 1, and not one regression, fix, resolved or new finding."""
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    regression = json.loads((run / "regression.json").read_text())
    assert regression["verdict"] == "inconclusive", regression["headline"]
    assert regression["regressions"] == [] and regression["failing_not_in_baseline"] == []
    assert regression["fixed"] == [] and regression["resolved_findings"] == []
    assert regression["new_findings"] == [], regression["new_findings"]
    return regression


@pytest.mark.browser
def test_scan_faults_against_a_baseline_count_nothing(server, tmp_path):
    pages = [HEALTHY, *FAULTS]
    config = write_config(
        tmp_path,
        '[harness]\nreports_dir = "reports"\n\n[sandbox.pages]\nkind = "pages"\nretries = 0\n'
        "pages = [" + ", ".join(f'"{server.base}{p}"' for p in pages) + "]\n",
    )
    reports = tmp_path / "reports"
    scan = ("scan", "--sandbox", "pages", "--config", str(config), "--checks", "none")
    healthy, first = _run_and_load(scan, reports, "pages")
    # no baseline yet: each page's missing alt text is new, so each page fails
    assert {o["outcome"] for o in _outcomes(first).values()} == {"failed"}, healthy.stdout
    accepted = _cli("baseline", "accept", "pages", "--config", str(config))
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    baseline = json.loads((reports / "baselines" / "pages.json").read_text())
    assert len(baseline["findings"]) == len(pages)  # one missing alt text on each page

    server.faults.update({path: fault for path, (fault, _) in FAULTS.items()})
    server.hits.clear()
    try:
        result, run = _run_and_load(scan, reports, "pages")
    finally:
        server.faults.clear()
    regression = _assert_nothing_counted(result, run)
    outcomes = _outcomes(run)
    assert outcomes[HEALTHY]["outcome"] == "passed"
    for path, (_, words) in FAULTS.items():
        assert outcomes[path]["outcome"] == "inconclusive", (path, outcomes[path])
        assert words in outcomes[path]["message"], (path, outcomes[path]["message"])
    assert "(no retry" in outcomes["/maintenance"]["message"]  # retries = 0
    assert server.hits["/maintenance"] == 1
    not_checked = regression["not_checked"]
    assert len(not_checked["findings"]) == len(FAULTS)
    assert {u["page_state"].split("|")[0] for u in not_checked["unhealthy_page_states"]} <= {
        *FAULTS
    }


@pytest.mark.browser
def test_a_transient_fault_is_tried_once_more_by_default(server, tmp_path):
    config = write_config(tmp_path)
    server.faults["/maintenance"] = "503"
    server.hits.clear()
    try:
        result, run = _run_and_load(
            ("scan", "--config", str(config), "--checks", "none", server.base + "/maintenance"),
            tmp_path / "reports",
            "scan",
        )
    finally:
        server.faults.clear()
    assert result.returncode == 1
    message = _outcomes(run)["/maintenance"]["message"]
    assert "HTTP 503" in message and "(also after 1 retry)" in message, message
    assert server.hits["/maintenance"] == 2


@pytest.mark.parametrize(("value", "expected"), [("0", 0), ("5", 5), (None, 1)])
def test_pages_sandbox_reads_retries(tmp_path, value, expected):
    line = f"retries = {value}\n" if value is not None else ""
    text = f'[sandbox.p]\nkind = "pages"\n{line}pages = ["https://a.example/x"]\n'
    assert load_config(write_config(tmp_path, text)).sandbox("p").retries == expected


def test_bad_retries_of_a_pages_sandbox_is_one_line(tmp_path):
    text = '[sandbox.p]\nkind = "pages"\nretries = 9\npages = ["https://a.example/x"]\n'
    with pytest.raises(ConfigError, match="must be from 0 to 5") as error:
        load_config(write_config(tmp_path, text))
    assert "\n" not in str(error.value)


LIST = "/leganto/nui/lists/8812345670004711"
DEMO_FAULTS = f"503@{LIST}*,idp@/leganto/public/*"
"""The list page answers 503 (maintenance); Find lists sends the visitor to the IdP."""
DEMO_SELECTION = "(list/student and not list/student/) or find-lists"


@pytest.mark.browser
def test_demo_faults_against_a_baseline_count_nothing(tmp_path):
    text = (REPO / "sandboxes.toml").read_text()
    marker = 'kind = "stand-in"'
    assert marker in text
    # retries = 0 also shows that the sandbox's retries reach the contexts of its roles
    config = write_config(tmp_path, text.replace(marker, marker + "\nretries = 0", 1))
    reports = tmp_path / "reports"
    run = ("run", "--config", str(config), "--suite", "a11y", "--locale", "en")
    args = (*run, "--checks", "none", "--", "-k", DEMO_SELECTION)
    healthy, first = _run_and_load(args, reports, "demo")
    states = {_demo_state(t) for t, o in _outcomes(first).items() if o["outcome"] != "skipped"}
    assert "list/student" in states, healthy.stdout[-3000:]
    accepted = _cli("baseline", "accept", "demo", "--config", str(config))
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    baseline = json.loads((reports / "baselines" / "demo.json").read_text())

    result, faulted = _run_and_load(args, reports, "demo", {"LEGANTO_STANDIN_FAULTS": DEMO_FAULTS})
    regression = _assert_nothing_counted(result, faulted)
    outcomes = {_demo_state(t): o for t, o in _outcomes(faulted).items()}
    for state in states:
        assert outcomes[state]["outcome"] == "inconclusive", (state, outcomes[state])
    assert "HTTP 503" in outcomes["list/student"]["message"]
    assert "(no retry: retries = 0)" in outcomes["list/student"]["message"]
    assert not [o for o in outcomes.values() if o["outcome"] == "passed"]
    not_checked = regression["not_checked"]["findings"]
    assert len(not_checked) == len(baseline["findings"]) > 0


def _demo_state(test: str) -> str:
    """``...::test_x[en-list/student]`` or ``[list/student-en]`` → ``list/student``."""
    params = test.split("[", 1)[-1].rstrip("]")
    return params.removeprefix("en-").removesuffix("-en")
