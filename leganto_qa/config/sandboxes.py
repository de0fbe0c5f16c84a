"""Load and validate `sandboxes.toml`: the sandboxes a run can target and how to log in to them.

This module reads the file and its top tables (``[harness]``, ``[sandbox.<id>]``); each
sub-table has its own parser module (targets, roles, api, embedding, pages) and the data
classes live in :mod:`leganto_qa.config.models` (re-exported here, where callers import them).
Every problem raises `ConfigError` with one line naming the file, the table, the key, the cause
and the fix, never the rejected value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import cast

from leganto_qa.config.api import parse_api
from leganto_qa.config.browser_endpoint import parse_browser_endpoint
from leganto_qa.config.config_paths import CONFIG_ENV, DEFAULT_CONFIG_NAME, default_config_path
from leganto_qa.config.embedding import parse_embedding
from leganto_qa.config.links import parse_links
from leganto_qa.config.models import (
    AUTH_METHODS,
    KINDS,
    LANGUAGE_SWITCHES,
    LOCALES,
    LOGIN_METHODS,
    READY_QUIET_MS,
    STAY_MS,
    ApiConfig,
    HarnessConfig,
    Kind,
    LanguageSwitch,
    LoginMethod,
    RoleConfig,
    SandboxConfig,
    Targets,
)
from leganto_qa.config.notify import parse_notify
from leganto_qa.config.pages import parse_pages
from leganto_qa.config.role_tables import parse_roles
from leganto_qa.config.tables import Table
from leganto_qa.config.targets import parse_locales, parse_targets, parse_translation_locales
from leganto_qa.config.toml_reader import read_toml
from leganto_qa.config.values import ID_RE, ID_RULE, INSTITUTION_RE, RELEASE_RE, RELEASE_RULE
from leganto_qa.model.errors import ConfigError

__all__ = [
    "AUTH_METHODS",
    "CONFIG_ENV",
    "DEFAULT_CONFIG_NAME",
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

TOP_KEYS = ("harness", "sandbox", "notify")
HARNESS_KEYS = (
    "browser",
    "reports_dir",
    "check_budget_s",
    "browser_endpoint",
    "explore",
    "explore_max_states",
    "explore_budget_s",
    "ready_quiet_ms",
    "stay_ms",
)
SANDBOX_KEYS = (
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
    "links",
    "retries",
)
EXAMPLES = {
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
    "state_file": '".auth/uio-student.json"',
    "url": '"https://example.edu/login"',
}
"""A valid value per key, shown in the fix of a message."""
CHECK_BUDGET_S = 60.0
"""``[harness] check_budget_s`` unless set (leganto_qa.checks.budget.CHECK_BUDGET_S)."""
EXPLORE_MAX_STATES, EXPLORE_BUDGET_S = 8, 60.0
"""``[harness] explore_max_states`` and ``explore_budget_s`` unless set (leganto_qa.explore)."""
MAX_WINDOW_MS = 60_000
"""The most ``[harness] ready_quiet_ms`` and ``stay_ms`` allow (defaults: `models.READY_QUIET_MS`,
`models.STAY_MS`)."""
DEFAULT_RETRIES, MAX_RETRIES = 1, 5
"""``[sandbox.<id>] retries``: unless set, and the most allowed."""


def load_config(path: Path, environ: Mapping[str, str] = os.environ) -> HarnessConfig:
    """Read and validate the config file at `path`; raise ConfigError on any problem."""
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        what = "is a directory, not a file" if path.is_dir() else "does not exist"
        raise ConfigError(
            f"config file {path} {what}; create it (copy sandboxes.toml from the leganto-qa "
            f"repository and edit it) or point {CONFIG_ENV} at yours"
        )
    return _parse(path, read_toml(path), environ)


def _parse(path: Path, data: Mapping[str, object], environ: Mapping[str, str]) -> HarnessConfig:
    label = path.name
    base = path.parent
    top = Table(label, "", data, examples=EXAMPLES)
    top.check_keys(TOP_KEYS)

    browser: Path | None = None
    reports_dir = base / "reports"
    check_budget_s = CHECK_BUDGET_S
    explore = _explore_settings(None)
    windows = READY_QUIET_MS, STAY_MS
    harness = top.table("harness")
    if harness is not None:
        harness.check_keys(HARNESS_KEYS)
        browser = harness.path("browser", base)
        reports_dir = harness.path("reports_dir", base) or reports_dir
        check_budget_s = harness.positive_number("check_budget_s", CHECK_BUDGET_S)
        explore = _explore_settings(harness)
        windows = (
            harness.integer_between("ready_quiet_ms", 0, MAX_WINDOW_MS, READY_QUIET_MS),
            harness.integer_between("stay_ms", 0, MAX_WINDOW_MS, STAY_MS),
        )

    sandbox_table = top.table("sandbox")
    if sandbox_table is None or not sandbox_table.data:
        raise ConfigError(
            f"{label}: no sandboxes declared; add a [sandbox.<id>] table "
            "(the repository's sandboxes.toml declares [sandbox.demo])"
        )
    sandboxes = []
    for sandbox_id in sandbox_table.data:
        if not ID_RE.fullmatch(sandbox_id):
            raise ConfigError(
                f"{label}: [sandbox.{sandbox_id}] sandbox id {sandbox_id!r} {ID_RULE}; rename it"
            )
        table = sandbox_table.table(sandbox_id)
        assert table is not None  # the key exists
        if table.data.get("kind") == "pages":
            sandboxes.append(_pages_sandbox(sandbox_id, table))
            continue
        sandboxes.append(_parse_sandbox(sandbox_id, table, base, environ))
    return HarnessConfig(
        path=path,
        sandboxes=tuple(sandboxes),
        reports_dir=reports_dir,
        browser=browser,
        check_budget_s=check_budget_s,
        explore=explore[0],
        explore_max_states=explore[1],
        explore_budget_s=explore[2],
        ready_quiet_ms=windows[0],
        stay_ms=windows[1],
        browser_endpoint=parse_browser_endpoint(harness),
        notify=parse_notify(notify) if (notify := top.table("notify")) is not None else None,
    )


def _explore_settings(harness: Table | None) -> tuple[bool, int, float]:
    """``[harness] explore``, ``explore_max_states``, ``explore_budget_s``."""
    if harness is None:
        return True, EXPLORE_MAX_STATES, EXPLORE_BUDGET_S
    enabled = harness.data.get("explore", True)
    if not isinstance(enabled, bool):
        shown = harness.name("explore")
        raise harness.error(f"{shown} must be true or false; write e.g. {shown} = false")
    most = harness.integer_between("explore_max_states", 0, 200, EXPLORE_MAX_STATES)
    return enabled, most, harness.positive_number("explore_budget_s", EXPLORE_BUDGET_S)


def _pages_sandbox(sandbox_id: str, table: Table) -> SandboxConfig:
    """A sandbox of arbitrary pages; its keys are parsed in leganto_qa.config.pages."""
    pages = parse_pages(table)
    locales = parse_locales(table) if "locales" in table.data else ("en",)
    release = _release(table, required=False) or "n/a"
    return SandboxConfig(
        id=sandbox_id,
        kind="pages",
        institution="",
        release=release,
        locales=locales,
        targets=Targets(list="", citation=""),
        base_url=pages.origin,
        pages=pages,
        retries=table.integer_between("retries", 0, MAX_RETRIES, DEFAULT_RETRIES),
    )


def _parse_sandbox(
    sandbox_id: str, table: Table, base: Path, environ: Mapping[str, str]
) -> SandboxConfig:
    table.check_keys(SANDBOX_KEYS)
    kind = cast(Kind, table.choice("kind", KINDS, "a sandbox kind", default=None))
    base_url = _base_url(table, kind)
    institution = table.required("institution")
    if not INSTITUTION_RE.fullmatch(institution):
        raise table.error(
            "institution is not an Alma institution code; "
            "use uppercase letters, digits and '_' like \"47BIBSYS_UBO\""
        )
    targets = table.table("targets", required=True)
    assert targets is not None  # required=True
    api = table.table("api")
    embedding = table.table("embedding")
    links = table.table("links")
    return SandboxConfig(
        id=sandbox_id,
        kind=kind,
        institution=institution,
        release=cast(str, _release(table, required=True)),
        locales=parse_locales(table),
        targets=parse_targets(targets),
        base_url=base_url,
        language_switch=cast(
            LanguageSwitch,
            table.choice(
                "language_switch", LANGUAGE_SWITCHES, "a language switch", "settings-menu"
            ),
        ),
        roles=parse_roles(sandbox_id, table.table("roles"), base, environ),
        api=parse_api(api, kind) if api is not None else None,
        embedding=(
            parse_embedding(embedding, sandbox_id, kind == "stand-in", base, environ)
            if embedding is not None
            else None
        ),
        translation_locales=parse_translation_locales(table),
        links=parse_links(links) if links is not None else None,
        retries=table.integer_between("retries", 0, MAX_RETRIES, DEFAULT_RETRIES),
    )


def _release(table: Table, *, required: bool) -> str | None:
    release = table.string("release", required=required)
    if release is not None and not RELEASE_RE.fullmatch(release):
        raise table.error(f"release is not a release label; {RELEASE_RULE}")
    return release


def _base_url(table: Table, kind: Kind) -> str | None:
    if kind == "stand-in":
        if "base_url" in table.data:
            raise table.error(
                "base_url is not used with kind = 'stand-in' (the harness starts the stand-in "
                "itself); remove base_url, or set kind = 'remote'"
            )
        return None
    if "base_url" not in table.data:
        raise table.error(
            "missing required key 'base_url' for kind = 'remote'; "
            f"add base_url = {EXAMPLES['base_url']}"
        )
    url = table.url("base_url", "server")
    assert url is not None  # the key is there
    return url
