"""Is this answer a real page? Rules shared by the browser gate and the API clients.

Pure functions on what any HTTP client sees (status, final URL, title and text), free of
Playwright and of any suite: ``leganto_qa.browser.page_health`` applies them to every
navigation, ``leganto_qa.api`` to every API answer. A verdict is ``ok``, ``unhealthy`` (the
sandbox answered, but not with the page: an error or maintenance page, another site) or
``login-expired`` (the session is gone: a login, IdP or Feide page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Verdict = Literal["ok", "unhealthy", "login-expired"]

LOGIN_PATH = re.compile(r"/(login|saml2?|idp|shibboleth|feide|cas/login|sso)(/|$|\?|\.)", re.I)
"""Paths of login pages and identity providers (Leganto's /leganto/login, Shibboleth, SAML)."""
LOGIN_HOSTS = ("idp.feide.no", ".feide.no")
ERROR_PATHS = ("/leganto/nui/error/",)
ERROR_MARKERS = (
    "Scheduled maintenance",
    "undergoing maintenance",
    "down for maintenance",
    "Service Unavailable",
    "Service Temporarily Unavailable",
    "Internal Server Error",
    "Bad Gateway",
    "Gateway Timeout",
    "Illegal Institution",
    "Failed LTI",
    "Invalid token",
    "The user is not authorized",
    "Please contact your course instructor",
)
"""Texts of Ex Libris' and Alma's maintenance and error pages and Leganto's error pages."""
ERROR_TEXT_LIMIT = 5_000
"""Error pages are short: a marker counts in a body of at most this many characters (a long
reading list may cite a book called "Service Unavailable")."""
TRANSIENT_STATUSES = frozenset({500, 502, 503, 504})


@dataclass(frozen=True)
class Health:
    """One navigation's verdict and, unless ``ok``, its cause as one line."""

    verdict: Verdict = "ok"
    cause: str = ""
    transient: bool = False
    """Worth one more try: a 5xx, a timeout, a dropped connection."""

    @property
    def ok(self) -> bool:
        return self.verdict == "ok"


OK = Health()


def short_url(url: str) -> str:
    """``url`` without query and fragment (they may carry tokens)."""
    parts = urlsplit(url)
    if not parts.scheme:
        return url.split("?")[0].split("#")[0]
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_login_url(url: str) -> bool:
    """A login page of Leganto, an LMS or an identity provider (Feide, Shibboleth, SAML)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in LOGIN_HOSTS or any(host.endswith(h) for h in LOGIN_HOSTS if h.startswith(".")):
        return True
    return bool(LOGIN_PATH.search(parts.path + ("?" if parts.query else "")))


def _same_site(expected: str, final: str) -> bool:
    """Same origin, allowing http → https and a ``www.`` prefix (ordinary site redirects)."""
    want, got = urlsplit(expected), urlsplit(final)
    if (want.hostname or "").removeprefix("www.") != (got.hostname or "").removeprefix("www."):
        return False
    if want.scheme == got.scheme:
        return (want.port or 0) == (got.port or 0) or not (want.port or got.port)
    return want.scheme == "http" and got.scheme == "https"


def check_status(status: int, url: str) -> Health:
    """HTTP 400 and above: the page itself was not served."""
    if status < 400:
        return OK
    return Health(
        "unhealthy",
        f"HTTP {status} at {short_url(url)}",
        transient=status in TRANSIENT_STATUSES,
    )


def check_url(requested: str, final: str, *, allow_login: bool = False) -> Health:
    """Where the navigation ended against where it was sent (``requested``)."""
    if final.startswith(("chrome-error:", "about:blank")) and not requested.startswith("about:"):
        return Health(
            "unhealthy", f"the browser showed its own error page for {short_url(requested)}"
        )
    if is_login_url(final) and not is_login_url(requested):
        if allow_login:  # an expected stop, wherever the identity provider lives
            return OK
        return Health(
            "login-expired",
            f"{short_url(requested)} sent the browser to the login page {short_url(final)}",
        )
    if any(p in urlsplit(final).path for p in ERROR_PATHS):
        return Health("unhealthy", f"Leganto's error page {short_url(final)}")
    if requested.startswith(("http:", "https:")) and not _same_site(requested, final):
        return Health(
            "unhealthy",
            f"{short_url(requested)} ended on another site, {short_url(final)}",
        )
    return OK


def check_text(url: str, title: str, text: str) -> Health:
    """A known maintenance or error page, by its title or (short) body text."""
    body = text if len(text) <= ERROR_TEXT_LIMIT else ""
    for marker in ERROR_MARKERS:
        for where in (title, body):
            if marker.lower() in where.lower():
                return Health("unhealthy", f"{short_url(url)} shows {marker!r}")
    return OK
