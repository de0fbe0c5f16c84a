"""Citation links checked against a real loopback HTTP server: what counts as broken, what not.

Broken: a redirect loop, a 4xx, a 5xx, an Oria record with another title. Not broken
(inconclusive): a timeout, a refused connection, a wait longer than ``max_retry_after_s``.
Pacing and ``Retry-After`` are checked with a fake clock: exact, and no test sleeps.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from leganto_qa.integrations.link_check import LinkChecker, page_title, safe_url
from leganto_qa.integrations.pacing import HostPacer, retry_after_seconds

RECORD = "<!doctype html><title>{} - Oria</title><h1>{}</h1>"


class FakeClock:
    """A clock that moves only when slept on; records every sleep."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


class _Handler(BaseHTTPRequestHandler):
    server: LinkServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: str = "", headers: dict[str, str] | None = None) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        hits = self.server.hits
        hits[path] = hits.get(path, 0) + 1
        if path == "/ok":
            self._send(200, RECORD.format("Sosiologiens grunnlag", "Sosiologiens grunnlag"))
        elif path == "/moved":
            self._send(301, "", {"Location": "/hop"})
        elif path == "/hop":
            self._send(302, "", {"Location": "/ok"})
        elif path in ("/loop-a", "/loop-b"):
            self._send(302, "", {"Location": "/loop-b" if path == "/loop-a" else "/loop-a"})
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            self._send(302, "", {"Location": f"/chain/{n + 1}"})
        elif path == "/gone":
            self._send(404, "<h1>No record found</h1>")
        elif path == "/broken":
            self._send(500, "<h1>Error</h1>")
        elif path == "/other-record":
            self._send(200, RECORD.format("Familie, kjønn og arbeid", "Familie"))
        elif path == "/busy":  # 503 with Retry-After the first time, then fine
            if hits[path] == 1:
                self._send(503, "", {"Retry-After": self.server.retry_after})
            else:
                self._send(200, "<title>Back</title>")
        elif path == "/throttled":
            self._send(429, "", {"Retry-After": "3600"})
        elif path == "/hang":
            self.server.release.wait(10)
            self._send(200, "late")


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: dict[str, int] = {}
        self.release = threading.Event()
        self.retry_after = "2"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def server() -> Iterator[LinkServer]:
    srv = LinkServer()
    thread = threading.Thread(target=srv.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def checker(clock: FakeClock, **kwargs: float) -> LinkChecker:
    pacer = HostPacer(kwargs.pop("per_second", 1000.0), clock=clock, sleep=clock.sleep)
    return LinkChecker(pacer, **kwargs)  # type: ignore[arg-type]


def test_a_working_link_is_ok(server, clock):
    result = checker(clock).check(server.base + "/ok")
    assert (result.verdict, result.status, result.broken) == ("ok", 200, False)


def test_redirects_are_followed_to_the_final_url(server, clock):
    result = checker(clock).check(server.base + "/moved")
    assert result.verdict == "ok" and result.final_url == server.base + "/ok"
    assert [u.removeprefix(server.base) for u in result.chain] == ["/moved", "/hop", "/ok"]


def test_a_redirect_loop_is_broken(server, clock):
    result = checker(clock).check(server.base + "/loop-a")
    assert result.verdict == "redirect-loop" and result.broken
    assert "back to" in result.reason and server.hits["/loop-a"] == 1


def test_more_redirects_than_allowed_count_as_a_loop(server, clock):
    result = checker(clock, max_redirects=3).check(server.base + "/chain/0")
    assert result.verdict == "redirect-loop" and "more than 3 redirects" in result.reason
    assert len(result.chain) == 4


def test_4xx_and_5xx_are_broken(server, clock):
    gone = checker(clock).check(server.base + "/gone")
    broken = checker(clock).check(server.base + "/broken")
    assert (gone.verdict, gone.status, gone.reason) == ("client-error", 404, "HTTP 404")
    assert (broken.verdict, broken.status) == ("server-error", 500)
    assert gone.broken and broken.broken


def test_an_oria_record_with_another_title_is_a_title_mismatch(server, clock):
    check = checker(clock)
    assert check.check(server.base + "/ok", "Sosiologiens grunnlag").verdict == "ok"
    other = check.check(server.base + "/other-record", "Sosiologiens grunnlag")
    assert other.verdict == "title-mismatch" and other.broken
    assert "Familie, kjønn og arbeid - Oria" in other.reason


def test_a_timeout_is_inconclusive_not_broken(server, clock):
    result = checker(clock, timeout_s=0.3).check(server.base + "/hang")
    assert result.verdict == "inconclusive" and not result.broken
    assert "timeout_s = 0.3" in result.reason and result.status is None


def test_a_refused_connection_is_inconclusive(clock):
    probe = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = probe.server_address[1]
    probe.server_close()  # nothing listens there any more
    result = checker(clock, timeout_s=2).check(f"http://127.0.0.1:{port}/x")
    assert result.verdict == "inconclusive" and "no connection" in result.reason


def test_retry_after_seconds_is_waited_for_then_the_link_is_asked_again(server, clock):
    result = checker(clock, max_retry_after_s=30).check(server.base + "/busy")
    assert result.verdict == "ok" and server.hits["/busy"] == 2
    assert clock.slept == [2.0]


def test_retry_after_as_an_http_date_is_honoured(server, clock):
    server.retry_after = format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    result = checker(clock, max_retry_after_s=30).check(server.base + "/busy")
    assert result.verdict == "ok"
    assert len(clock.slept) == 1 and 17 <= clock.slept[0] <= 20


def test_a_retry_after_longer_than_the_cap_is_inconclusive_without_waiting(server, clock):
    server.retry_after = "120"
    result = checker(clock, max_retry_after_s=30).check(server.base + "/busy")
    assert result.verdict == "inconclusive" and not result.broken
    assert "120 s" in result.reason and "max_retry_after_s = 30" in result.reason
    assert clock.slept == [] and server.hits["/busy"] == 1
    throttled = checker(clock, max_retry_after_s=30).check(server.base + "/throttled")
    assert throttled.verdict == "inconclusive" and throttled.status == 429


def test_requests_to_one_host_are_paced(server, clock):
    check = checker(clock, per_second=4)
    for _ in range(3):
        check.check(server.base + "/ok")
    assert clock.slept == [0.25, 0.25]  # the first request goes at once
    check.check(server.base + "/moved")  # three requests, each a quarter second apart
    assert clock.slept == [0.25] * 5 and check.pacer.waited_s == pytest.approx(1.25)


def test_pacing_is_per_host_and_retry_after_pushes_the_next_slot():
    clock = FakeClock()
    pacer = HostPacer(2, clock=clock, sleep=clock.sleep)
    assert pacer.wait("a") == 0 and pacer.wait("b") == 0  # other hosts do not wait
    pacer.hold("a", 10)
    assert pacer.wait("a") == 10 and pacer.wait("b") == 0  # b: its slot passed meanwhile
    assert pacer.wait("b") == 0.5


def test_retry_after_values():
    now = datetime(2024, 6, 3, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Mon, 03 Jun 2024 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Mon, 03 Jun 2024 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_recorded_urls_keep_no_credentials():
    url = "https://api.example/almaws/v1/x?apikey=s3cret&q=code~SOS&access_token=t"
    assert safe_url(url) == "https://api.example/almaws/v1/x?q=code~SOS"
    assert safe_url("https://oria.no/discovery/fulldisplay?docid=alma1") == (
        "https://oria.no/discovery/fulldisplay?docid=alma1"
    )


def test_page_title_prefers_og_title():
    assert page_title('<meta property="og:title" content="A &amp; B"><title>X</title>') == "A & B"
    assert page_title("<html><body>no title</body></html>") is None


def test_a_single_page_app_shell_title_is_not_compared(server, clock):
    """Primo VE's HTML before its script runs names the site, not the record."""
    check = checker(clock)
    assert (
        check.learn_generic_title(server.base + "/other-record")
        == "Familie, kjønn og arbeid - Oria"
    )
    result = check.check(server.base + "/other-record", "Sosiologiens grunnlag")
    assert result.verdict == "ok" and "not compared" in result.reason
