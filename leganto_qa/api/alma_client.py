"""Small clients of the Alma Courses API (`/almaws/v1/courses...`), read-only, JSON only.

`AlmaClient` sends ``Authorization: apikey <key>``; `OpenProxyClient` reads Sikt's open proxy
(``leganto-open-api``: the same paths, no key, ``institution=<name>`` on every request, only
non-sensitive fields). Both share one transport that keeps an eye on the daily quota that Alma
reports in ``X-Exl-Api-Remaining``, retries what Alma says is temporary (429, 5xx) with
exponential backoff that honours ``Retry-After``, and turns every failure into one line that
names what went wrong, why, and what to do. The key never appears in an exception, a log line
or ``repr()``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

import requests

from leganto_qa.model.errors import (
    ConfigError,
    HarnessError,
    LoginExpired,
    LoginFailed,
    PageUnhealthy,
    SandboxUnavailable,
)
from leganto_qa.model.health import ERROR_TEXT_LIMIT, check_text, is_login_url, short_url

__all__ = ["RETRY_STATUSES", "AlmaApiError", "AlmaClient", "CoursesClient", "OpenProxyClient"]

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
TRANSPORT_RETRIES = 1
"""How often a timeout or dropped connection is tried again (the page-health gate's rule)."""
REMAINING_HEADER = "X-Exl-Api-Remaining"
MASK = "[REDACTED]"


class AlmaApiError(HarnessError):
    """Alma answered, but with an error about the request itself (e.g. an unknown course id)."""

    def __init__(self, message: str, status: int, code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class CoursesClient:
    """GET requests to one Courses API base; subclasses say how a request is authorised.

    The shared transport: quota (``X-Exl-Api-Remaining``), retries of 429/500/502/503/504 with
    exponential backoff that honours ``Retry-After``, and one-line errors. A subclass sets
    `label` and `service` (how errors name the API and who runs it), `config_key` (the
    sandboxes.toml key of its address), `base_suffix` (how that address ends) and
    `request_hint`, and overrides `_headers`, `_params`, `_scrub` and `_login_message` as needed.

    ``min_remaining``: no call is made once the API reports that many calls or fewer left today.
    ``max_retries``: how often a 429/500/502/503/504 answer is retried before giving up.
    """

    label = "Courses API"
    service = "the API"
    config_key = "[api] base_url"
    base_suffix = "/almaws/v1"
    request_hint = "check the course code and list id in sandboxes.toml"

    def __init__(
        self,
        base_url: str,
        session: requests.Session | None = None,
        min_remaining: int = 50,
        max_retries: int = 4,
        sleep: Callable[[float], None] = time.sleep,
        *,
        timeout_s: float = 30.0,
        backoff_s: float = 1.0,
        max_wait_s: float = 120.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = session or requests.Session()
        self.min_remaining = min_remaining
        self.max_retries = max_retries
        self._sleep = sleep
        self.timeout_s = timeout_s
        self.backoff_s = backoff_s
        self.max_wait_s = max_wait_s
        self.remaining: int | None = None
        """Calls left today, as the API last reported (None before the first answer)."""
        self.calls = 0

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.base_url!r})"

    # --- how a request is authorised (overridden by subclasses) -----------------------------

    def _headers(self) -> dict[str, str]:
        return {"Accept": "application/json"}

    def _params(self, params: Mapping[str, str | int]) -> dict[str, str | int]:
        return dict(params)

    def _scrub(self, text: str) -> str:
        return text

    def _login_message(self, response: requests.Response) -> str:
        code, message = _alma_error(response)
        detail = ", ".join(x for x in (code, message) if x)
        return self._scrub(
            f"{self.label} at {self.base_url} refused the request (HTTP {response.status_code}"
            f"{f': {detail}' if detail else ''}); check {self.config_key} in sandboxes.toml"
        )

    # --- the Courses API -------------------------------------------------------------------

    def course_by_code(self, code: str) -> dict[str, Any] | None:
        """The course whose code is exactly ``code`` (Alma's ``code~`` search matches parts)."""
        body = self.get("/courses", q=f"code~{code}", limit=100)
        courses = _items(body, "course")
        return next((c for c in courses if str(c.get("code", "")) == code), None)

    def reading_lists(self, course_id: str) -> list[dict[str, Any]]:
        """The reading lists of a course (without their citations)."""
        return _items(self.get(f"/courses/{_seg(course_id)}/reading-lists"), "reading_list")

    def citations(self, course_id: str, list_id: str) -> list[dict[str, Any]]:
        """Every citation of a reading list, whatever its status."""
        path = f"/courses/{_seg(course_id)}/reading-lists/{_seg(list_id)}/citations"
        return _items(self.get(path), "citation")

    # --- transport -------------------------------------------------------------------------

    def get(self, path: str, **params: str | int) -> dict[str, Any]:
        """GET ``base_url + path`` and return the JSON object the API answered with."""
        url = f"{self.base_url}/{path.lstrip('/')}"
        headers = self._headers()
        query = self._params(params)
        for attempt in range(self.max_retries + 1):
            self._check_quota(path)
            try:
                response = self._session.get(
                    url, params=query, headers=headers, timeout=self.timeout_s
                )
            except (requests.Timeout, requests.ConnectionError) as exc:
                if attempt < min(self.max_retries, TRANSPORT_RETRIES):  # page-health gate rule
                    self._sleep(self.backoff_s * 2**attempt)
                    continue
                raise SandboxUnavailable(self._unreachable(exc)) from None
            except requests.RequestException as exc:
                raise SandboxUnavailable(self._unreachable(exc)) from None
            self.calls += 1
            self._note_remaining(response)
            status = response.status_code
            log.debug("GET %s -> %s (remaining %s)", path, status, self.remaining)
            if status in RETRY_STATUSES:
                self._before_retry(path, response, attempt)
                continue
            if status in (401, 403):
                raise LoginFailed(self._login_message(response))
            if status >= 400:
                code, message = _alma_error(response)
                raise AlmaApiError(
                    self._scrub(
                        f"{self.label} GET {path} failed: HTTP {status}"
                        f"{f' {code}' if code else ''}: {message or response.reason}; "
                        f"{self.request_hint}"
                    ),
                    status,
                    code,
                )
            return self._json(path, response)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    def _unreachable(self, exc: requests.RequestException) -> str:
        return (
            f"{self.label} at {self.base_url} is unreachable ({type(exc).__name__}); "
            f"check the network or VPN, and {self.config_key} in sandboxes.toml"
        )

    def _check_quota(self, path: str) -> None:
        if self.remaining is not None and self.remaining <= self.min_remaining:
            raise SandboxUnavailable(
                f"{self.label} GET {path} not sent: daily API quota nearly used ({self.remaining} "
                f"calls left, threshold {self.min_remaining}); run again tomorrow or lower "
                "min_remaining"
            )

    def _note_remaining(self, response: requests.Response) -> None:
        value = response.headers.get(REMAINING_HEADER, "").strip()
        if value.isdigit():
            self.remaining = int(value)

    def _before_retry(self, path: str, response: requests.Response, attempt: int) -> None:
        status = response.status_code
        code, _ = _alma_error(response)
        if code == "DAILY_THRESHOLD":
            raise SandboxUnavailable(
                f"{self.label} GET {path}: the daily API quota is used up (HTTP 429 "
                "DAILY_THRESHOLD); run again tomorrow"
            )
        if attempt >= self.max_retries:
            raise SandboxUnavailable(
                f"{self.label} GET {path} still answered HTTP {status} after "
                f"{self.max_retries} retries; {self.service} is overloaded or down, run again later"
            )
        wait = _retry_after(response)
        if wait is None:
            wait = self.backoff_s * 2**attempt
        if wait > self.max_wait_s:
            raise SandboxUnavailable(
                f"{self.label} GET {path} answered HTTP {status} and asks to wait {wait:.0f} s "
                f"(more than {self.max_wait_s:.0f} s); run again later"
            )
        log.info("%s GET %s: HTTP %s, retrying in %.1f s", self.label, path, status, wait)
        self._sleep(wait)

    def _json(self, path: str, response: requests.Response) -> dict[str, Any]:
        if response.history and is_login_url(response.url):
            raise LoginExpired(
                f"login expired: {self.label} GET {path} was sent to the login page "
                f"{short_url(response.url)}; check {self.config_key} and the API key"
            )
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            health = check_text(response.url, "", response.text[:ERROR_TEXT_LIMIT])
            if not health.ok:
                raise PageUnhealthy(
                    f"page unhealthy: {self.label} GET {path}: {health.cause}; run again later"
                )
            kind = response.headers.get("Content-Type", "no content type").split(";")[0]
            raise SandboxUnavailable(
                f"{self.label} GET {path} answered {kind}, not a JSON object; check "
                f"{self.config_key} in sandboxes.toml (it should end with {self.base_suffix})"
            )
        return body


class AlmaClient(CoursesClient):
    """The Alma Courses API (``https://api-eu.hosted.exlibrisgroup.com/almaws/v1``), by API key.

    ``apikey_env``: the environment variable the key came from, named in login errors.
    """

    label = "Alma API"
    service = "Alma"

    def __init__(
        self,
        base_url: str,
        apikey: str,
        session: requests.Session | None = None,
        min_remaining: int = 50,
        max_retries: int = 4,
        sleep: Callable[[float], None] = time.sleep,
        *,
        apikey_env: str | None = None,
        timeout_s: float = 30.0,
        backoff_s: float = 1.0,
        max_wait_s: float = 120.0,
    ) -> None:
        if not apikey:
            raise LoginFailed(
                f"no Alma API key for {base_url}; export "
                f"{apikey_env or 'the variable named by apikey_env'} and run again"
            )
        super().__init__(
            base_url,
            session,
            min_remaining,
            max_retries,
            sleep,
            timeout_s=timeout_s,
            backoff_s=backoff_s,
            max_wait_s=max_wait_s,
        )
        self._apikey = apikey
        self.apikey_env = apikey_env

    def __repr__(self) -> str:
        return f"AlmaClient({self.base_url!r}, apikey={MASK!r})"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"apikey {self._apikey}", **super()._headers()}

    def _scrub(self, text: str) -> str:
        return text.replace(self._apikey, MASK)

    def _login_message(self, response: requests.Response) -> str:
        code, message = _alma_error(response)
        detail = ", ".join(x for x in (code, message) if x)
        source = f"that {self.apikey_env} holds" if self.apikey_env else "that the API key is"
        return self._scrub(
            f"Alma API at {self.base_url} refused the API key (HTTP {response.status_code}"
            f"{f': {detail}' if detail else ''}); check {source} a key for this sandbox "
            "with read access to the Courses API"
        )


