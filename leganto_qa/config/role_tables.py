"""``[sandbox.<id>.roles.<name>]``: how each role logs in (env var names, never secrets)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import cast

from leganto_qa.config.config_paths import session_roots
from leganto_qa.config.models import (
    AUTH_METHODS,
    DEFAULT_AUTH,
    LOGIN_METHODS,
    LoginMethod,
    RoleConfig,
)
from leganto_qa.config.tables import Table
from leganto_qa.config.values import ID_RE, ID_RULE

ROLE_KEYS = ("login", "auth", "user", "user_env", "password_env", "state_file")
_LOCAL_ONLY_KEYS = ("user", "user_env", "password_env")
SESSION_WHAT = "it holds a login session's cookies"


def parse_roles(
    sandbox_id: str, table: Table | None, base: Path, environ: Mapping[str, str] = os.environ
) -> tuple[RoleConfig, ...]:
    """Every role of ``[sandbox.<id>.roles]``, in file order."""
    if table is None:
        return ()
    roles = []
    for role_name in table.data:
        if not ID_RE.fullmatch(role_name):
            raise table.error(f"role name {role_name!r} {ID_RULE}; rename it")
        role_table = table.table(role_name)
        assert role_table is not None  # the key exists
        roles.append(parse_role(sandbox_id, role_name, role_table, base, environ))
    return tuple(roles)


def parse_role(
    sandbox_id: str,
    role_name: str,
    table: Table,
    base: Path,
    environ: Mapping[str, str] = os.environ,
) -> RoleConfig:
    """One role: its login method, Leganto login profile and where its secrets come from."""
    table.check_keys(ROLE_KEYS)
    login = cast(LoginMethod, table.choice("login", LOGIN_METHODS, "a login method", None))
    auth = _auth(table, login)
    _refuse_keys_of_other_logins(table, login)
    user = user_env = password_env = None
    state_file: Path | None = None
    if login == "local":
        user = table.string("user")
        user_env = table.env_name("user_env")
        if (user is None) == (user_env is None):
            raise table.error(
                "give exactly one of user (the user name) or user_env (the environment "
                f"variable holding it) for login = 'local'; e.g. user = {table.example('user')}"
            )
        password_env = table.env_name("password_env")
        if password_env is None:
            raise table.error(
                "missing required key 'password_env' for login = 'local'; "
                f"add password_env = {table.example('password_env')} and export that variable"
            )
    elif login == "storage-state":
        roots = session_roots(base, environ)
        state_file = table.inside("state_file", base, roots, SESSION_WHAT) or (
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


def _auth(table: Table, login: LoginMethod) -> str:
    value = table.string("auth")
    if value is None:
        return DEFAULT_AUTH[login]
    canonical = {method.lower(): method for method in AUTH_METHODS}
    if value.lower() not in canonical:
        raise table.error(
            f"auth is not a Leganto login profile; use one of: {', '.join(AUTH_METHODS)}"
        )
    return canonical[value.lower()]


def _refuse_keys_of_other_logins(table: Table, login: LoginMethod) -> None:
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
