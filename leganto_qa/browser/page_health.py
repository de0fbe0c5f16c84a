"""The page-health gate: every navigation ends on the page it was sent to, or nothing is judged.

`navigate` opens a URL in phases (goto: the first answer; load: the document; ready: content
shown) and checks, in this order, where it ended (a login/IdP page → `LoginExpired`, Leganto's
error page or another site → `PageUnhealthy`), the main document's HTTP status, that the page
shows something, and the known maintenance and error texts (rules: `leganto_qa.model.health`).
Transient faults (5xx, a timeout, a dropped connection) are tried once more after a pause.
`NavigationWatch` tells a capture whether the page moved under it; `hold_still` whether the page
stayed put and its DOM unchanged for its windows (``stay_ms``, ``dom_quiet_ms``), so a capture
is of a page that is ready rather than one that waited a fixed time. Both raise subclasses of
`SandboxUnavailable`, which the pytest plugin reports as *inconclusive*: a broken sandbox
teaches nothing about Leganto. No suite knowledge lives here; page objects call it.
"""

from __future__ import annotations

import os
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import BrowserContext, Error, Frame, Page, Response
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from leganto_qa.browser.dom_window import (
    dom_quiet,
    hold_still,
    open_window,
    watch_dom,
)
from leganto_qa.model.errors import LoginExpired, PageUnhealthy
from leganto_qa.model.health import (
    OK,
    Health,
    check_status,
    check_text,
    check_url,
    short_url,
)
from leganto_qa.model.page_scripts import page_script

__all__ = ["hold_still"]  # lives in dom_window; callers import it from here too

TIMEOUT_ENV = "LEGANTO_QA_NAV_TIMEOUT_MS"
DEFAULT_TIMEOUT_MS = 30_000
"""How long each phase (goto, load, ready) may take; ``LEGANTO_QA_NAV_TIMEOUT_MS`` overrides."""
EMPTY_TIMEOUT_MS = 5_000
"""How long a page may stay without any text or control before it counts as empty."""
SHELL_TIMEOUT_MS = 10_000
"""How long Leganto's ``<lg-root>`` may stay empty (Angular still starting) before the page
counts as the empty shell of an expired session."""
LOAD_SLICE_MS = 250
LOADED_WAIT_MS = 5_000
"""How long a scan waits for the shown document's load event (`wait_loaded`)."""
RETRIES = 1
BACKOFF_S = 1.0
TRANSIENT_NET = (
    "ERR_CONNECTION_RESET",
    "ERR_CONNECTION_CLOSED",
    "ERR_EMPTY_RESPONSE",
    "ERR_TIMED_OUT",
    "ERR_CONTENT_LENGTH_MISMATCH",
    "ERR_INCOMPLETE_CHUNKED_ENCODING",
    "ERR_NETWORK_CHANGED",
)
NAVIGATED_ERRORS = (
    "Execution context was destroyed",
    "because of a navigation",
    "Frame was detached",
)
_HAS_CONTENT_JS = page_script("leganto_qa.browser", "js/has_content.js")
_LG_ROOT_JS = page_script("leganto_qa.browser", "js/lg_root_filled.js")
_BODY_TEXT_JS = page_script("leganto_qa.browser", "js/body_text.js")
_MEDIA_PENDING_JS = page_script("leganto_qa.browser", "js/media_pending.js")
FALLBACK_HINT = (
    "the session has expired or the page is not public; log the role in again "
    "(leganto-qa login <sandbox> <role>)"
)
_login_hints: weakref.WeakKeyDictionary[BrowserContext, str] = weakref.WeakKeyDictionary()
_retries: weakref.WeakKeyDictionary[BrowserContext, int] = weakref.WeakKeyDictionary()


def timeout_ms() -> int:
    """Each navigation phase's time limit (``LEGANTO_QA_NAV_TIMEOUT_MS``, else 30 s)."""
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_TIMEOUT_MS


def remember_login(context: BrowserContext, hint: str) -> None:
    """What to tell the user when a page of ``context`` lands on a login page (how to log in)."""
    _login_hints[context] = hint


def remember_retries(context: BrowserContext, retries: int) -> None:
    """How often `navigate` tries a transient fault again in ``context`` (the sandbox's
    ``retries``; `RETRIES` unless set)."""
    _retries[context] = retries


@dataclass(frozen=True)
class Landing:
    """Where a navigation ended: its main-document answer (None: same document)."""

    response: Response | None
    requested: str


