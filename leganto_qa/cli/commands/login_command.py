"""``leganto-qa login SANDBOX ROLE``: record a login by hand (Feide/SAML with MFA)."""

from __future__ import annotations

from pathlib import Path

import click

from leganto_qa.cli.shared_options import CONFIG_OPTION, config_file, echo, guard


@click.command()
@click.argument("sandbox")
@click.argument("role")
@click.option(
    "--timeout",
    "timeout_s",
    type=click.IntRange(10, 3600),
    default=300,
    show_default=True,
    help="Seconds to wait for you to finish logging in.",
)
@CONFIG_OPTION
def login(sandbox: str, role: str, timeout_s: int, config_path: Path | None) -> None:
    """Log a role in by hand (Feide/SAML with MFA) and keep the session for later runs."""
    from leganto_qa.browser.login_recording import record_login_headed

    path = guard(
        lambda: record_login_headed(config_file(config_path), sandbox, role, timeout_s, echo)
    )
    echo(
        f"Saved the login of role {role!r} to {path} (owner-only; keep it private). "
        "Record it again when runs report it expired."
    )
