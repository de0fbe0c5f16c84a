"""What one pytest process knows about the current run: sandbox, run folder, secrets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from leganto_qa.config.sandboxes import HarnessConfig, SandboxConfig
from leganto_qa.model.records import RunLayout
from leganto_qa.model.redaction import Redactor


@dataclass
class RunContext:
    """Shared by the plugin's hooks and fixtures through ``config.stash``."""

    harness: HarnessConfig
    sandbox: SandboxConfig
    run_id: str
    layout: RunLayout
    worker: str
    axe_only: bool
    headed: bool
    progress: bool
    started_at: str
    accepted: frozenset[str]
    redactor: Redactor = field(default_factory=Redactor)
    checks: tuple[str, ...] = ()
    """Browser checks to run on page states (leganto_qa.checks; ``--checks``)."""
    checks_all_locales: bool = False
    """Run the checks in every locale, not only the sandbox's default one."""

    def __post_init__(self) -> None:
        """The redactor knows the secrets of the configuration's variables from the start."""
        names = [r.password_env for r in self.sandbox.roles if r.password_env]
        if self.sandbox.api is not None and self.sandbox.api.apikey_env:
            names.append(self.sandbox.api.apikey_env)
        self.redactor.add_environment(names)

    @property
    def is_controller(self) -> bool:
        return self.worker == "controller"

    @property
    def reports_dir(self) -> Path:
        return self.harness.reports_dir