def navigate(
    page: Page,
    url: str,
    *,
    ready: Callable[[Page], None] | None = None,
    allow_login: bool = False,
    retries: int | None = None,
    backoff_s: float = BACKOFF_S,
    limit_ms: int | None = None,
    stay_ms: int = 0,
    dom_quiet_ms: int = 0,
) -> Landing:
    """Open ``url`` and return only when the page itself is shown; else raise.

    ``ready``: the caller's own wait after load (e.g. Leganto's own signals), in the *ready* phase.
    ``allow_login``: a login form is an expected stop (an LMS that asks for its own login).
    ``stay_ms``: how long after load the page must stay put; a capture waits out the rest of
    that window (`hold_still`) so a page that moves on by itself is not judged.
    ``dom_quiet_ms``: how long the DOM must stay unchanged after load (and after its last change);
    a DOM still changing when the page is shown is waited for here, one that changes during a
    capture makes `hold_still` ask for the capture again. Never a fixed wait: a static page
    is captured at once and the window runs out while axe works.
    ``retries``: tries after a transient fault (None: the context's, see `remember_retries`).
    """
    limit = limit_ms or timeout_ms()
    if retries is None:
        retries = _retries.get(page.context, RETRIES)
    for attempt in range(retries + 1):
        landing, health = _attempt(
            page, url, ready, allow_login, limit, dom_quiet_ms, bool(stay_ms or dom_quiet_ms)
        )
        if health.ok:
            open_window(page, stay_ms, dom_quiet_ms)
            return landing
        if not health.transient or attempt >= retries:
            if attempt:
                health = Health(health.verdict, f"{health.cause} (also after {attempt} retry)")
            elif health.transient:
                health = Health(health.verdict, f"{health.cause} (no retry: retries = 0)")
            raise unhealthy(page, health)
        time.sleep(backoff_s * 2**attempt)  # a bounded pause before each retry (at most 5)
    raise AssertionError("unreachable")  # pragma: no cover


def _attempt(
    page: Page,
    url: str,
    ready: Callable[[Page], None] | None,
    allow_login: bool,
    limit: int,
    dom_quiet_ms: int = 0,
    watch: bool = False,
) -> tuple[Landing, Health]:
    """One try of `navigate`; ``watch``: judge again where the page went if it moved by itself
    after load (pages of unknown behaviour, navigated with a stay or DOM window)."""
    landing = Landing(None, url)
    try:
        response = page.goto(url, wait_until="commit", timeout=limit)
    except PlaywrightTimeout:
        return landing, _timed_out("goto", url, limit)
    except Error as exc:
        return landing, _net_error(exc, url)
    landing = Landing(response, _first_url(response) if response else page.url)
    requested = landing.requested
    # Load before judging even a page already known bad: closing a page that has only just
    # committed its document can hang Chromium (seen with a 302 to a login page).
    loaded = _load(page, response, limit)
    if loaded.ok and dom_quiet_ms:
        watch_dom(page)
    for health in (
        check_url(requested, page.url, allow_login=allow_login),
        check_status(response.status, response.url) if response else OK,
        loaded,
    ):
        if not health.ok:
            return landing, health
    moves = NavigationWatch(page) if watch else None  # a page that moves on while judged
    try:
        health = _ready(page, requested, ready, allow_login, limit)
        if health.ok and dom_quiet_ms:  # still being built (content after load): wait for quiet
            dom_quiet(page, dom_quiet_ms, if_changed=True)
        if health.ok and moves is not None and moves.stop():
            health = _moved_on(page, requested, allow_login, limit)
    finally:
        if moves is not None:
            moves.stop()
    return landing, health


def _load(page: Page, response: Response | None, limit: int) -> Health:
    """Wait for the load event, in short slices: a document whose connection dropped mid-body
    never fires it, and its failure shows on the request between two slices. A parsed document
    that only waits for audio or video to load counts as loaded (the media never hold it up)."""
    deadline = time.monotonic() + limit / 1000
    while True:
        failure = response.request.failure if response else None
        if failure:
            return Health(
                "unhealthy",
                f"the connection dropped while {short_url(page.url)} loaded ({failure})",
                transient=True,
            )
        left_ms = (deadline - time.monotonic()) * 1000
        if left_ms <= 0:
            return _timed_out("load", page.url, limit)
        try:
            page.wait_for_load_state("load", timeout=min(LOAD_SLICE_MS, left_ms))
        except PlaywrightTimeout:
            if _media_pending(page):
                return OK
            continue
        return OK


def wait_loaded(page: Page) -> None:
    """Give the shown document up to `LOADED_WAIT_MS` to finish loading.

    A state confirmed after an in-page navigation (a search form sends the page on) can show its
    content before its stylesheets apply, and what is measured then (axe-core's target sizes,
    contrast) is the unstyled page. Usually already loaded: no round trip to the browser. A
    document still loading after the wait (a frame that never loads holds its load event) is
    scanned as it is; the scan reports such a frame as not scanned.
    """
    _load(page, None, LOADED_WAIT_MS)


def _media_pending(page: Page) -> bool:
    try:
        return bool(page.evaluate(_MEDIA_PENDING_JS))
    except Error:  # still committing, or navigated: the next slice looks again
        return False


