"""Sandboxes of kind ``pages`` and ``leganto-qa scan``: axe and the browser checks on any page."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from leganto_qa.config.pages import ad_hoc_config, state_name
from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.errors import ConfigError, LoginFailed
from tests.conftest import REPO, write_config

PAGES = """
[harness]
reports_dir = "reports"

[sandbox.help]
kind = "pages"
locales = ["nb"]
pages = [
  "https://www.uio.no/tjenester/it/leganto/",
  { url = "https://lms.example.edu/course/1?x=2", name = "lms/course" },
]

[sandbox.help.login]
url = "https://lms.example.edu/login"
user_env = "HELP_USER"
password_env = "HELP_PASSWORD"
user_field = "#username"
password_field = "#password"
submit = "button[type=submit]"
"""


def _config(tmp_path, text):
    path = tmp_path / "sandboxes.toml"
    path.write_text(text)
    return load_config(path)


def test_pages_sandbox_names_states_by_path_unless_named(tmp_path):
    sandbox = _config(tmp_path, PAGES).sandbox("help")
    assert sandbox.kind == "pages" and sandbox.locales == ("nb",)
    assert sandbox.pages is not None
    assert [(p.name, p.url) for p in sandbox.pages.pages] == [
        ("/tjenester/it/leganto", "https://www.uio.no/tjenester/it/leganto/"),
        ("lms/course", "https://lms.example.edu/course/1?x=2"),
    ]
    assert sandbox.base_url == "https://www.uio.no"
    login = sandbox.pages.login
    assert login is not None and login.user_field == "#username"
    assert login.credentials({"HELP_USER": "u", "HELP_PASSWORD": "p"}) == ("u", "p")
    with pytest.raises(LoginFailed, match="HELP_PASSWORD is not set"):
        login.credentials({"HELP_USER": "u"})
    assert state_name("https://example.edu") == "/"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('pages = [\n  "https://www.uio.no', 'pages = [\n  "ftp://www.uio.no'), "not an http"),
        (('name = "lms/course"', 'name = "/tjenester/it/leganto"'), "share the page state"),
        (("submit = ", 'password = "x"\nsubmit = '), "never put credentials"),
        (('locales = ["nb"]', 'locales = ["nb"]\ntargets = 1'), "unknown key 'targets'"),
        (("pages = [", "pagez = ["), "unknown key 'pagez'"),
    ],
)
def test_bad_pages_config_is_one_line_error(tmp_path, change, message):
    old, new = change
    with pytest.raises(ConfigError, match=message):
        _config(tmp_path, PAGES.replace(old, new, 1))


def test_ad_hoc_config_is_a_valid_pages_sandbox(tmp_path):
    text = ad_hoc_config(["https://a.example/x", "http://b.example/"], str(tmp_path), None, "en")
    sandbox = _config(tmp_path, text).sandbox("scan")
    assert [p.name for p in sandbox.pages.pages] == ["/x", "/"]
    with pytest.raises(ConfigError, match="not an http"):
        ad_hoc_config(["a.example"], str(tmp_path), None, "en")


def test_scan_without_pages_is_a_one_line_error():
    result = subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", "scan"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("leganto-qa: nothing to scan")
    assert "Traceback" not in result.stderr


@pytest.mark.browser
def test_scan_urls_runs_axe_and_checks_into_a_run_record(tmp_path):
    from leganto_qa.standins.sandbox_standin import StandIn

    config = write_config(tmp_path)
    with StandIn("2024-06", password="not-used-here") as standin:
        url = standin.base_url + "/leganto/public/47BIBSYS_DEMO/searchlists?q=sosiologi"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "leganto_qa.cli",
                "scan",
                "--config",
                str(config),
                url,
                "--checks",
                "keyboard,reflow",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert result.returncode == 2, result.stdout[-2000:] + result.stderr[-2000:]
    records = list((tmp_path / "reports" / "runs" / "scan").glob("*/record.json"))
    assert len(records) == 1
    record = json.loads(records[0].read_text())
    assert record["sandbox"]["kind"] == "pages"
    [state] = record["page_states"]
    assert state["id"] == "/leganto/public/47BIBSYS_DEMO/searchlists"
    assert set(state["check_seconds"]) == {"keyboard", "reflow"}
    sources = {f["source"] for f in record["findings"]}
    assert {"axe:image-alt", "check:positive-tabindex", "check:reflow"} <= sources
    assert (records[0].parent / "findings.html").exists()


@pytest.mark.browser
def test_pages_sandbox_logs_in_through_the_form_and_keeps_the_password_out(tmp_path):
    from leganto_qa.standins.sandbox_standin import StandIn

    password = "scan-secret-4711"
    with StandIn("2024-06", password=password) as standin:
        config = tmp_path / "sandboxes.toml"
        config.write_text(
            PAGES.replace(
                "https://www.uio.no/tjenester/it/leganto/", f"{standin.base_url}/leganto/nui/lists"
            )
            .replace(
                '  { url = "https://lms.example.edu/course/1?x=2", name = "lms/course" },\n', ""
            )
            .replace(
                "https://lms.example.edu/login", f"{standin.base_url}/leganto/login?auth=local"
            )
            .replace('locales = ["nb"]', 'locales = ["en"]')
            .replace("#username", "#username")
            .replace("button[type=submit]", "#login-submit")
        )
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "leganto_qa.cli",
                "scan",
                "--config",
                str(config),
                "--sandbox",
                "help",
                "--checks",
                "none",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "HELP_USER": "ola.student", "HELP_PASSWORD": password},
        )
    assert result.returncode in (0, 2), result.stdout[-2000:] + result.stderr[-2000:]
    [folder] = list((tmp_path / "reports" / "runs" / "help").glob("*"))
    record = json.loads((folder / "record.json").read_text())
    [state] = record["page_states"]
    assert state["id"] == "/leganto/nui/lists" and state["role"] == "user"
    assert state["url"].endswith("/leganto/nui/lists")  # logged in: not sent to the login page
    assert state["title"] == "My lists"
    assert state["check_seconds"] == {}
    for path in folder.rglob("*"):
        if path.is_file():
            assert password.encode() not in path.read_bytes(), path


@pytest.mark.browser
def test_an_axe_only_run_scans_the_named_page_alone_and_a_checked_run_explores_it(tmp_path):
    """``--axe-only`` is axe-core on the named page states and nothing else (as a peer tool):
    the menus and dialogs of the page are opened and scanned only by a run with checks."""
    import functools
    import http.server
    import threading

    site = REPO / "tests" / "data" / "explore"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/index.html"
    states = {}
    try:
        for mode in ("--axe-only", "--checks=none"):
            reports = tmp_path / mode.strip("-")
            config = tmp_path / f"{mode.strip('-')}.toml"
            config.write_text(
                f'[harness]\nreports_dir = "{reports}"\n\n'
                f'[sandbox.site]\nkind = "pages"\npages = ["{url}"]\n'
            )
            command = [sys.executable, "-m", "leganto_qa.cli", "run", "--config", str(config)]
            command += ["--sandbox", "site", "--suite", "scan", mode]
            done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
            [record] = (reports / "runs" / "site").glob("*/record.json")
            states[mode] = [s["id"] for s in json.loads(record.read_text())["page_states"]]
            assert states[mode], done.stdout[-2000:] + done.stderr[-2000:]
    finally:
        server.shutdown()
        server.server_close()
    assert states["--axe-only"] == ["/index.html"]
    assert "/index.html" in states["--checks=none"]
    assert any(s.startswith("/index.html \u203a ") for s in states["--checks=none"])
