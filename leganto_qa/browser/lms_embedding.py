"""What the embedding suite judges: framing headers, the tool's cookies, cookie modes, titles.

Cookie modes, as measured with Chromium 156 and Playwright 1.65: a ``browser.new_context()``
context is off the record and blocks unpartitioned third-party cookies (as Chrome incognito
and Safari do) while it keeps CHIPS ``Partitioned`` cookies; a persistent profile whose
preferences say ``profile.cookie_controls_mode = 0`` allows them. Neither the
``Network.setCookieControls`` CDP command nor ``--disable-features`` flags changed that here.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Playwright

CookieMode = Literal["blocked", "allowed"]
ERROR_MARKERS: tuple[tuple[str, str], ...] = (
    ("/error/failed_lti", "Failed LTI"),
    ("/error/illegal_institution", "Illegal Institution"),
    ("/error/not_authorized", "The user is not authorized"),
    ("/error/login_error", "login error"),
)
"""Leganto error pages (URL part, what the page says) a launch must not end on."""
GENERIC_FRAME_TITLES = frozenset({"", "tool content", "iframe", "frame", "external tool"})


@dataclass(frozen=True)
class ToolCookie:
    """One cookie the tool set, with the attributes that decide third-party use."""

    name: str
    same_site: str
    secure: bool
    partitioned: bool
    http_only: bool

    @property
    def usable_when_blocked(self) -> bool:
        """Kept in a cross-site frame when third-party cookies are blocked (CHIPS only)."""
        return self.partitioned and self.secure and self.same_site.lower() == "none"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_set_cookie(header: str) -> ToolCookie:
    """A ``Set-Cookie`` header line as a ToolCookie (the value is never kept)."""
    name_value, *attrs = [part.strip() for part in header.split(";")]
    name = name_value.split("=", 1)[0].strip()
    flags = {a.split("=", 1)[0].strip().lower(): a.partition("=")[2].strip() for a in attrs}
    return ToolCookie(
        name=name,
        same_site=flags.get("samesite", "") or "(none: Lax by default)",
        secure="secure" in flags,
        partitioned="partitioned" in flags,
        http_only="httponly" in flags,
    )


@dataclass(frozen=True)
class FramingVerdict:
    """Whether a response's framing headers let ``lms_origin`` show it in a frame."""

    x_frame_options: str | None
    frame_ancestors: str | None
    allowed: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def framing_verdict(
    headers: Mapping[str, str], page_origin: str, lms_origin: str
) -> FramingVerdict:
    """Judge ``X-Frame-Options`` and CSP ``frame-ancestors`` as Chromium applies them.

    CSP ``frame-ancestors`` wins over ``X-Frame-Options`` when both are present.
    """
    lower = {k.lower(): v for k, v in headers.items()}
    xfo = lower.get("x-frame-options")
    ancestors = _frame_ancestors(lower.get("content-security-policy", ""))
    if ancestors is not None:
        ok = _source_list_allows(ancestors, page_origin, lms_origin)
        reason = (
            f"CSP frame-ancestors {ancestors!r} allows {lms_origin}"
            if ok
            else f"CSP frame-ancestors {ancestors!r} does not allow {lms_origin}"
        )
        return FramingVerdict(xfo, ancestors, ok, reason)
    if xfo is not None:
        value = xfo.strip().upper()
        ok = value == "SAMEORIGIN" and _origin(page_origin) == _origin(lms_origin)
        if value.startswith("ALLOW-FROM"):
            ok = True  # Chromium ignores ALLOW-FROM
        verb = "allows" if ok else "blocks"
        return FramingVerdict(xfo, None, ok, f"X-Frame-Options {xfo!r} {verb} {lms_origin}")
    return FramingVerdict(None, None, True, "no framing headers: any site may frame the page")


def _frame_ancestors(csp: str) -> str | None:
    for directive in csp.split(";"):
        parts = directive.strip().split(None, 1)
        if parts and parts[0].lower() == "frame-ancestors":
            return parts[1].strip() if len(parts) > 1 else ""
    return None


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def _source_list_allows(sources: str, page_origin: str, lms_origin: str) -> bool:
    scheme, host, port = _origin(lms_origin)
    for source in sources.split():
        token = source.strip().lower()
        if token == "'none'":
            return False
        if token == "'self'":
            if _origin(page_origin) == (scheme, host, port):
                return True
            continue
        if token == "*":
            return True
        if token.endswith(":") and "/" not in token:  # a scheme source like https:
            if token[:-1] == scheme:
                return True
            continue
        if _host_source_matches(token, scheme, host, port):
            return True
    return False


def _host_source_matches(token: str, scheme: str, host: str, port: int | None) -> bool:
    src_scheme, sep, rest = token.partition("://")
    if not sep:
        src_scheme, rest = "", token
    if src_scheme and src_scheme != scheme and not (src_scheme == "http" and scheme == "https"):
        return False
    hostport = rest.split("/", 1)[0]
    src_host, _, src_port = hostport.partition(":")
    if src_host.startswith("*."):
        if not host.endswith(src_host[1:]):
            return False
    elif src_host != host:
        return False
    if src_port == "*":
        return True
    if not src_port:  # no port: the URL must be on its scheme's default port
        return port == {"http": 80, "https": 443}.get(scheme)
    return int(src_port) == port


def frame_title_problem(title: str | None) -> str | None:
    """Why a frame's title does not name its content, or None when it does."""
    if title is None or not title.strip():
        return "the frame has no title"
    if title.strip().lower() in GENERIC_FRAME_TITLES:
        return f"the frame's title {title!r} does not say what the frame shows"
    return None


def error_marker(url: str) -> str | None:
    """The Leganto error a frame URL shows, if any."""
    for part, text in ERROR_MARKERS:
        if part in url:
            return text
    return None


@contextmanager
def cookies_allowed_context(
    playwright: Playwright, launch: Mapping[str, Any], **context_options: Any
) -> Iterator[BrowserContext]:
    """A browser profile that allows third-party cookies (see the module docstring)."""
    with tempfile.TemporaryDirectory(prefix="leganto-qa-3pc-") as folder:
        prefs = Path(folder) / "Default" / "Preferences"
        prefs.parent.mkdir(parents=True)
        prefs.write_text(
            json.dumps({"profile": {"cookie_controls_mode": 0, "block_third_party_cookies": False}})
        )
        context = playwright.chromium.launch_persistent_context(
            folder, **{**launch, **context_options}
        )
        try:
            yield context
        finally:
            context.close()
