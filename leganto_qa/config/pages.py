"""Sandboxes of kind ``pages``: any list of web pages (help pages, an LMS page, a vendor demo).

::

    [sandbox.help]
    kind = "pages"
    locales = ["nb"]                       # the language recorded (default: en)
    pages = [
      "https://www.uio.no/tjenester/it/leganto/",          # page state: its path
      { url = "https://lms.example.edu/course/1", name = "lms/course" },
    ]
    [sandbox.help.login]                   # optional: a form login before the pages
    url = "https://lms.example.edu/login"
    user_env = "HELP_USER"                 # environment variables, never the secrets here
    password_env = "HELP_PASSWORD"
    user_field = "#username"               # CSS selectors of the form
    password_field = "#password"
    submit = "button[type=submit]"

``leganto-qa scan <url>...`` makes such a sandbox from its arguments (:func:`ad_hoc_config`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from leganto_qa.model.errors import ConfigError, LoginFailed

PAGES_KEYS = ("kind", "pages", "locales", "login", "release")
LOGIN_KEYS = ("url", "user_env", "password_env", "user_field", "password_field", "submit")
_ENV_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class PageTarget:
    """One page to scan and the page state it is recorded as."""

    url: str
    name: str


@dataclass(frozen=True)
class FormLogin:
    """A user name + password form the scan fills in before visiting the pages."""

    url: str
    user_env: str
    password_env: str
    user_field: str
    password_field: str
    submit: str

    def credentials(self, environ: Mapping[str, str] = os.environ) -> tuple[str, str]:
        user, password = environ.get(self.user_env, ""), environ.get(self.password_env, "")
        if not user or not password:
            missing = self.user_env if not user else self.password_env
            raise LoginFailed(
                f"environment variable {missing} is not set; export it before the scan "
                "(the [login] table names it)"
            )
        return user, password


@dataclass(frozen=True)
class PagesConfig:
    """What a ``pages`` sandbox scans."""

    pages: tuple[PageTarget, ...]
    login: FormLogin | None = None

    @property
    def origin(self) -> str:
        """Scheme and host of the first page (what the run record names as the sandbox)."""
        parts = urlsplit(self.pages[0].url)
        return f"{parts.scheme}://{parts.netloc}"


def state_name(url: str) -> str:
    """The page state of a URL: its path (``/`` for the site root)."""
    path = urlsplit(url).path.rstrip("/")
    return path or "/"


def _check_url(where: str, url: object) -> str:
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
        raise ConfigError(
            f'{where}: {url!r} is not an http(s) URL; write it like "https://example.edu/page"'
        )
    if not urlsplit(url).netloc:
        raise ConfigError(f'{where}: {url!r} has no host; write it like "https://example.edu/"')
    return url


def parse_pages(sandbox_id: str, data: Mapping[str, Any]) -> PagesConfig:
    """Validate the ``pages`` and ``login`` keys of ``[sandbox.<id>]`` (kind = "pages")."""
    where = f"[sandbox.{sandbox_id}]"
    unknown = sorted(set(data) - set(PAGES_KEYS))
    if unknown:
        raise ConfigError(
            f'{where}: unknown key {unknown[0]!r} for kind = "pages"; use {", ".join(PAGES_KEYS)}'
        )
    raw = data.get("pages")
    if not isinstance(raw, list) or not raw:
        raise ConfigError(
            f'{where}: kind = "pages" needs pages = ["https://...", ...] (at least one URL)'
        )
    pages: list[PageTarget] = []
    for item in raw:
        if isinstance(item, Mapping):
            extra = sorted(set(item) - {"url", "name"})
            if extra:
                raise ConfigError(f"{where}: a page has unknown key {extra[0]!r}; use url, name")
            url = _check_url(f"{where} pages", item.get("url"))
            name = str(item.get("name") or state_name(url))
        else:
            url = _check_url(f"{where} pages", item)
            name = state_name(url)
        pages.append(PageTarget(url, name))
    names = [p.name for p in pages]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ConfigError(
            f'{where}: two pages share the page state {twice[0]!r}; give one a name = "..."'
        )
    login = _parse_login(sandbox_id, data.get("login"))
    return PagesConfig(pages=tuple(pages), login=login)


def _parse_login(sandbox_id: str, raw: object) -> FormLogin | None:
    if raw is None:
        return None
    where = f"[sandbox.{sandbox_id}.login]"
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where} must be a table with {', '.join(LOGIN_KEYS)}")
    if "password" in raw or "user" in raw:
        raise ConfigError(f"{where}: never put credentials here; use user_env and password_env")
    unknown = sorted(set(raw) - set(LOGIN_KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}; use {', '.join(LOGIN_KEYS)}")
    missing = [k for k in LOGIN_KEYS if not isinstance(raw.get(k), str) or not raw.get(k)]
    if missing:
        raise ConfigError(
            f"{where}: missing {missing[0]!r}; the login needs {', '.join(LOGIN_KEYS)}"
        )
    for key in ("user_env", "password_env"):
        if not _ENV_RE.fullmatch(str(raw[key])):
            raise ConfigError(f"{where}: {key} = {raw[key]!r} is not an environment variable name")
    return FormLogin(
        url=_check_url(where, raw["url"]),
        user_env=str(raw["user_env"]),
        password_env=str(raw["password_env"]),
        user_field=str(raw["user_field"]),
        password_field=str(raw["password_field"]),
        submit=str(raw["submit"]),
    )


def ad_hoc_config(urls: list[str], reports_dir: str, browser: str | None, locale: str) -> str:
    """The TOML of a config with one ``pages`` sandbox ``scan`` (for ``leganto-qa scan``)."""
    for url in urls:
        _check_url("leganto-qa scan", url)
    lines = ["[harness]", f"reports_dir = {_toml_string(reports_dir)}"]
    if browser:
        lines.append(f"browser = {_toml_string(browser)}")
    lines += [
        "",
        "[sandbox.scan]",
        'kind = "pages"',
        f"locales = [{_toml_string(locale)}]",
        "pages = [" + ", ".join(_toml_string(u) for u in urls) + "]",
    ]
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
