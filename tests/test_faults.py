"""The stand-ins' fault injection, and the suites' verdict under those faults.

One stand-in sandbox (served in this process on loopback) is reused by the HTTP tests: each
sets its faults through the test endpoint. One ``leganto-qa run`` drives the real a11y suite
against a stand-in started with ``LEGANTO_STANDIN_FAULTS``: every faulted page state is
inconclusive, and the run exits 1.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from werkzeug.serving import make_server

from fixtures.lms.app import Platform
from fixtures.lms.app import create_app as create_lms
from fixtures.sandbox.app import create_app
from fixtures.sandbox.faults import FaultSyntaxError, parse
from leganto_qa.api.alma_client import AlmaClient
from leganto_qa.model.errors import LoginExpired, PageUnhealthy, SandboxUnavailable
from tests.conftest import REPO, write_config

SECRET = "fault-secret-0815"
KEY = "fault-key-4711"
LIST = "/leganto/nui/lists/8812345670004711"
HTML = {"Accept": "text/html"}
CLI = (sys.executable, "-m", "leganto_qa.cli")


@pytest.fixture(scope="module")
def standin() -> Iterator[str]:
    app = create_app("2024-06", SECRET, KEY)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    app.wsgi_app.stop()  # type: ignore[attr-defined]  # lets hanging requests go
    server.shutdown()


def set_faults(base: str, text: str) -> str:
    answer = requests.put(
        base + "/__standin/faults", data=text, headers={"Authorization": f"Bearer {SECRET}"}
    )
    assert answer.status_code == 200, answer.text
    return answer.text


def log_in(base: str) -> requests.Session:
    session = requests.Session()
    form = {"username": "ola.student", "password": SECRET}
    answer = session.post(base + "/leganto/login?auth=local", data=form, headers=HTML)
    assert answer.url.endswith("/leganto/nui/lists"), answer.url
    return session


def test_syntax_names_the_bad_item():
    faults = parse("503@/leganto/nui/lists/*#1, hang@/almaws/*,slow:2,framing")
    assert [(f.kind, f.glob, f.count, f.arg) for f in faults] == [
        ("503", "/leganto/nui/lists/*", 1, None),
        ("hang", "/almaws/*", None, None),
        ("slow", "*", None, 2.0),
        ("framing", "*", None, None),
    ]
    with pytest.raises(FaultSyntaxError, match="unknown fault 'teapot'"):
        parse("teapot@/x")


def test_endpoint_needs_the_password(standin):
    answer = requests.put(standin + "/__standin/faults", data="500", headers={})
    assert answer.status_code == 401
    assert requests.get(standin + "/healthz").status_code != 500


def test_maintenance_error_empty_and_idp_pages(standin):
    assert set_faults(standin, f"503@{LIST}#1,500@/leganto/public/*,empty@/leganto/nui/lists")
    session = log_in(standin)  # lands on the (empty) /leganto/nui/lists
    first = session.get(standin + LIST, headers=HTML)
    assert first.status_code == 503 and "Scheduled maintenance" in first.text
    assert first.headers["Retry-After"] == "60"
    assert session.get(standin + LIST, headers=HTML).status_code == 200  # only the first one
    public = session.get(standin + "/leganto/public/47BIBSYS_DEMO/searchlists")
    assert public.status_code == 500 and "Internal Server Error" in public.text
    empty = session.get(standin + "/leganto/nui/lists", headers=HTML)
    assert empty.status_code == 200 and empty.content == b""
    set_faults(standin, "idp@/leganto/nui/*")
    sent = session.get(standin + LIST, headers=HTML)
    assert sent.status_code == 200 and "Log in with Feide" in sent.text
    assert "/idp/profile/SAML2/Redirect/SSO" in sent.url
    set_faults(standin, "")


def test_session_expires_after_n_page_loads(standin):
    set_faults(standin, "expire:2@/leganto/nui/*")
    session = log_in(standin)  # page load 1 (the landing)
    assert session.get(standin + LIST, headers=HTML).url.endswith(LIST)  # load 2
    gone = session.get(standin + LIST, headers=HTML)  # load 3: the session is forgotten
    assert "/leganto/login" in gone.url
    assert log_in(standin).get(standin + LIST, headers=HTML).url.endswith(LIST)  # a new one works
    set_faults(standin, "")


def test_hang_slow_and_drop_at_the_socket(standin):
    set_faults(standin, f"hang@{LIST},slow:1@/leganto/public/*,drop@/healthz")
    with pytest.raises(requests.Timeout):
        requests.get(standin + LIST, timeout=1)
    started = time.monotonic()
    assert requests.get(standin + "/leganto/public/47BIBSYS_DEMO/searchlists").ok
    assert time.monotonic() - started >= 1
    host, port = standin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    connection.request("GET", "/healthz")
    answer = connection.getresponse()
    with pytest.raises(http.client.IncompleteRead):
        answer.read()
    set_faults(standin, "")


def test_api_client_under_faults_is_inconclusive(standin):
    base = standin + "/almaws/v1"
    set_faults(standin, "503@/almaws/*")
    sleeps: list[float] = []
    client = AlmaClient(base, KEY, max_retries=1, sleep=sleeps.append)
    with pytest.raises(SandboxUnavailable, match="HTTP 503 after 1 retries"):
        client.course_by_code("SOS1001")
    set_faults(standin, "idp@/almaws/*")
    with pytest.raises(LoginExpired, match=r"login page .*/idp/profile/SAML2"):
        AlmaClient(base, KEY).course_by_code("SOS1001")
    set_faults(standin, "hang@/almaws/*")
    client = AlmaClient(base, KEY, sleep=sleeps.append, timeout_s=0.5)
    with pytest.raises(SandboxUnavailable, match=r"unreachable \(ReadTimeout"):
        client.course_by_code("SOS1001")
    assert sleeps == [60.0, 1.0]  # the 503's Retry-After, then one backoff for the timeout
    set_faults(standin, "empty@/almaws/*")
    with pytest.raises(SandboxUnavailable, match="not a JSON object"):
        AlmaClient(base, KEY).course_by_code("SOS1001")
    set_faults(standin, "")
    assert AlmaClient(base, KEY).course_by_code("SOS1001") is not None
    assert not issubclass(PageUnhealthy, LoginExpired)


def test_lms_reads_its_own_faults(monkeypatch):
    monkeypatch.setenv("LEGANTO_STANDIN_LMS_FAULTS", "503@/courses/*")
    platform = Platform(
        tool_url="http://leganto.localhost:1", institution="X", profile="P", password=SECRET
    )
    client = create_lms(platform).test_client()
    answer = client.get("/courses/1")
    assert answer.status_code == 503 and b"Scheduled maintenance" in answer.data
    assert client.get("/").status_code != 503


FAULTED_RUN = (
    f"503@{LIST}*,"  # the list page: Ex Libris maintenance
    "idp@/leganto/public/*,"  # Find lists: sent to the IdP
    "expire:1@/leganto/nui/*"  # the student's session is gone after the login's landing page
)
STATES = {
    "list/student": "HTTP 503",
    "lists/student": "login expired",
    "find-lists/anonymous/results": "login expired",
}


@pytest.mark.browser
def test_suite_under_faults_is_inconclusive_and_exits_1(tmp_path):
    config = write_config(tmp_path)
    select = "(list/student and not list/student/) or lists/student or find-lists"
    result = subprocess.run(
        [
            *CLI,
            "run",
            "--config",
            str(config),
            "--suite",
            "a11y",
            "--locale",
            "en",
            "--",
            "-k",
            select,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "LEGANTO_STANDIN_FAULTS": FAULTED_RUN},
    )
    [path] = list(Path(tmp_path, "reports", "runs", "demo").glob("*/record.json"))
    record = json.loads(path.read_text())
    outcomes = {_state(o["test"]): o for o in record["outcomes"]}
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert set(STATES) <= set(outcomes), outcomes.keys()
    for state, words in STATES.items():
        outcome = outcomes[state]
        assert outcome["outcome"] == "inconclusive", (state, outcome)
        assert words in outcome["message"], (state, outcome["message"])
    assert not record["findings"] and not record["page_states"]


def _state(test: str) -> str:
    """``...::test_x[en-list/student]`` or ``[list/student-en]`` → ``list/student``."""
    params = test.split("[", 1)[-1].rstrip("]")
    return params.removeprefix("en-").removesuffix("-en")
