"""The page-health gate: a page that is not the page is inconclusive, never passed or failed.

One tiny threading HTTP server on loopback serves each fault a sandbox shows in real life; one
``leganto-qa scan`` run visits them all (one browser session), and each page must come out
inconclusive with a one-line cause naming the status, URL or phase, with no findings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from leganto_qa.model.health import check_status, check_text, check_url, is_login_url
from tests.conftest import REPO, write_config
from tests.fault_server import FaultServer, free_port, serving

CHECKS = ("--checks", "none")
SERVED = {
    "/maintenance": "503",
    "/error": "500",
    "/expired": "login",
    "/later-login": "later-login",
    "/moves-once": "moves-once",
    "/hang": "hang",
    "/empty": "empty",
    "/drop": "drop",
}
"""Path → the fault the loopback server shows there (tests/fault_server.py)."""


@pytest.fixture(scope="module")
def fault_server() -> Iterator[str]:
    with serving(FaultServer(SERVED)) as server:
        yield server.base


FAULTS = {
    "/maintenance": ("HTTP 503", "/maintenance"),
    "/error": ("HTTP 500", "/error"),
    "/expired": ("login expired", "/login"),
    "/later-login": ("login expired", "/login"),
    "/hang": ("phase: goto", "/hang"),
    "/empty": ("is empty", "/empty"),
    "/drop": ("/drop", "ERR_"),
    "/refused": ("ERR_CONNECTION_REFUSED", "/refused"),
}
"""Page state → what its one-line cause must say."""


@pytest.fixture(scope="module")
def scanned(fault_server: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict]:
    """One ``leganto-qa scan`` of every fault (and a healthy page); exit code and record."""
    folder = tmp_path_factory.mktemp("health")
    config = write_config(folder)
    # The faults that move on by themselves do so 1 s and 2 s after load; a 3 s stay window
    # (default: short) sees both during the capture (tests/test_scan_readiness.py: the default).
    text = config.read_text().replace(
        'reports_dir = "reports"', 'reports_dir = "reports"\nstay_ms = 3000', 1
    )
    config.write_text(text)
    refused = f"http://127.0.0.1:{free_port()}/refused"
    urls = [fault_server + p for p in FAULTS if p != "/refused"] + [refused]
    urls.append(fault_server + "/moves-once")
    result = subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", "scan", "--config", str(config), *CHECKS, *urls],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "LEGANTO_QA_NAV_TIMEOUT_MS": "3000"},
    )
    records = list(Path(folder, "reports", "runs", "scan").glob("*/record.json"))
    assert len(records) == 1, result.stdout[-3000:] + result.stderr[-3000:]
    return result.returncode, json.loads(records[0].read_text())


@pytest.mark.browser
def test_every_fault_is_inconclusive_with_its_cause_and_no_findings(scanned):
    code, record = scanned
    outcomes = {o["test"].split("[")[-1].rstrip("]"): o for o in record["outcomes"]}
    assert code == 1
    for state, words in FAULTS.items():
        outcome = outcomes[state]
        assert outcome["outcome"] == "inconclusive", (state, outcome)
        message = outcome["message"]
        assert "\n" not in message and "Traceback" not in message
        for word in words:
            assert word in message, (state, message)
    assert outcomes["/moves-once"]["outcome"] == "passed", outcomes["/moves-once"]
    [moved] = record["page_states"]  # the only page captured: once more, after it moved
    assert moved["id"] == "/moves-once" and moved["health"] == "retried"
    assert moved["health_cause"].startswith("navigated to http://127.0.0.1")
    assert not [f for f in record["findings"] if f["page_state"] != "/moves-once"]


def test_rules_name_what_and_where():
    assert (
        check_status(503, "https://x.example/a?token=s").cause == "HTTP 503 at https://x.example/a"
    )
    assert check_status(503, "https://x.example/").transient
    assert not check_status(404, "https://x.example/").transient
    assert check_status(302, "https://x.example/").ok
    feide = check_url("https://a.example/leganto/nui/lists", "https://idp.feide.no/simplesaml/x")
    assert feide.verdict == "login-expired"
    expired = check_url("https://a.example/leganto/nui/lists", "https://a.example/leganto/login")
    assert expired.verdict == "login-expired"
    assert check_url("https://a.example/login", "https://a.example/login").ok
    assert check_url("https://a.example/x", "https://a.example/x", allow_login=True).ok
    assert check_url("http://uio.no/x", "https://www.uio.no/x/").ok
    elsewhere = check_url("https://a.example/x", "https://b.example/x")
    assert elsewhere.verdict == "unhealthy" and "another site" in elsewhere.cause
    error = check_url("https://a.example/x", "https://a.example/leganto/nui/error/failed_lti")
    assert error.verdict == "unhealthy"
    for path in ("/Shibboleth.sso/Login", "/idp/profile/SAML2/Redirect/SSO", "/saml/login"):
        assert is_login_url("https://a.example" + path), path
    assert not is_login_url("https://a.example/leganto/nui/lists/123")
    assert check_text("u", "Leganto", "We are undergoing maintenance").verdict == "unhealthy"
    assert check_text("u", "Leganto", "Service Unavailable " + "x" * 6000).ok
