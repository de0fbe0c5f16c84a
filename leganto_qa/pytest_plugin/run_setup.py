"""Creating the run at configure time: sandbox, run folder, and the stand-in's own secrets.

The stand-in sandbox needs a password for its demo users and a key for its Alma API; unless
one is exported, a fresh random one is put in the environment, where the fixtures (and xdist
workers, which inherit it) read it. That is the plugin's only change to ``os.environ``.
"""

from __future__ import annotations

import os
import secrets
from typing import Any

import pytest

from leganto_qa.checks.registry import parse_checks
from leganto_qa.compare.baseline import accepted_fingerprints
from leganto_qa.config.run_context import RunContext
from leganto_qa.config.sandboxes import ApiConfig, load_config
from leganto_qa.model.records import RunLayout, utc_now
from leganto_qa.model.run_folders import open_run_folder
from leganto_qa.pytest_plugin.plugin_options import Settings


def create_run(config: pytest.Config, settings: Settings) -> RunContext:
    """The run this process takes part in (a worker joins the controller's run)."""
    assert settings.sandbox is not None
    workerinput: dict[str, Any] = getattr(config, "workerinput", None) or {}
    harness = load_config(settings.config_path)
    sandbox = harness.run_target(
        settings.sandbox, settings.release, settings.locales, settings.translation_locales
    )
    if sandbox.is_stand_in:
        provide_stand_in_password(sandbox.roles)
        provide_stand_in_apikey(sandbox.api)
    run_id = workerinput.get("leganto_run_id") or (
        open_run_folder(harness.reports_dir, sandbox.id, settings.run_id).root.name
    )
    return RunContext(
        harness=harness,
        sandbox=sandbox,
        run_id=run_id,
        layout=RunLayout.for_run(harness.reports_dir, sandbox.id, run_id),
        worker=workerinput.get("workerid", "controller"),
        axe_only=settings.axe_only,
        headed=bool(config.getoption("headed", False)),
        progress=settings.progress,
        started_at=workerinput.get("leganto_started_at") or utc_now(),
        accepted=accepted_fingerprints(harness.reports_dir, sandbox.id),
        checks=parse_checks(settings.checks),
        checks_all_locales=settings.checks_all_locales,
    )


def provide_stand_in_password(roles: tuple[Any, ...]) -> None:
    """The stand-in's demo users get a fresh random password unless one is exported."""
    for role in roles:
        if role.password_env and not os.environ.get(role.password_env):
            os.environ[role.password_env] = secrets.token_urlsafe(16)


def provide_stand_in_apikey(api: ApiConfig | None) -> None:
    """The stand-in's Alma API gets a fresh random key unless one is exported."""
    if api is not None and api.apikey_env and not os.environ.get(api.apikey_env):
        os.environ[api.apikey_env] = secrets.token_urlsafe(24)
