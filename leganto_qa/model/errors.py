"""Errors the harness reports to a user as one line, each carrying its CLI exit code.

Every message names what went wrong, why, and what to do about it.
"""

from __future__ import annotations

from typing import ClassVar


class HarnessError(Exception):
    """A failure the user can fix; shown as one line, never as a traceback."""

    exit_code: ClassVar[int] = 1


class ConfigError(HarnessError):
    """`sandboxes.toml` (or another config file) is missing, malformed or inconsistent."""


class BrowserNotFound(HarnessError):
    """No usable Chromium could be found or installed."""


class SandboxUnavailable(HarnessError):
    """The sandbox could not be reached or did not behave like Leganto: nothing was learned."""


class LoginFailed(SandboxUnavailable):
    """A role could not log in (wrong credentials, expired recorded session, SSO redirect)."""


class PageUnhealthy(SandboxUnavailable):
    """A navigation did not end on the page: an HTTP error, a maintenance or error page, another
    site, a timeout (naming the phase that hung) or a page that kept navigating away."""


class LoginExpired(LoginFailed):
    """A navigation ended on a login, IdP or Feide page: the session is gone mid-run."""
