"""Remote browsers: [harness] browser_endpoint / --browser-endpoint connect to a Playwright browser
server instead of launching Chromium; the endpoint's token never reaches a message or a file."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from leganto_qa.cli.doctor_checks import run_checks
from leganto_qa.config.browser_endpoint import (
    effective_endpoint,
    endpoint_label,
    endpoint_secrets,
)
from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.errors import ConfigError
from tests.conftest import REPO, write_config

TOKEN = "s3cret-endpoint-token-5521"
SERVER = (sys.executable, "-m", "playwright", "run-server")


def _config_with(tmp_path: Path, line: str) -> Path:
    text = (REPO / "sandboxes.toml").read_text().replace("[harness]\n", f"[harness]\n{line}\n", 1)
    return write_config(tmp_path, text)


def test_the_config_takes_a_ws_endpoint(tmp_path):
    config = _config_with(tmp_path, f'browser_endpoint = "wss://pool.example.org/pw?token={TOKEN}"')
    assert load_config(config).browser_endpoint == f"wss://pool.example.org/pw?token={TOKEN}"


@pytest.mark.parametrize(
    ("value", "cause"),
    [
        (f"http://127.0.0.1:3000/?token={TOKEN}", "is not a ws:// or wss:// URL"),
        (f"ws://127.0.0.1:99999/?token={TOKEN}", "is not a valid URL"),
        (f"ws:///?token={TOKEN}", "has no host"),
        (f"ws://user:{TOKEN}@127.0.0.1:3000/", "must not carry a user name or password"),
    ],
)
def test_a_bad_endpoint_is_one_line_that_never_shows_it(tmp_path, value, cause):
    config = _config_with(tmp_path, f'browser_endpoint = "{value}"')
    with pytest.raises(ConfigError) as raised:
        load_config(config)
    message = str(raised.value)
    assert "[harness] browser_endpoint" in message and cause in message
    assert TOKEN not in message and "\n" not in message and "run-server" in message


def test_the_command_line_wins_and_only_scheme_host_and_port_are_shown():
    env = {"LEGANTO_QA_BROWSER_ENDPOINT": "ws://10.0.0.2:3000/"}
    given = f"ws://10.0.0.1:4000/?token={TOKEN}"
    assert effective_endpoint("ws://10.0.0.3:1/", given, env) == given
    assert effective_endpoint("ws://10.0.0.3:1/", None, env) == "ws://10.0.0.2:3000/"
    assert effective_endpoint("ws://10.0.0.3:1/", None, {}) == "ws://10.0.0.3:1/"
    assert endpoint_label(given) == "ws://10.0.0.1:4000"
    assert endpoint_label(f"wss://pool.example.org/{TOKEN}") == "wss://pool.example.org:443"
    assert TOKEN in endpoint_secrets(given) and TOKEN in endpoint_secrets(f"ws://h/{TOKEN}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cli(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_an_unreachable_server_stops_the_run_in_one_line(tmp_path):
    config = write_config(tmp_path)
    port = _free_port()  # nothing listens there
    result = _cli(
        "run", "--config", str(config), "--browser-endpoint", f"ws://127.0.0.1:{port}/?t={TOKEN}"
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and TOKEN not in result.stderr + result.stdout
    assert f"browser server at ws://127.0.0.1:{port} is unreachable" in result.stderr
    assert "playwright run-server" in result.stderr
    assert not (tmp_path / "reports" / "runs").exists()  # nothing started


def test_doctor_asks_the_browser_server_instead_of_looking_for_chromium(tmp_path):
    port = _free_port()
    config = _config_with(tmp_path, f'browser_endpoint = "ws://127.0.0.1:{port}/?t={TOKEN}"')
    checks = {c.name: c for c in run_checks(config, environ={})}
    assert "browser" not in checks and not checks["browser server"].ok
    assert f"ws://127.0.0.1:{port} is unreachable" in checks["browser server"].detail
    assert TOKEN not in checks["browser server"].detail


def test_doctor_says_the_browser_server_answers(tmp_path, browser_server):
    config = _config_with(tmp_path, f'browser_endpoint = "ws://127.0.0.1:{browser_server}/"')
    checks = {c.name: c for c in run_checks(config, environ={})}
    assert checks["browser server"].ok, checks["browser server"].detail
    assert checks["browser server"].detail.startswith(f"ws://127.0.0.1:{browser_server} answers")


@pytest.fixture(scope="module")
def browser_server() -> Iterator[int]:
    """``playwright run-server`` on loopback, started as the README tells (``--unsafe`` lets the
    endpoint name Debian's Chromium and its ``--no-sandbox``, as local launches do as root)."""
    port = _free_port()
    server = subprocess.Popen(
        [*SERVER, "--port", str(port), "--host", "127.0.0.1", "--unsafe"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: the Node server it starts goes too
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()  # blocks until the server listens (or dies)
        assert f"Listening on ws://127.0.0.1:{port}" in first, first
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _endpoint(port: int) -> str:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no chromium on PATH for the browser server")
    options = {"executablePath": chromium, "args": ["--no-sandbox"], "headless": True}
    return f"ws://127.0.0.1:{port}/?launch-options={quote(json.dumps(options))}&token={TOKEN}"


@pytest.mark.browser
def test_a_suite_runs_through_a_playwright_server_on_loopback(tmp_path, browser_server):
    config = write_config(tmp_path)
    result = _cli(
        "run",
        "--suite",
        "a11y",
        "--locale",
        "en",
        "--axe-only",
        "--release",
        "2024-06",
        "--config",
        str(config),
        "--browser-endpoint",
        _endpoint(browser_server),
    )
    assert result.returncode == 2, result.stdout[-3000:] + result.stderr[-3000:]  # new findings
    runs = list((tmp_path / "reports" / "runs" / "demo").glob("*/record.json"))
    assert len(runs) == 1
    record = json.loads(runs[0].read_text())
    assert record["versions"]["browser"].endswith(f" on ws://127.0.0.1:{browser_server}")
    assert len(record["page_states"]) >= 10 and record["findings"]
    assert {f["rule"] for f in record["findings"]} >= {"color-contrast", "button-name"}
    assert all(s["axe_raw"] for s in record["page_states"])
    assert TOKEN not in result.stdout + result.stderr
    for path in (tmp_path / "reports").rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
