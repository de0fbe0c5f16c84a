"""Logins per role on the stand-in: one per role and worker, reused across locales and pages.

The stand-in is served in this process behind a small WSGI counter of the form logins it
receives (POST /leganto/login), so the tests count logins where Leganto would see them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
from werkzeug.serving import make_server

from fixtures.sandbox.app import create_app
from leganto_qa.browser.role_sessions import ANONYMOUS, RoleSessions
from leganto_qa.browser.sessions import storage_state_current
from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.redaction import Redactor
from tests.conftest import REPO

pytestmark = pytest.mark.browser
SECRET = "role-sessions-secret-2207"
LOGIN_PATH = "/leganto/login"


class LoginCounter:
    """WSGI middleware: counts form logins (POST to the login route) by user name."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.posts = 0

    def __call__(self, environ: dict[str, Any], start: Callable[..., Any]) -> Iterable[bytes]:
        if environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"] == LOGIN_PATH:
            self.posts += 1
        return self.app(environ, start)


@pytest.fixture(scope="module")
def standin() -> Iterator[tuple[str, LoginCounter]]:
    app = create_app("2024-06", SECRET, None)
    counter = LoginCounter(app.wsgi_app)
    app.wsgi_app = counter  # type: ignore[method-assign]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://leganto.localhost:{server.server_port}", counter
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from leganto_qa.browser.browser_discovery import find_browser, launch_args

    choice = find_browser()
    if choice is None:
        pytest.skip("no Chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(**launch_args(choice))
        yield launched
        launched.close()


@pytest.fixture
def sessions(standin, browser, monkeypatch) -> Iterator[RoleSessions]:
    monkeypatch.setenv("LEGANTO_QA_DEMO_PASSWORD", SECRET)
    sandbox = load_config(REPO / "sandboxes.toml").sandbox("demo")
    made = RoleSessions(browser, standin[0], sandbox, Redactor())
    yield made
    made.close()


def lang(page) -> str | None:
    return page.locator("html").get_attribute("lang")


def test_a_second_locale_of_a_role_switches_in_place_without_logging_in(sessions, standin):
    counter = standin[1]
    before = counter.posts
    english = sessions.shared_page("student", "en")
    assert lang(english) == "en" and counter.posts == before + 1
    norwegian = sessions.shared_page("student", "nb")
    assert norwegian is english  # the same page, its session switched in place
    assert lang(norwegian) == "nb" and counter.posts == before + 1
    norwegian.goto("/leganto/nui/lists")  # the session itself is in bokmål, not just the page
    assert lang(norwegian) == "nb"
    assert sessions.logins == {"student": 1}


def test_a_closed_page_is_reopened_from_the_stored_session(sessions, standin):
    counter = standin[1]
    before = counter.posts
    sessions.shared_page("student", "en")
    sessions.shared_page(ANONYMOUS, "en")
    sessions.shared_page("instructor", "en")  # at most two pages: the student's is closed
    again = sessions.shared_page("student", "nb")
    assert lang(again) == "nb"
    assert counter.posts == before + 2  # the student and the instructor, once each
    assert sessions.logins == {"student": 1, "instructor": 1}


def test_an_expired_stored_session_is_replaced_by_a_fresh_login(sessions, standin):
    counter = standin[1]
    before = counter.posts
    page = sessions.shared_page("student", "en")
    page.goto("/leganto/logout")  # Leganto forgets the session the stored state holds
    page.close()
    again = sessions.shared_page("student", "en")
    assert counter.posts == before + 2 and sessions.logins == {"student": 2}
    again.goto("/leganto/nui/lists")
    assert "/leganto/nui/lists" in again.url and again.locator("mat-card.list-item").count() > 0


def test_a_session_expired_under_a_shared_page_logs_in_again_when_switching(sessions, standin):
    counter = standin[1]
    before = counter.posts
    page = sessions.shared_page("instructor", "en")
    page.goto("/leganto/logout")
    again = sessions.shared_page("instructor", "nb")
    assert lang(again) == "nb" and counter.posts == before + 2


def test_storage_state_with_a_cookie_past_its_expiry_is_not_current():
    def state(expires: float) -> Any:
        cookie = {"name": "JSESSIONID", "value": "X", "domain": "d", "path": "/"}
        return {"cookies": [{**cookie, "expires": expires}], "origins": []}

    now = 1_800_000_000.0
    assert storage_state_current(state(-1), now)  # a session cookie: the server decides
    assert storage_state_current(state(now + 3600), now)
    assert not storage_state_current(state(now - 1), now)
    assert not storage_state_current(state(now + 10), now)  # about to expire


def test_a_page_set_aside_for_another_role_gives_back_its_memory(sessions):
    # One page per role lives on for the role's next states; the one set aside is garbage
    # collected (its renderer grew by every document it showed): an object only weakly held
    # there is gone by the time the next role's page is handed out, not before.
    student = sessions.shared_page("student", "en")
    student.evaluate("window.held = new WeakRef({rows: new Array(100000).fill(1)})")
    assert student.evaluate("window.held.deref() !== undefined")
    assert sessions.shared_page("student", "en") is student  # same role: nothing set aside
    assert student.evaluate("window.held.deref() !== undefined")
    sessions.shared_page(ANONYMOUS, "en")
    assert student.evaluate("window.held.deref() === undefined")
