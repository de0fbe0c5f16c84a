"""Sandboxes of kind ``pages``: any list of web pages (help pages, an LMS page, a vendor demo).

::

    [sandbox.help]
    kind = "pages"
    locales = ["nb"]                       # the language recorded (default: en)
    retries = 1                            # tries after a transient fault (0-5, default 1)
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

from collections.abc import Mapping
from urllib.parse import urlsplit

from leganto_qa.config.limits import unsafe_char
from leganto_qa.config.models import FormLogin, PagesConfig, PageTarget
from leganto_qa.config.tables import MAX_NAME_CHARS, Table
from leganto_qa.config.urls import url_problem
from leganto_qa.model.errors import ConfigError

__all__ = ["LOGIN_KEYS", "PAGES_KEYS", "PageTarget", "ad_hoc_config", "parse_pages", "state_name"]

PAGES_KEYS = ("kind", "pages", "locales", "login", "release", "retries")
LOGIN_KEYS = ("url", "user_env", "password_env", "user_field", "password_field", "submit")
_PAGE_URL = '"https://example.edu/page"'


def state_name(url: str) -> str:
    """The page state of a URL: its path (``/`` for the site root)."""
    path = urlsplit(url).path.rstrip("/")
    return path or "/"


def parse_pages(table: Table) -> PagesConfig:
    """Validate the ``pages`` and ``login`` keys of ``[sandbox.<id>]`` (kind = "pages")."""
    table.check_keys(PAGES_KEYS)
    raw = table.data.get("pages")
    if not isinstance(raw, list) or not raw:
        raise table.error('kind = "pages" needs pages = ["https://...", ...] (at least one URL)')
    pages = [_page(table, index, item) for index, item in enumerate(raw, start=1)]
    names = [page.name for page in pages]
    for index, name in enumerate(names, start=1):
        if name in names[: index - 1]:
            first = names.index(name) + 1
            raise table.error(
                f'pages item {index} and item {first} share the page state; give one a name = "..."'
            )
    login_table = table.table("login")
    login = _parse_login(login_table) if login_table is not None else None
    return PagesConfig(pages=tuple(pages), login=login)


def _page(table: Table, index: int, item: object) -> PageTarget:
    where = f"pages item {index}"
    if isinstance(item, Mapping):
        place = f"{table.place} {where}:"
        page = Table(table.label, table.where, item, place=place, examples=table.examples)
        page.check_keys(("url", "name"))
        url = _checked_url(page, "url", page.string("url", required=True))
        name = page.string("name", max_chars=MAX_NAME_CHARS) or _state(page, "url", url)
        return PageTarget(url, name)
    if not isinstance(item, str):
        raise table.error(f'{where} must be a URL or a table {{ url = "...", name = "..." }}')
    url = _checked_url(table, where, item)
    return PageTarget(url, _state(table, where, url))


def _checked_url(table: Table, what: str, url: str | None) -> str:
    assert url is not None  # required
    problem = url_problem(url)
    if problem is not None:
        raise table.error(f"{what} {problem}; write it like {_PAGE_URL}")
    return url


def _state(table: Table, what: str, url: str) -> str:
    """The page state named after the URL's path, which must be short enough for a name."""
    name = state_name(url)
    if len(name) > MAX_NAME_CHARS:
        raise table.error(
            f"{what} has a path longer than {MAX_NAME_CHARS} characters; write the page as "
            '{ url = "...", name = "<a short page state>" }'
        )
    return name


def _parse_login(table: Table) -> FormLogin:
    if "password" in table.data or "user" in table.data:
        raise table.error("never put credentials here; use user_env and password_env")
    table.check_keys(LOGIN_KEYS)
    for key in LOGIN_KEYS:
        if key not in table.data:
            raise table.error(f"missing {key!r}; the login needs {', '.join(LOGIN_KEYS)}")
    user_env, password_env = table.env_name("user_env"), table.env_name("password_env")
    assert user_env is not None and password_env is not None  # present
    url = table.url("url")
    assert url is not None  # present

    def selector(key: str) -> str:
        return table.required(key)

    return FormLogin(
        url=url,
        user_env=user_env,
        password_env=password_env,
        user_field=selector("user_field"),
        password_field=selector("password_field"),
        submit=selector("submit"),
    )


def ad_hoc_config(
    urls: list[str],
    reports_dir: str,
    browser: str | None,
    locale: str,
    settings: dict[str, int] | None = None,
) -> str:
    """The TOML of a config with one ``pages`` sandbox ``scan`` (for ``leganto-qa scan``);
    ``settings``: more whole-number ``[harness]`` keys (the user's ``ready_quiet_ms``, ...)."""
    for index, url in enumerate(urls, start=1):
        problem = url_problem(url)
        if problem is not None:
            raise ConfigError(f"leganto-qa scan: URL {index} {problem}; write it like {_PAGE_URL}")
    for text in (reports_dir, browser or "", locale):
        if unsafe_char(text, allow_layout=False) is not None:
            raise ConfigError("leganto-qa scan: an option holds a control character; remove it")
    lines = ["[harness]", f"reports_dir = {_toml_string(reports_dir)}"]
    if browser:
        lines.append(f"browser = {_toml_string(browser)}")
    lines += [f"{key} = {int(value)}" for key, value in (settings or {}).items()]
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
