"""Load and validate `sandboxes.toml`: the sandboxes a run can target and how to log in to them.

Secrets never live in the file nor in these objects: a role names the environment variables
that hold its user name and password, and `RoleConfig.credentials` reads them when needed.
Every problem raises `ConfigError` with one line naming the file, the table, the key, the cause
and the fix.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast
from urllib.parse import urlsplit

from leganto_qa.config.embedding import EmbeddingConfig, parse_embedding
from leganto_qa.config.pages import PagesConfig, parse_pages
from leganto_qa.config.toml_reader import read_toml
from leganto_qa.model.errors import ConfigError, LoginFailed

__all__ = [
    "AUTH_METHODS",
    "CONFIG_ENV",
    "KINDS",
    "LANGUAGE_SWITCHES",
    "LOCALES",
    "LOGIN_METHODS",
    "ApiConfig",
    "HarnessConfig",
    "Kind",
    "LanguageSwitch",
    "LoginMethod",
    "RoleConfig",
    "SandboxConfig",
    "Targets",
    "default_config_path",
    "load_config",
]

CONFIG_ENV = "LEGANTO_QA_CONFIG"
DEFAULT_CONFIG_NAME = "sandboxes.toml"

Kind = Literal["stand-in", "remote", "pages"]
LoginMethod = Literal["none", "local", "storage-state"]
LanguageSwitch = Literal["settings-menu", "none"]

KINDS: tuple[Kind, ...] = ("stand-in", "remote", "pages")
LOGIN_METHODS: tuple[LoginMethod, ...] = ("none", "local", "storage-state")
LANGUAGE_SWITCHES: tuple[LanguageSwitch, ...] = ("settings-menu", "none")
LOCALES: tuple[str, ...] = ("en", "nb", "nn", "se")
AUTH_METHODS: tuple[str, ...] = ("local", "SAML", "CAS", "guest")
DEFAULT_AUTH: Mapping[LoginMethod, str] = {
    "none": "guest",
    "local": "local",
    "storage-state": "SAML",
}

_TOP_KEYS = ("harness", "sandbox")
_HARNESS_KEYS = ("browser", "reports_dir")
_SANDBOX_KEYS = (
    "kind",
    "base_url",
    "institution",
    "release",
    "locales",
    "translation_locales",
    "language_switch",
    "targets",
    "roles",
    "api",
    "embedding",
)
_TARGET_KEYS = ("list", "draft_list", "section", "citation", "online_citation", "search")
_ROLE_KEYS = ("login", "auth", "user", "user_env", "password_env", "state_file")
_LOCAL_ONLY_KEYS = ("user", "user_env", "password_env")
_API_KEYS = ("base_url", "apikey_env", "course", "open_proxy", "open_proxy_institution")
_SECRET_KEYS = {
    "password": ("a literal password", "password_env"),
    "apikey": ("a literal API key", "apikey_env"),
    "api_key": ("a literal API key", "apikey_env"),
}

_ID_RE = re.compile(r"[a-z][a-z0-9_-]*")
_INSTITUTION_RE = re.compile(r"[A-Z0-9][A-Z0-9_]*")
_RELEASE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_ENV_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DIGITS_RE = re.compile(r"[0-9]+")

_EXAMPLES = {
    "kind": '"remote"',
    "base_url": '"https://sandbox02-eu.alma.exlibrisgroup.com"',
    "institution": '"47BIBSYS_UBO"',
    "release": '"2024-06"',
    "locales": '["en", "nb"]',
    "list": '"8812345670004711"',
    "citation": '"8812345671014711"',
    "login": '"local"',
    "password_env": '"LEGANTO_QA_UIO_PASSWORD"',
    "user": '"ola.student"',
    "api_base_url": '"https://api-eu.hosted.exlibrisgroup.com/almaws/v1"',
    "apikey_env": '"LEGANTO_QA_UIO_APIKEY"',
    "course": '"SOS1001"',
    "open_proxy": '"https://gw-unit.intark.uh-it.no/leganto-open-api"',
    "open_proxy_institution": '"uio"',
}


# --------------------------------------------------------------------------- the model


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
        user = self.user or environ.get(self.user_env or "", "")
        if not user:
            raise LoginFailed(
                f"{where}: environment variable {self.user_env} (the user name) is not set; "
                f"export {self.user_env}=<user name> and run again"
            )
        password = environ.get(self.password_env)
        if not password:
            raise LoginFailed(
                f"{where}: environment variable {self.password_env} (the password of {user!r}) "
                f"is not set; export {self.password_env}=<password> and run again"
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

    def apikey(self, environ: Mapping[str, str] = os.environ) -> str:
        """The API key, read from `apikey_env`; raise LoginFailed naming the variable."""
        if not self.apikey_env:
            raise ConfigError(
                'the [api] table names no apikey_env; add apikey_env = "LEGANTO_QA_..._APIKEY" '
                "and export that variable"
            )
        key = environ.get(self.apikey_env, "").strip()
        if not key:
            raise LoginFailed(
                f"environment variable {self.apikey_env} (the Alma API key) is not set; "
                f"export {self.apikey_env}=<API key> and run again"
            )
        return key


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
        label = label.strip()
        if not _RELEASE_RE.fullmatch(label):
            raise ConfigError(
                f"release override {label!r} is not a release label; "
                "use letters, digits, '.', '-' or '_' like 2024-06"
            )
        return dataclasses.replace(self, release=label)

    def with_locales(self, locales: str | Sequence[str]) -> SandboxConfig:
        """Return a copy with other locales (a list, or a comma-separated string), validated."""
        items = locales.split(",") if isinstance(locales, str) else list(locales)
        cleaned = tuple(item.strip() for item in items if item.strip())
        problem = _locales_problem(cleaned)
        if problem:
            raise ConfigError(f"locales override {','.join(cleaned)!r}: {problem}")
        return dataclasses.replace(self, locales=cleaned, translation_locales=())


@dataclass(frozen=True)
class HarnessConfig:
    """The whole of `sandboxes.toml`: harness settings and the declared sandboxes."""

    path: Path
    sandboxes: tuple[SandboxConfig, ...]
    reports_dir: Path
    browser: Path | None = None

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


# --------------------------------------------------------------------------- loading


def default_config_path(environ: Mapping[str, str] = os.environ) -> Path:
    """`$LEGANTO_QA_CONFIG` when set, else `./sandboxes.toml`."""
    configured = environ.get(CONFIG_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path.cwd() / DEFAULT_CONFIG_NAME


def load_config(path: Path) -> HarnessConfig:
    """Read and validate the config file at `path`; raise ConfigError on any problem."""
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        what = "is a directory, not a file" if path.is_dir() else "does not exist"
        raise ConfigError(
            f"config file {path} {what}; create it (copy sandboxes.toml from the leganto-qa "
            f"repository and edit it) or point {CONFIG_ENV} at yours"
        )
    return _parse(path, read_toml(path))


class _Table:
    """One TOML table being validated, knowing where it sits for error messages."""

    def __init__(self, label: str, where: str, data: Mapping[str, object]) -> None:
        self.label = label
        self.where = where
        self.data = data

    def error(self, message: str) -> ConfigError:
        prefix = f"{self.label}: [{self.where}]" if self.where else f"{self.label}:"
        return ConfigError(f"{prefix} {message}")

    def check_keys(self, allowed: Collection[str]) -> None:
        for key in self.data:
            if key in allowed:
                continue
            if key in _SECRET_KEYS:
                what, env_key = _SECRET_KEYS[key]
                raise self.error(
                    f"{key}: {what} is not allowed in the file; "
                    f'set {env_key} = "SOME_ENV_VAR" and export SOME_ENV_VAR instead'
                )
            what = "key" if self.where else "top-level key"
            close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
            if close:
                raise self.error(f"unknown {what} {key!r}; did you mean {close[0]!r}?")
            raise self.error(f"unknown {what} {key!r}; use one of: {', '.join(allowed)}")

    def table(self, key: str, where: str, *, required: bool = False) -> _Table | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(f"missing table [{where}]; add it")
            return None
        if not isinstance(value, dict):
            raise self.error(f"{key} = {value!r} must be a table; write it as [{where}]")
        return _Table(self.label, where, cast(dict[str, object], value))

    def string(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                example = _EXAMPLES.get(key, '"..."')
                raise self.error(f"missing required key {key!r}; add {key} = {example}")
            return None
        if isinstance(value, bool) or not isinstance(value, str):
            if isinstance(value, int | float):
                raise self.error(f'{key} = {value!r} must be a string; quote it: {key} = "{value}"')
            example = _EXAMPLES.get(key, '"..."')
            raise self.error(f"{key} must be a string like {key} = {example}")
        stripped = value.strip()
        if not stripped:
            example = _EXAMPLES.get(key, '"..."')
            raise self.error(f"{key} is empty; give a value like {key} = {example}")
        return stripped

    def required(self, key: str) -> str:
        value = self.string(key, required=True)
        assert value is not None  # string(required=True) never returns None
        return value

    def choice(self, key: str, choices: Sequence[str], what: str, default: str | None) -> str:
        value = self.string(key, required=default is None)
        if value is None:
            assert default is not None  # required when there is no default
            return default
        if value not in choices:
            raise self.error(f"{key} = {value!r} is not {what}; use one of: {', '.join(choices)}")
        return value

    def env_name(self, key: str) -> str | None:
        value = self.string(key)
        if value is not None and not _ENV_NAME_RE.fullmatch(value):
            # The value may be a secret pasted in the wrong place: never echo it.
            raise self.error(
                f"{key} must name an environment variable (letters, digits, '_'), not hold "
                f'a secret; write {key} = "LEGANTO_QA_..." and export that variable'
            )
        return value

    def path(self, key: str, base: Path) -> Path | None:
        value = self.string(key)
        if value is None:
            return None
        resolved = Path(value).expanduser()
        return resolved if resolved.is_absolute() else base / resolved


def _parse(path: Path, data: Mapping[str, object]) -> HarnessConfig:
    label = path.name
    base = path.parent
    top = _Table(label, "", data)
    top.check_keys(_TOP_KEYS)

    browser: Path | None = None
    reports_dir = base / "reports"
    harness = top.table("harness", "harness")
    if harness is not None:
        harness.check_keys(_HARNESS_KEYS)
        browser = harness.path("browser", base)
        reports_dir = harness.path("reports_dir", base) or reports_dir

    sandbox_table = top.table("sandbox", "sandbox")
    if sandbox_table is None or not sandbox_table.data:
        raise ConfigError(
            f"{label}: no sandboxes declared; add a [sandbox.<id>] table "
            "(the repository's sandboxes.toml declares [sandbox.demo])"
        )
    sandboxes = []
    for sandbox_id in sandbox_table.data:
        if not _ID_RE.fullmatch(sandbox_id):
            raise ConfigError(
                f"{label}: [sandbox.{sandbox_id}] sandbox id {sandbox_id!r} must start with a "
                "lowercase letter and hold only lowercase letters, digits, '-' or '_'; rename it"
            )
        table = sandbox_table.table(sandbox_id, f"sandbox.{sandbox_id}")
        assert table is not None  # the key exists
        if table.data.get("kind") == "pages":
            sandboxes.append(_pages_sandbox(sandbox_id, table))
            continue
        sandboxes.append(_parse_sandbox(sandbox_id, table, base))
    return HarnessConfig(
        path=path, sandboxes=tuple(sandboxes), reports_dir=reports_dir, browser=browser
    )


def _pages_sandbox(sandbox_id: str, table: _Table) -> SandboxConfig:
    """A sandbox of arbitrary pages; its keys are parsed in leganto_qa.config.pages."""
    pages = parse_pages(sandbox_id, table.data)
    locales = _parse_locales(table) if "locales" in table.data else ("en",)
    release = table.string("release") or "n/a"
    return SandboxConfig(
        id=sandbox_id,
        kind="pages",
        institution="",
        release=release,
        locales=locales,
        targets=Targets(list="", citation=""),
        base_url=pages.origin,
        pages=pages,
    )


def _parse_sandbox(sandbox_id: str, table: _Table, base: Path) -> SandboxConfig:
    table.check_keys(_SANDBOX_KEYS)
    kind = cast(Kind, table.choice("kind", KINDS, "a sandbox kind", default=None))

    base_url = table.string("base_url")
    if kind == "stand-in" and base_url is not None:
        raise table.error(
            "base_url is not used with kind = 'stand-in' (the harness starts the stand-in "
            "itself); remove base_url, or set kind = 'remote'"
        )
    if kind == "remote":
        if base_url is None:
            raise table.error(
                "missing required key 'base_url' for kind = 'remote'; "
                f"add base_url = {_EXAMPLES['base_url']}"
            )
        base_url = _check_base_url(table, base_url)

    institution = table.required("institution")
    if not _INSTITUTION_RE.fullmatch(institution):
        raise table.error(
            f"institution = {institution!r} is not an Alma institution code; "
            "use uppercase letters, digits and '_' like \"47BIBSYS_UBO\""
        )
    release = table.required("release")
    if not _RELEASE_RE.fullmatch(release):
        raise table.error(
            f"release = {release!r} is not a release label; "
            "use letters, digits, '.', '-' or '_' like \"2024-06\""
        )

    locales = _parse_locales(table)
    translation_locales = _parse_translation_locales(table)
    language_switch = cast(
        LanguageSwitch,
        table.choice("language_switch", LANGUAGE_SWITCHES, "a language switch", "settings-menu"),
    )

    targets_table = table.table("targets", f"sandbox.{sandbox_id}.targets", required=True)
    assert targets_table is not None  # required=True
    targets = _parse_targets(targets_table)

    roles: list[RoleConfig] = []
    roles_table = table.table("roles", f"sandbox.{sandbox_id}.roles")
    if roles_table is not None:
        for role_name in roles_table.data:
            where = f"sandbox.{sandbox_id}.roles.{role_name}"
            if not _ID_RE.fullmatch(role_name):
                raise roles_table.error(
                    f"role name {role_name!r} must start with a lowercase letter and hold only "
                    "lowercase letters, digits, '-' or '_'; rename it"
                )
            role_table = roles_table.table(role_name, where)
            assert role_table is not None  # the key exists
            roles.append(_parse_role(sandbox_id, role_name, role_table, base))

    api_table = table.table("api", f"sandbox.{sandbox_id}.api")
    api = _parse_api(api_table, kind) if api_table is not None else None
    embedding_table = table.table("embedding", f"sandbox.{sandbox_id}.embedding")
    embedding = (
        parse_embedding(embedding_table, sandbox_id, kind == "stand-in", base)
        if embedding_table is not None
        else None
    )

    return SandboxConfig(
        id=sandbox_id,
        kind=kind,
        institution=institution,
        release=release,
        locales=locales,
        targets=targets,
        base_url=base_url,
        language_switch=language_switch,
        roles=tuple(roles),
        api=api,
        embedding=embedding,
        translation_locales=translation_locales,
    )


def _check_base_url(table: _Table, url: str) -> str:
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        # Never echo a URL that carries credentials.
        raise table.error("base_url must not carry a user name or password; remove 'user:pass@'")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise table.error(
            f"base_url = {url!r} is not an http(s) URL; "
            f"write the sandbox's address like base_url = {_EXAMPLES['base_url']}"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise table.error(
            f"base_url = {url!r} must be the server only, without a path or query; "
            f'use base_url = "{parts.scheme}://{parts.netloc}"'
        )
    return f"{parts.scheme}://{parts.netloc}"


def _parse_api(table: _Table, kind: Kind) -> ApiConfig:
    table.check_keys(_API_KEYS)
    base_url = table.string("base_url")
    if kind == "stand-in" and base_url is not None:
        raise table.error(
            "base_url is not used with kind = 'stand-in' (the harness uses the stand-in's own "
            "API and generates its key); remove base_url, or set kind = 'remote'"
        )
    if kind == "remote":
        if base_url is None:
            raise table.error(
                "missing required key 'base_url' for kind = 'remote'; "
                f"add base_url = {_EXAMPLES['api_base_url']} (the Alma API of your region)"
            )
        base_url = _check_api_url(table, "base_url", base_url, _EXAMPLES["api_base_url"])
        if not base_url.endswith("/almaws/v1"):
            raise table.error(
                f"base_url = {base_url!r} is not an Alma API base; end it with /almaws/v1 "
                f"like base_url = {_EXAMPLES['api_base_url']}"
            )
    apikey_env = table.env_name("apikey_env")
    if apikey_env is None:
        generated = ""
        if kind == "stand-in":
            generated = " (for the stand-in the harness generates the key)"
        raise table.error(
            f"missing required key 'apikey_env'; add apikey_env = {_EXAMPLES['apikey_env']} "
            f"and export that variable{generated}"
        )
    open_proxy = table.string("open_proxy")
    if open_proxy is not None:
        open_proxy = _check_api_url(table, "open_proxy", open_proxy, _EXAMPLES["open_proxy"])
    institution = table.string("open_proxy_institution")
    if institution is not None and open_proxy is None:
        raise table.error(
            "open_proxy_institution is only used with open_proxy; add open_proxy = "
            f"{_EXAMPLES['open_proxy']} or remove open_proxy_institution"
        )
    if open_proxy is not None and institution is None:
        raise table.error(
            "missing required key 'open_proxy_institution' for open_proxy; add "
            f"open_proxy_institution = {_EXAMPLES['open_proxy_institution']}"
        )
    if institution is not None and not _ID_RE.fullmatch(institution):
        raise table.error(
            f"open_proxy_institution = {institution!r} is not an institution name of the open "
            f"proxy; use lowercase letters like open_proxy_institution = "
            f"{_EXAMPLES['open_proxy_institution']}"
        )
    return ApiConfig(
        base_url=base_url,
        apikey_env=apikey_env,
        course=table.string("course"),
        open_proxy=open_proxy,
        open_proxy_institution=institution,
    )


def _check_api_url(table: _Table, key: str, url: str, example: str) -> str:
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        # Never echo a URL that carries credentials.
        raise table.error(f"{key} must not carry a user name or password; remove 'user:pass@'")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise table.error(f"{key} = {url!r} is not an http(s) URL; write it like {key} = {example}")
    if parts.query or parts.fragment:
        # A query may hold an apikey=...: never echo it.
        raise table.error(
            f"{key} must not carry a query or fragment (an API key goes in apikey_env); "
            f"write it like {key} = {example}"
        )
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def _locales_problem(locales: Sequence[str]) -> str | None:
    if not locales:
        return f"no locales given; give at least one of: {', '.join(LOCALES)}"
    for locale in locales:
        if locale not in LOCALES:
            return f"{locale!r} is not a supported locale; use some of: {', '.join(LOCALES)}"
    duplicates = sorted({locale for locale in locales if locales.count(locale) > 1})
    if duplicates:
        return f"{duplicates[0]!r} is listed twice; list each locale once"
    return None


def _parse_locales(table: _Table) -> tuple[str, ...]:
    value = table.data.get("locales")
    if value is None:
        raise table.error(f"missing required key 'locales'; add locales = {_EXAMPLES['locales']}")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise table.error(
            f"locales = {value!r} must be a list of strings; "
            f"write locales = {_EXAMPLES['locales']} (the first is the default)"
        )
    locales = tuple(cast(list[str], value))
    if not locales:
        raise table.error(
            f"locales is empty; list at least one of {', '.join(LOCALES)} "
            f"like locales = {_EXAMPLES['locales']}"
        )
    problem = _locales_problem(locales)
    if problem:
        raise table.error(f"locales = {list(locales)!r}: {problem}")
    return locales


def _parse_translation_locales(table: _Table) -> tuple[str, ...]:
    """Optional ``translation_locales`` (the i18n suite's locales); () means ``locales``."""
    value = table.data.get("translation_locales")
    if value is None:
        return ()
    example = '["nb", "nn", "se", "en"]'
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise table.error(
            f"translation_locales = {value!r} must be a non-empty list of strings; "
            f"write translation_locales = {example}"
        )
    problem = _locales_problem(tuple(value))
    if problem:
        raise table.error(f"translation_locales = {value!r}: {problem}")
    return tuple(value)


def _parse_targets(table: _Table) -> Targets:
    table.check_keys(_TARGET_KEYS)
    ids: dict[str, str | None] = {}
    for key in ("list", "citation", "draft_list", "section", "online_citation"):
        value = table.string(key, required=key in ("list", "citation"))
        if value is not None and not _DIGITS_RE.fullmatch(value):
            raise table.error(
                f"{key} = {value!r} is not a Leganto id; use the digits from the page's URL "
                f"like {key} = {_EXAMPLES['list']}"
            )
        ids[key] = value
    list_id, citation_id = ids["list"], ids["citation"]
    assert list_id is not None and citation_id is not None  # required above
    return Targets(
        list=list_id,
        citation=citation_id,
        draft_list=ids["draft_list"],
        section=ids["section"],
        online_citation=ids["online_citation"],
        search=table.string("search"),
    )


def _parse_role(sandbox_id: str, role_name: str, table: _Table, base: Path) -> RoleConfig:
    table.check_keys(_ROLE_KEYS)
    login = cast(LoginMethod, table.choice("login", LOGIN_METHODS, "a login method", None))

    auth = DEFAULT_AUTH[login]
    auth_value = table.string("auth")
    if auth_value is not None:
        canonical = {method.lower(): method for method in AUTH_METHODS}
        if auth_value.lower() not in canonical:
            raise table.error(
                f"auth = {auth_value!r} is not a Leganto login profile; "
                f"use one of: {', '.join(AUTH_METHODS)}"
            )
        auth = canonical[auth_value.lower()]

    if login != "local":
        for key in _LOCAL_ONLY_KEYS:
            if key in table.data:
                raise table.error(
                    f"{key} is only used with login = 'local' (this role has "
                    f"login = {login!r}); remove it"
                )
    if login != "storage-state" and "state_file" in table.data:
        raise table.error(
            f"state_file is only used with login = 'storage-state' (this role has "
            f"login = {login!r}); remove it"
        )

    user = user_env = password_env = None
    state_file: Path | None = None
    if login == "local":
        user = table.string("user")
        user_env = table.env_name("user_env")
        if (user is None) == (user_env is None):
            raise table.error(
                "give exactly one of user (the user name) or user_env (the environment "
                f"variable holding it) for login = 'local'; e.g. user = {_EXAMPLES['user']}"
            )
        password_env = table.env_name("password_env")
        if password_env is None:
            raise table.error(
                "missing required key 'password_env' for login = 'local'; "
                f"add password_env = {_EXAMPLES['password_env']} and export that variable"
            )
    elif login == "storage-state":
        state_file = table.path("state_file", base) or (
            base / ".auth" / f"{sandbox_id}-{role_name}.json"
        )

    return RoleConfig(
        sandbox=sandbox_id,
        name=role_name,
        login=login,
        auth=auth,
        user=user,
        user_env=user_env,
        password_env=password_env,
        state_file=state_file,
    )
