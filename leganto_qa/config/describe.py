"""What `leganto-qa config check` says about each sandbox: ready, or what is missing."""

from __future__ import annotations

import os
from collections.abc import Mapping

from leganto_qa.config.sandboxes import ApiConfig, HarnessConfig, RoleConfig


def describe_config(harness: HarnessConfig, environ: Mapping[str, str] = os.environ) -> list[str]:
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
