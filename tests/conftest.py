"""Shared helpers for the harness's own tests: isolated config copies and suite runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO_PASSWORD = "never-in-any-artifact-7391"
"""Exported to suite runs so tests can prove the password reaches no file."""


def write_config(folder: Path, text: str | None = None) -> Path:
    """A copy of the repository's sandboxes.toml (or ``text``) whose reports go to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sandboxes.toml"
    path.write_text(text if text is not None else (REPO / "sandboxes.toml").read_text())
    return path


def run_suites(
    config: Path,
    run_id: str,
    *args: str,
    suites=("workflows", "a11y"),
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the suites in a separate pytest, exactly as `leganto-qa run` does."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        *(str(REPO / "suites" / s) for s in suites),
        "--leganto-sandbox",
        "demo",
        "--leganto-config",
        str(config),
        "--leganto-run-id",
        run_id,
        "--rootdir",
        str(REPO),
        "-p",
        "no:cacheprovider",
        "-q",
        "--tb=line",
        *args,
    ]
    return subprocess.run(
        command,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **(env or {})},
    )


def load(config: Path, run_id: str) -> dict:
    return json.loads(
        (config.parent / "reports" / "runs" / "demo" / run_id / "record.json").read_text()
    )


class SuiteRuns:
    """Suite runs shared by the integration tests (each one costs a browser session)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config = write_config(root)
        self._done: dict[str, tuple[subprocess.CompletedProcess[str], dict]] = {}

    def get(
        self, name: str, *args: str, suites=("workflows", "a11y")
    ) -> tuple[subprocess.CompletedProcess[str], dict]:
        if name not in self._done:
            result = run_suites(
                self.config,
                name,
                *args,
                suites=suites,
                env={"LEGANTO_QA_DEMO_PASSWORD": DEMO_PASSWORD},
            )
            record_path = self.run_dir(name) / "record.json"
            assert record_path.exists(), result.stdout[-3000:] + result.stderr[-3000:]
            self._done[name] = (result, json.loads(record_path.read_text()))
        return self._done[name]

    def run_dir(self, name: str) -> Path:
        return self.root / "reports" / "runs" / "demo" / name


@pytest.fixture(scope="session")
def suite_runs(tmp_path_factory) -> SuiteRuns:
    return SuiteRuns(tmp_path_factory.mktemp("suite-runs"))
