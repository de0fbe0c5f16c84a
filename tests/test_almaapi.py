"""The Alma Courses API client against a scripted HTTP server on 127.0.0.1 (no sleeping)."""

from __future__ import annotations

import json
import logging
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from leganto_qa.api.alma_client import AlmaApiError, AlmaClient, CoursesClient, OpenProxyClient
from leganto_qa.model.errors import ConfigError, LoginFailed, SandboxUnavailable

KEY = "l7xx-test-key-0123456789abcdef"
ENV = "LEGANTO_QA_TEST_APIKEY"


@dataclass
class Answer:
    status: int = 200
    body: object = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    remaining: int | None = 9000


@dataclass
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class AlmaStub:
    """Answers each GET with the next scripted `Answer` (the last one repeats)."""

    def __init__(self) -> None:
        self.answers: list[Answer] = []
        self.seen: list[Seen] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                stub.seen.append(Seen(url.path, parse_qs(url.query), dict(self.headers)))
                answer = stub.answers.pop(0) if len(stub.answers) > 1 else stub.answers[0]
                body = answer.body
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                headers = {"Content-Type": "application/json", **answer.headers}
                if answer.remaining is not None:
                    headers["X-Exl-Api-Remaining"] = str(answer.remaining)
                self.send_response(answer.status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_port}/almaws/v1"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def script(self, *answers: Answer) -> None:
        self.answers = list(answers)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def alma():
    stub = AlmaStub()
    yield stub
    stub.close()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(alma, sleeps):
    return AlmaClient(alma.base_url, KEY, sleep=sleeps.append, apikey_env=ENV)


def alma_error(code: str, message: str) -> dict:
    return {
        "errorsExist": True,
        "errorList": {"error": [{"errorCode": code, "errorMessage": message}]},
    }


COURSES = {
    "course": [
        {"id": "1", "code": "SOS1001-X", "name": "Not this one"},
        {"id": "2", "code": "SOS1001", "name": "Innføring i sosiologi"},
    ],
    "total_record_count": 2,
}


def test_course_by_code_sends_key_and_json_headers_and_matches_exactly(alma, client, sleeps):
    alma.script(Answer(body=COURSES, remaining=8765))
    course = client.course_by_code("SOS1001")
    assert course is not None and course["id"] == "2"
    (seen,) = alma.seen
    assert seen.path == "/almaws/v1/courses"
    assert seen.query == {"q": ["code~SOS1001"], "limit": ["100"]}
    assert seen.headers["Authorization"] == f"apikey {KEY}"
    assert seen.headers["Accept"] == "application/json"
    assert client.remaining == 8765 and client.calls == 1 and sleeps == []


def test_course_by_code_none_when_alma_finds_nothing(alma, client):
    alma.script(Answer(body={"total_record_count": 0}))
    assert client.course_by_code("NOPE1000") is None


def test_reading_lists_and_citations_paths(alma, client):
    alma.script(
        Answer(body={"reading_list": [{"id": "11"}], "total_record_count": 1}),
        Answer(body={"citation": [{"id": "21"}, {"id": "22"}], "total_record_count": 2}),
        Answer(body={"total_record_count": 0}),
    )
    assert client.reading_lists("2") == [{"id": "11"}]
    assert [c["id"] for c in client.citations("2", "11")] == ["21", "22"]
    assert client.citations("2", "12") == []
    assert [s.path for s in alma.seen] == [
        "/almaws/v1/courses/2/reading-lists",
        "/almaws/v1/courses/2/reading-lists/11/citations",
        "/almaws/v1/courses/2/reading-lists/12/citations",
    ]


def test_retries_honour_retry_after_then_back_off_exponentially(alma, client, sleeps):
    alma.script(
        Answer(503, alma_error("UNAVAILABLE", "busy"), {"Retry-After": "7"}),
        Answer(429, alma_error("PER_SECOND_THRESHOLD", "slow down")),
        Answer(502, {}),
        Answer(body=COURSES),
    )
    assert client.course_by_code("SOS1001") is not None
    assert sleeps == [7.0, 2.0, 4.0]  # Retry-After, then 1 s * 2**attempt
    assert len(alma.seen) == 4


