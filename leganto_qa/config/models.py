"""What ``sandboxes.toml`` holds once read: frozen data classes, no parsing.

Secrets never live in the file nor in these objects: a role names the environment variables
that hold its user name and password, and :meth:`RoleConfig.credentials` reads them when
needed (:mod:`leganto_qa.config.environment`).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from leganto_qa.config.environment import missing_env, require_env
from leganto_qa.config.links import LinksConfig
from leganto_qa.config.notify import NotifyConfig
from leganto_qa.config.values import LOCALES, locales_override, release_override
from leganto_qa.model.errors import ConfigError, LoginFailed

__all__ = [
    "AUTH_METHODS",
    "DEFAULT_AUTH",
    "KINDS",
    "LANGUAGE_SWITCHES",
    "LMS_KINDS",
    "LOCALES",
    "LOGIN_METHODS",
    "READY_QUIET_MS",
    "STAY_MS",
    "ApiConfig",
    "EmbeddingConfig",
    "FormLogin",
    "HarnessConfig",
    "Kind",
    "LanguageSwitch",
    "LmsKind",
    "LmsLogin",
    "LoginMethod",
    "PageTarget",
    "PagesConfig",
    "RoleConfig",
    "SandboxConfig",
    "Targets",
]

Kind = Literal["stand-in", "remote", "pages"]
LoginMethod = Literal["none", "local", "storage-state"]
LanguageSwitch = Literal["settings-menu", "none"]
LmsKind = Literal["canvas", "moodle", "blackboard", "other"]
LmsLogin = Literal["local", "storage-state"]

KINDS: tuple[Kind, ...] = ("stand-in", "remote", "pages")
LOGIN_METHODS: tuple[LoginMethod, ...] = ("none", "local", "storage-state")
LANGUAGE_SWITCHES: tuple[LanguageSwitch, ...] = ("settings-menu", "none")
LMS_KINDS: tuple[LmsKind, ...] = ("canvas", "moodle", "blackboard", "other")
AUTH_METHODS: tuple[str, ...] = ("local", "SAML", "CAS", "guest")
DEFAULT_AUTH: Mapping[LoginMethod, str] = {
    "none": "guest",
    "local": "local",
    "storage-state": "SAML",
}

READY_QUIET_MS = 100
"""``[harness] ready_quiet_ms`` unless set: how long a scanned page's DOM must stay unchanged
after load and after its last change before its capture counts. Short: the window runs from
load, so it mostly elapses during the capture, and a change during the capture is waited for
until quiet and captured again anyway (leganto_qa.browser.dom_window)."""
STAY_MS = 100
"""``[harness] stay_ms`` unless set: a window after load in which a page of unknown behaviour
must not navigate away on its own (a script that sends it to a login page). Raise it for sites
that send an expired session away later (e.g. 3000)."""


@dataclass(frozen=True)
class Targets:
    """What a run visits in one sandbox: ids of lists, sections and citations (digit strings)."""

    list: str
    citation: str
    draft_list: str | None = None
    section: str | None = None
    online_citation: str | None = None
    search: str | None = None


@dataclass(frozen=True)
class RoleConfig:
    """How one role (student, instructor, ...) logs in; holds env var names, never secrets."""

    sandbox: str
    name: str
    login: LoginMethod
    auth: str
    user: str | None = None
    user_env: str | None = None
    password_env: str | None = None
    state_file: Path | None = None

    def credentials(self, environ: Mapping[str, str] = os.environ) -> tuple[str, str]:
        """Return (user name, password) for a `local` login, read from the environment."""
        where = f"sandbox {self.sandbox!r} role {self.name!r}"
        if self.login != "local" or self.password_env is None:
            raise ConfigError(
                f"{where} uses login = {self.login!r}, which has no user name and password; "
                "set login = 'local' with user and password_env to log in with a password"
            )
        user = self.user or require_env(
            self.user_env or "", "the user name", "user name", environ, where=where
        )
        password = require_env(
            self.password_env, f"the password of {user!r}", "password", environ, where=where
        )
        return user, password


@dataclass(frozen=True)
class ApiConfig:
    """How to reach the sandbox's Alma Courses API; names the key's env var, never the key.

    For a stand-in sandbox `base_url` is None (the harness uses the stand-in's own address) and
    the harness generates the key into `apikey_env` when that variable is unset.
    """

    base_url: str | None
    apikey_env: str | None
    course: str | None
    open_proxy: str | None
    open_proxy_institution: str | None
    excerpt_limit_percent: float | None = None
    """The largest share of a work (in percent of its pages) a digitised excerpt may be under the
    institution's licence (``excerpt_limit_percent``; the Kopinor agreement's figure is the
    institution's to state); None: excerpts are not compared with a limit."""

    def apikey(self, environ: Mapping[str, str] = os.environ) -> str:
        """The API key, read from `apikey_env`; raise LoginFailed naming the variable."""
        if not self.apikey_env:
            raise ConfigError(
                'the [api] table names no apikey_env; add apikey_env = "LEGANTO_QA_..._APIKEY" '
                "and export that variable"
            )
        return require_env(self.apikey_env, "the Alma API key", "API key", environ, strip=True)


@dataclass(frozen=True)
class EmbeddingConfig:
    """``[sandbox.<id>.embedding]``: the LMS course, who logs in, how the tool is found."""

    lms: LmsKind
    course_url: str | None
    """None: the stand-in LMS (stand-in sandboxes only)."""
    role: str
    login: LmsLogin
    user: str | None
    user_env: str | None
    password_env: str | None
    state_file: Path | None
    tool_link: str
    link_selector: str
    frame: str
    new_window_button: str
    section_link: str | None
    citation_link: str | None
    list: str | None
    """The list the launch must reach; None: the sandbox's ``targets.list``."""

    @property
    def uses_stand_in(self) -> bool:
        return self.course_url is None

    @property
    def new_window_name(self) -> str:
        return self.new_window_button.replace("{tool}", self.tool_link)


@dataclass(frozen=True)
class PageTarget:
    """One page of a ``pages`` sandbox to scan, and the page state it is recorded as."""

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
        missing = missing_env((self.user_env, self.password_env), environ)
        if missing:
            raise LoginFailed(
                f"environment variable {missing[0]} is not set; export it before the scan "
                "(the [login] table names it)"
            )
        return environ[self.user_env], environ[self.password_env]


@dataclass(frozen=True)
class PagesConfig:
    """What a ``pages`` sandbox scans (leganto_qa.config.pages)."""

    pages: tuple[PageTarget, ...]
    login: FormLogin | None = None

    @property
    def origin(self) -> str:
        """Scheme and host of the first page (what the run record names as the sandbox)."""
        parts = urlsplit(self.pages[0].url)
        return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class SandboxConfig:
    """One target sandbox: institution, release label, locales, what to visit, who logs in."""

    id: str
    kind: Kind
    institution: str
    release: str
    locales: tuple[str, ...]
    targets: Targets
    base_url: str | None = None
    language_switch: LanguageSwitch = "settings-menu"
    roles: tuple[RoleConfig, ...] = ()
    api: ApiConfig | None = None
    embedding: EmbeddingConfig | None = None
    translation_locales: tuple[str, ...] = ()
    """Locales the i18n suite collects text in (default: ``locales``)."""
    pages: PagesConfig | None = None
    """The pages of a ``kind = "pages"`` sandbox (leganto_qa.config.pages)."""
    links: LinksConfig | None = None
    """``[sandbox.<id>.links]``: the permalinks and citation links suites/links checks."""
    retries: int = 1
    """Retries of a navigation after a transient fault (a 5xx, a timeout, a dropped connection)
    before the page-health gate calls the page unhealthy (``retries``, 0-5)."""

    @property
    def i18n_locales(self) -> tuple[str, ...]:
        """The i18n suite's locales: English first (the source text), then the others."""
        chosen = self.translation_locales or self.locales
        return ("en", *(locale for locale in chosen if locale != "en"))

    @property
    def default_locale(self) -> str:
        """The first configured locale: the one pages open in."""
        return self.locales[0]

    @property
    def is_stand_in(self) -> bool:
        """True when the harness starts `fixtures/sandbox` itself instead of visiting a URL."""
        return self.kind == "stand-in"

    @property
    def role_names(self) -> tuple[str, ...]:
        """Names of the configured roles, in file order."""
        return tuple(role.name for role in self.roles)

    def role(self, name: str) -> RoleConfig:
        """Return the role called `name`, or raise ConfigError listing the known ones."""
        for role in self.roles:
            if role.name == name:
                return role
        known = ", ".join(self.role_names) or "none"
        raise ConfigError(
            f"sandbox {self.id!r} has no role {name!r} (known: {known}); "
            f"add [sandbox.{self.id}.roles.{name}] to sandboxes.toml"
        )

    def with_release(self, label: str) -> SandboxConfig:
        """Return a copy with another release label (a CLI override), validated."""
        return dataclasses.replace(self, release=release_override(label))

    def with_locales(self, locales: str | Sequence[str]) -> SandboxConfig:
        """Return a copy with other locales (a list, or a comma-separated string), validated."""
        return dataclasses.replace(self, locales=locales_override(locales), translation_locales=())

    def with_translation_locales(self, locales: str | Sequence[str]) -> SandboxConfig:
        """Return a copy whose i18n suite runs in other locales (validated like ``locales``)."""
        return dataclasses.replace(self, translation_locales=locales_override(locales))


@dataclass(frozen=True)
class HarnessConfig:
    """The whole of `sandboxes.toml`: harness settings and the declared sandboxes."""

    path: Path
    sandboxes: tuple[SandboxConfig, ...]
    reports_dir: Path
    browser: Path | None = None
    check_budget_s: float = 60.0
    """Seconds one browser check may take on one page state before it is abandoned and recorded
    as not completed (``[harness] check_budget_s``; leganto_qa.checks.budget.CHECK_BUDGET_S)."""
    explore: bool = True
    """``[harness] explore``: open what users can open on page states and scan it too
    (leganto_qa.explore); false turns the state explorer off."""
    explore_max_states: int = 8
    """``[harness] explore_max_states``: new states the explorer keeps (and scans) per page
    state; it tries at most four times as many controls."""
    explore_budget_s: float = 60.0
    """``[harness] explore_budget_s``: seconds of exploring per page state, child scans
    included."""
    ready_quiet_ms: int = READY_QUIET_MS
    """``[harness] ready_quiet_ms``: how long a scanned page's DOM must stay unchanged after load
    (and after its last change) for its capture to count (leganto_qa.browser.page_health)."""
    stay_ms: int = STAY_MS
    """``[harness] stay_ms``: how long after load a scanned page must stay on its URL (a page
    that moves on by itself in that window is not judged)."""
    browser_endpoint: str | None = None
    """``[harness] browser_endpoint``: a Playwright browser server to connect to instead of
    launching Chromium (leganto_qa.config.browser_endpoint; never shown whole: it may hold a
    token)."""
    notify: NotifyConfig | None = None
    """``[notify]``: the webhook to post to when a sandbox's verdict changes (None: none)."""

    @property
    def sandbox_ids(self) -> tuple[str, ...]:
        """Ids of the declared sandboxes, in file order."""
        return tuple(sandbox.id for sandbox in self.sandboxes)

    def sandbox(self, sandbox_id: str) -> SandboxConfig:
        """Return the sandbox `sandbox_id`, or raise ConfigError listing the known ones."""
        for sandbox in self.sandboxes:
            if sandbox.id == sandbox_id:
                return sandbox
        raise ConfigError(
            f"unknown sandbox {sandbox_id!r} in {self.path.name}; "
            f"known: {', '.join(self.sandbox_ids)}"
        )

    def run_target(
        self,
        sandbox_id: str,
        release: str | None = None,
        locales: Sequence[str] = (),
        translation_locales: Sequence[str] = (),
    ) -> SandboxConfig:
        """The sandbox a run targets, with the command line's release and locales applied.

        ``locales`` replaces the sandbox's locales and its translation locales;
        ``translation_locales`` then sets the i18n suite's locales alone.
        """
        sandbox = self.sandbox(sandbox_id)
        if release:
            sandbox = sandbox.with_release(release)
        if locales:
            sandbox = sandbox.with_locales(locales)
        if translation_locales:
            sandbox = sandbox.with_translation_locales(translation_locales)
        return sandbox