class OpenProxyClient(CoursesClient):
    """Sikt's open read-only proxy (``https://gw-unit.intark.uh-it.no/leganto-open-api``).

    The same paths as the Alma Courses API, no key and no Authorization header; every request
    carries ``institution=<name>`` (e.g. ``uio``). Answers hold only the proxy's whitelist of
    non-sensitive fields.
    """

    label = "open proxy"
    service = "the open proxy"
    config_key = "[api] open_proxy"
    base_suffix = "/leganto-open-api"
    request_hint = (
        "check [api] open_proxy_institution and course in sandboxes.toml, and the list id"
    )

    def __init__(
        self,
        base_url: str,
        institution: str,
        session: requests.Session | None = None,
        min_remaining: int = 50,
        max_retries: int = 4,
        sleep: Callable[[float], None] = time.sleep,
        *,
        timeout_s: float = 30.0,
        backoff_s: float = 1.0,
        max_wait_s: float = 120.0,
    ) -> None:
        if not institution:
            raise ConfigError(
                f"no institution for the open proxy at {base_url}; set [api] "
                'open_proxy_institution (e.g. "uio") in sandboxes.toml'
            )
        super().__init__(
            base_url,
            session,
            min_remaining,
            max_retries,
            sleep,
            timeout_s=timeout_s,
            backoff_s=backoff_s,
            max_wait_s=max_wait_s,
        )
        self.institution = institution

    def __repr__(self) -> str:
        return f"OpenProxyClient({self.base_url!r}, institution={self.institution!r})"

    def _params(self, params: Mapping[str, str | int]) -> dict[str, str | int]:
        return {**params, "institution": self.institution}


def _seg(value: str) -> str:
    """One path segment, quoted (ids are digits, but never trust a config value in a URL)."""
    return quote(value, safe="")


def _items(body: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    """The objects under ``key``; Alma leaves the key out when there are none."""
    items = body.get(key) or []
    if isinstance(items, dict):  # a single object where a list was expected
        items = [items]
    return [item for item in items if isinstance(item, dict)]


def _alma_error(response: requests.Response) -> tuple[str, str]:
    """(errorCode, errorMessage) of Alma's error body, or empty strings."""
    try:
        body = response.json()
    except ValueError:
        return "", ""
    if not isinstance(body, dict):
        return "", ""
    errors = (body.get("errorList") or {}).get("error") or []
    if isinstance(errors, dict):
        errors = [errors]
    first = errors[0] if errors and isinstance(errors[0], dict) else {}
    message = " ".join(str(first.get("errorMessage", "")).split())
    return str(first.get("errorCode", "")), message[:200]


def _retry_after(response: requests.Response) -> float | None:
    """``Retry-After`` in seconds (the HTTP-date form is not used by Alma and is ignored)."""
    value = response.headers.get("Retry-After", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        return None
    return max(seconds, 0.0)
