"""`leganto-qa config check`: the three config files valid, and what each sandbox will do.

:func:`check_config` reads ``sandboxes.toml``, ``known-issues.toml`` beside it and the
``i18n-allowlist.toml`` the i18n suite will use (a broken file raises one ConfigError line),
then lists each sandbox and role and the environment variables they need that are not set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from leganto_qa.config.config_paths import KNOWN_ISSUES_NAME
from leganto_qa.config.environment import missing_env
from leganto_qa.config.known_issues_file import IssueEntry, read_known_issues
from leganto_qa.config.models import ApiConfig, HarnessConfig, RoleConfig, SandboxConfig
from leganto_qa.config.sandboxes import load_config
from leganto_qa.config.translation_allowlist import allowlist_path, load_allowlist


@dataclass(frozen=True)
class ConfigCheck:
    """What ``config check`` prints, and the environment variables that are missing."""

    lines: list[str]
    missing: list[str]

    @property
    def ok(self) -> bool:
        """True when every variable the roles need is set (exit 0)."""
        return not self.missing


def check_config(path: Path, environ: Mapping[str, str] = os.environ) -> ConfigCheck:
    """Validate the config files around ``path``; ConfigError (one line) when one is broken."""
    harness = load_config(path, environ)
    lines = describe_config(harness, environ)
    if harness.notify is not None:  # the variable's name and whether it is set, never its value
        hook = harness.notify.webhook_env
        state = "set" if environ.get(hook, "").strip() else "not set: no notification is sent"
        lines.append(f"notify: a changed verdict is posted to the webhook in ${hook} ({state})")
    known = harness.path.parent / KNOWN_ISSUES_NAME
    if known.exists():
        count = len(read_known_issues(known, IssueEntry))
        lines.append(f"{known}: valid; {count} known issue(s)")
    else:
        lines.append(f"{known.name}: none beside {harness.path.name} (optional)")
    allowlist = allowlist_path(harness.path, environ)
    if allowlist.is_file():
        terms = load_allowlist(allowlist)
        lines.append(
            f"{allowlist}: valid; {len(terms.same_everywhere)} term(s) the same everywhere, "
            f"{len(terms.patterns)} pattern(s)"
        )
    needed = [need for sandbox in harness.sandboxes for need in needed_env(sandbox)]
    missing = missing_env((name for name, _ in needed), environ)
    if missing:
        who = {name: what for name, what in reversed(needed)}
        listed = "; ".join(f"{name} ({who[name]})" for name in missing)
        lines.append(
            f"missing environment variable(s): {listed}; export them before running "
            "(never write the values into the file)"
        )
    return ConfigCheck(lines, missing)


def needed_env(sandbox: SandboxConfig) -> Iterator[tuple[str, str]]:
    """(variable, who needs it) for each secret a run of ``sandbox`` reads from the environment.

    A stand-in generates its passwords and API key, so only user-name variables count there.
    """
    where = f"sandbox {sandbox.id}"
    for role in sandbox.roles:
        if role.login == "local" and role.user_env:
            yield role.user_env, f"{where} role {role.name}: user name"
        if role.login == "local" and role.password_env and not sandbox.is_stand_in:
            yield role.password_env, f"{where} role {role.name}: password"
    if sandbox.api is not None and sandbox.api.apikey_env and not sandbox.is_stand_in:
        yield sandbox.api.apikey_env, f"{where} api: API key"
    lms = sandbox.embedding
    if lms is not None and not lms.uses_stand_in and lms.login == "local":
        if lms.user_env:
            yield lms.user_env, f"{where} embedding: LMS user name"
        if lms.password_env:
            yield lms.password_env, f"{where} embedding: LMS password"
    if sandbox.pages is not None and sandbox.pages.login is not None:
        yield sandbox.pages.login.user_env, f"{where} login: user name"
        yield sandbox.pages.login.password_env, f"{where} login: password"


def describe_config(harness: HarnessConfig, environ: Mapping[str, str] = os.environ) -> list[str]:
    """One line per sandbox, its API and its roles: ready, or what is missing."""
    lines = [f"{harness.path}: valid; {len(harness.sandboxes)} sandbox(es)"]
    for sandbox in harness.sandboxes:
        where = sandbox.base_url or "stand-in started by the harness"
        lines.append(
            f"  {sandbox.id}: {sandbox.institution}, release {sandbox.release}, "
            f"locales {', '.join(sandbox.locales)}, {where}"
        )
        if sandbox.api is not None:
            lines.append(f"    api: {_api_status(sandbox.api, sandbox.is_stand_in, environ)}")
        for role in sandbox.roles:
            lines.append(
                f"    role {role.name}: {_role_status(role, sandbox.is_stand_in, environ)}"
            )
    return lines


def _api_status(api: ApiConfig, stand_in: bool, environ: Mapping[str, str]) -> str:
    where = "the stand-in's own API" if stand_in else api.base_url
    course = f", course {api.course}" if api.course else ""
    if stand_in or (api.apikey_env and environ.get(api.apikey_env)):
        return f"{where}{course}, key from ${api.apikey_env}"
    return f"{where}{course}; export {api.apikey_env} before running the api suite"


def _role_status(role: RoleConfig, stand_in: bool, environ: Mapping[str, str]) -> str:
    if role.login == "none":
        return "no login (public pages)"
    if role.login == "storage-state":
        state = role.state_file
        if state is not None and state.exists():
            return f"recorded login at {state}"
        return (
            f"no recorded login yet at {state}; run 'leganto-qa login {role.sandbox} {role.name}'"
        )
    user = role.user or f"${role.user_env}"
    if role.password_env and environ.get(role.password_env):
        return f"local login as {user}, password from ${role.password_env} (set)"
    if stand_in:
        return f"local login as {user}, password generated for the stand-in"
    return f"local login as {user}; export {role.password_env} before running"