def _ready(
    page: Page,
    requested: str,
    ready: Callable[[Page], None] | None,
    allow_login: bool,
    limit: int,
) -> Health:
    try:
        if ready is not None:
            ready(page)
        health = check_page(page, requested, allow_login=allow_login, limit_ms=limit)
    except PlaywrightTimeout:
        return _timed_out("ready", page.url, limit)
    except Error as exc:
        if not _navigated(exc):
            raise
        return _moved_on(page, requested, allow_login, limit)
    return health


def _moved_on(page: Page, requested: str, allow_login: bool, limit: int) -> Health:
    """The page navigated by itself while it was judged: judge the page it went to."""
    try:
        page.wait_for_load_state("load", timeout=limit)
        return check_page(page, requested, allow_login=allow_login, limit_ms=limit)
    except PlaywrightTimeout:
        return _timed_out("load", page.url, limit)
    except Error as exc:
        if not _navigated(exc):
            raise
        return Health("unhealthy", f"{short_url(requested)} kept navigating while it was shown")


def _navigated(error: Error) -> bool:
    return "net::ERR_" not in str(error) and any(m in str(error) for m in NAVIGATED_ERRORS)


def check_page(
    page: Page, requested: str, *, allow_login: bool = False, limit_ms: int | None = None
) -> Health:
    """The shown page against ``requested``: where it is, that it shows something, its texts."""
    health = check_url(requested, page.url, allow_login=allow_login)
    if not health.ok:
        return health
    limit = limit_ms or timeout_ms()
    try:  # Leganto's Angular shell stays empty when the session behind it has gone
        page.wait_for_function(_LG_ROOT_JS, timeout=min(SHELL_TIMEOUT_MS, limit))
    except PlaywrightTimeout:
        return Health(
            "login-expired", f"{short_url(page.url)} shows an empty Leganto shell (<lg-root>)"
        )
    try:
        page.wait_for_function(_HAS_CONTENT_JS, timeout=min(EMPTY_TIMEOUT_MS, limit))
    except PlaywrightTimeout:
        return Health("unhealthy", f"{short_url(page.url)} is empty: no text and no controls")
    text = page.evaluate(_BODY_TEXT_JS)
    moved = check_url(requested, page.url, allow_login=allow_login)  # the waits outlive a move
    return moved if not moved.ok else check_text(page.url, page.title(), str(text))


def expect_healthy(page: Page, requested: str, *, allow_login: bool = False) -> None:
    """Raise `LoginExpired` or `PageUnhealthy` unless the page shown is the one asked for."""
    health = check_page(page, requested, allow_login=allow_login)
    if not health.ok:
        raise unhealthy(page, health)


def unhealthy(page: Page, health: Health) -> PageUnhealthy | LoginExpired:
    """The error for a verdict: login expired (with how to log in again) or unhealthy."""
    if health.verdict == "login-expired":
        hint = _login_hints.get(page.context, FALLBACK_HINT)
        return LoginExpired(f"login expired: {health.cause}; {hint}")
    return PageUnhealthy(f"page unhealthy: {health.cause}; nothing was judged, run again later")


class NavigationWatch:
    """Collects the URLs the page's main frame navigates to, from creation until `stop`."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.moves: list[str] = []
        page.on("framenavigated", self._moved)

    def _moved(self, frame: Frame) -> None:
        if frame == self.page.main_frame:
            self.moves.append(frame.url)

    def stop(self) -> list[str]:
        """Stop watching; the navigations seen (empty: the page stayed put)."""
        self.page.remove_listener("framenavigated", self._moved)
        return self.moves

    def moved_to(self, error: BaseException) -> str | None:
        """Where the page went if ``error`` came from its moving away (None: a real error).

        Playwright may report the destroyed page before the navigation event arrives.
        """
        self.stop()
        if isinstance(error, Error) and "net::ERR_" in str(error):
            return None
        if self.moves:
            return self.moves[-1]
        if isinstance(error, Error) and any(m in str(error) for m in NAVIGATED_ERRORS):
            return self.page.url
        return None


def settle(page: Page, requested: str) -> None:
    """After the page moved on its own: wait for its new document, then judge it (may raise)."""
    limit = timeout_ms()
    try:
        page.wait_for_load_state("load", timeout=limit)
    except PlaywrightTimeout:
        raise unhealthy(page, _timed_out("load", page.url, limit)) from None
    expect_healthy(page, requested)


def _first_url(response: Response) -> str:
    request = response.request
    while request.redirected_from is not None:
        request = request.redirected_from
    return request.url


def _timed_out(phase: str, url: str, limit: int) -> Health:
    return Health(
        "unhealthy",
        f"{short_url(url)} did not answer within {limit / 1000:g} s (phase: {phase})",
        transient=True,
    )


def _net_error(exc: Error, url: str) -> Health:
    message = str(exc)
    if "net::ERR_" not in message:
        raise exc
    code = "ERR_" + message.split("net::ERR_", 1)[1].split()[0]
    return Health(
        "unhealthy",
        f"{short_url(url)} could not be loaded ({code}, phase: goto)",
        transient=code in TRANSIENT_NET,
    )