def test_retries_are_bounded(alma, sleeps):
    alma.script(Answer(500, {}))
    client = AlmaClient(alma.base_url, KEY, max_retries=2, sleep=sleeps.append)
    with pytest.raises(SandboxUnavailable) as info:
        client.get("/courses")
    assert str(info.value) == (
        "Alma API GET /courses still answered HTTP 500 after 2 retries; Alma is overloaded or "
        "down, run again later"
    )
    assert len(alma.seen) == 3 and sleeps == [1.0, 2.0]


def test_daily_threshold_is_not_retried(alma, client, sleeps):
    alma.script(Answer(429, alma_error("DAILY_THRESHOLD", "Daily threshold reached")))
    with pytest.raises(SandboxUnavailable, match="daily API quota is used up"):
        client.get("/courses")
    assert len(alma.seen) == 1 and sleeps == []


def test_too_long_retry_after_gives_up(alma, client, sleeps):
    alma.script(Answer(503, {}, {"Retry-After": "3600"}))
    with pytest.raises(SandboxUnavailable, match="asks to wait 3600 s"):
        client.get("/courses")
    assert sleeps == []


def test_quota_stops_before_going_below_threshold(alma, sleeps):
    alma.script(Answer(remaining=52), Answer(remaining=51), Answer(remaining=50))
    client = AlmaClient(alma.base_url, KEY, min_remaining=50, sleep=sleeps.append)
    client.get("/courses")
    client.get("/courses")
    client.get("/courses")
    with pytest.raises(SandboxUnavailable) as info:
        client.get("/courses/2/reading-lists")
    assert str(info.value) == (
        "Alma API GET /courses/2/reading-lists not sent: daily API quota nearly used (50 calls "
        "left, threshold 50); run again tomorrow or lower min_remaining"
    )
    assert len(alma.seen) == 3


@pytest.mark.parametrize("status", [401, 403])
def test_refused_key_names_the_variable_never_the_key(alma, client, status, caplog):
    alma.script(Answer(status, alma_error("UNAUTHORIZED", f"API-key {KEY} not allowed.")))
    caplog.set_level(logging.DEBUG, logger="leganto_qa.api.alma_client")
    with pytest.raises(LoginFailed) as info:
        client.course_by_code("SOS1001")
    message = str(info.value)
    assert message == (
        f"Alma API at {alma.base_url} refused the API key (HTTP {status}: UNAUTHORIZED, "
        "API-key [REDACTED] not allowed.); check that LEGANTO_QA_TEST_APIKEY holds a key for "
        "this sandbox with read access to the Courses API"
    )
    assert KEY not in message and KEY not in repr(client) and KEY not in caplog.text
    assert isinstance(info.value, SandboxUnavailable)  # inconclusive, not a regression


def test_missing_key_is_a_login_failure():
    with pytest.raises(LoginFailed, match="export LEGANTO_QA_TEST_APIKEY"):
        AlmaClient("http://127.0.0.1:9/almaws/v1", "", apikey_env=ENV)


def test_request_error_is_alma_api_error(alma, client):
    alma.script(Answer(400, alma_error("401890", "Course with ID 9 not found.")))
    with pytest.raises(AlmaApiError) as info:
        client.reading_lists("9")
    assert info.value.status == 400 and info.value.code == "401890"
    assert "HTTP 400 401890: Course with ID 9 not found." in str(info.value)


def test_unreachable_api_is_one_line(sleeps):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = AlmaClient(f"http://127.0.0.1:{port}/almaws/v1", KEY, sleep=sleeps.append)
    with pytest.raises(SandboxUnavailable) as info:
        client.get("/courses")
    assert str(info.value) == (
        f"Alma API at http://127.0.0.1:{port}/almaws/v1 is unreachable (ConnectionError); check "
        "the network or VPN, and [api] base_url in sandboxes.toml"
    )


def test_html_answer_is_not_json(alma, client):
    alma.script(Answer(body=b"<html>login</html>", headers={"Content-Type": "text/html"}))
    with pytest.raises(SandboxUnavailable, match="answered text/html, not a JSON object"):
        client.get("/courses")


# --- the open proxy (no key, institution= on every request) ---------------------------------


@pytest.fixture
def proxy(alma, sleeps):
    base = alma.base_url.replace("/almaws/v1", "/leganto-open-api")
    return OpenProxyClient(base, "uio", sleep=sleeps.append)


def test_open_proxy_sends_institution_and_no_authorization(alma, proxy, sleeps):
    alma.script(
        Answer(body=COURSES, remaining=None),
        Answer(body={"reading_list": [{"id": "11"}], "total_record_count": 1}),
        Answer(body={"citation": [{"id": "21"}], "total_record_count": 1}),
    )
    course = proxy.course_by_code("SOS1001")
    assert course is not None and course["id"] == "2"
    assert proxy.reading_lists("2") == [{"id": "11"}]
    assert proxy.citations("2", "11") == [{"id": "21"}]
    assert [s.path for s in alma.seen] == [
        "/leganto-open-api/courses",
        "/leganto-open-api/courses/2/reading-lists",
        "/leganto-open-api/courses/2/reading-lists/11/citations",
    ]
    assert alma.seen[0].query == {"q": ["code~SOS1001"], "limit": ["100"], "institution": ["uio"]}
    assert all(s.query["institution"] == ["uio"] for s in alma.seen)
    assert all("Authorization" not in s.headers for s in alma.seen)
    assert alma.seen[0].headers["Accept"] == "application/json"
    assert proxy.remaining == 9000 and proxy.calls == 3 and sleeps == []
    assert repr(proxy) == f"OpenProxyClient({proxy.base_url!r}, institution='uio')"
    assert isinstance(proxy, CoursesClient) and isinstance(AlmaClient("x", KEY), CoursesClient)


def test_open_proxy_retries_like_alma(alma, proxy, sleeps):
    alma.script(Answer(503, {}, {"Retry-After": "3"}), Answer(502, {}), Answer(body=COURSES))
    assert proxy.course_by_code("SOS1001") is not None
    assert sleeps == [3.0, 2.0] and len(alma.seen) == 3


def test_open_proxy_retries_are_bounded_in_one_line(alma, sleeps):
    alma.script(Answer(500, {}))
    base = alma.base_url.replace("/almaws/v1", "/leganto-open-api")
    proxy = OpenProxyClient(base, "uio", max_retries=1, sleep=sleeps.append)
    with pytest.raises(SandboxUnavailable) as info:
        proxy.get("/courses")
    assert str(info.value) == (
        "open proxy GET /courses still answered HTTP 500 after 1 retries; the open proxy is "
        "overloaded or down, run again later"
    )
    assert sleeps == [1.0]


def test_open_proxy_errors_are_one_line(alma, proxy):
    alma.script(Answer(404, alma_error("UNKNOWN_INSTITUTION", "Unknown institution 'uio'.")))
    with pytest.raises(AlmaApiError) as info:
        proxy.reading_lists("2")
    assert str(info.value) == (
        "open proxy GET /courses/2/reading-lists failed: HTTP 404 UNKNOWN_INSTITUTION: Unknown "
        "institution 'uio'.; check [api] open_proxy_institution and course in sandboxes.toml, "
        "and the list id"
    )
    assert info.value.status == 404 and "\n" not in str(info.value)
    alma.script(Answer(403, {}))
    with pytest.raises(LoginFailed) as refused:
        proxy.get("/courses")
    assert str(refused.value) == (
        f"open proxy at {proxy.base_url} refused the request (HTTP 403); check [api] open_proxy "
        "in sandboxes.toml"
    )
    alma.script(Answer(body=b"<html>gateway</html>", headers={"Content-Type": "text/html"}))
    with pytest.raises(SandboxUnavailable) as html:
        proxy.get("/courses")
    assert str(html.value) == (
        "open proxy GET /courses answered text/html, not a JSON object; check [api] open_proxy "
        "in sandboxes.toml (it should end with /leganto-open-api)"
    )


def test_open_proxy_unreachable_is_one_line(sleeps):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/leganto-open-api"
    with pytest.raises(SandboxUnavailable) as info:
        OpenProxyClient(base, "uio", sleep=sleeps.append).get("/courses")
    assert str(info.value) == (
        f"open proxy at {base} is unreachable (ConnectionError); check the network or VPN, and "
        "[api] open_proxy in sandboxes.toml"
    )


def test_open_proxy_needs_an_institution():
    with pytest.raises(ConfigError, match="open_proxy_institution"):
        OpenProxyClient("http://127.0.0.1:9/leganto-open-api", "")
