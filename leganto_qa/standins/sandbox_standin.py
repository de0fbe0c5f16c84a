"""Start and stop the stand-in Leganto sandbox (``fixtures/sandbox``) as a separate process.

The stand-in plays a foreign system, so the harness talks to it only over HTTP, exactly as it
talks to a real sandbox.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Callable

from leganto_qa.model.errors import ConfigError
from leganto_qa.standins.server_process import REPO_ROOT, ServerProcess

__all__ = ["REPO_ROOT", "StandIn", "check_institution", "check_release", "serve_forever"]

STANDIN_DIR = REPO_ROOT / "fixtures" / "sandbox"
HOST_NAME = "leganto.localhost"
PASSWORD_ENV = "LEGANTO_STANDIN_PASSWORD"
APIKEY_ENV = "LEGANTO_STANDIN_APIKEY"


def available_releases() -> list[str]:
    """Release labels the stand-in can serve (one data file each)."""
    return sorted(p.stem for p in (STANDIN_DIR / "releases").glob("*.toml"))


def check_release(release: str) -> None:
    known = available_releases()
    if not known:
        raise ConfigError(
            f"the stand-in sandbox is missing ({STANDIN_DIR}); run leganto-qa from a clone of "
            "the repository"
        )
    if release not in known:
        raise ConfigError(
            f"the stand-in sandbox has no release {release!r}; use one of: {', '.join(known)}"
        )


def available_institutions() -> list[str]:
    """Institution codes the stand-in can play: its catalogue's own, then data/institutions.toml's
    (each with its own local configuration; fixtures/sandbox/RELEASES.md, "Institutions")."""
    data = STANDIN_DIR / "data"
    own = tomllib.loads((data / "catalogue.toml").read_text("utf-8"))["institution"]["code"]
    others = tomllib.loads((data / "institutions.toml").read_text("utf-8"))["institution"]
    return [str(own), *others]


def check_institution(code: str) -> None:
    known = available_institutions()
    if code not in known:
        raise ConfigError(
            f"the stand-in sandbox plays no institution {code!r}; set institution to one of: "
            f"{', '.join(known)}"
        )


class StandIn(ServerProcess):
    """A running stand-in sandbox; use as a context manager or call :meth:`stop`."""

    def __init__(
        self,
        release: str,
        password: str,
        apikey: str | None = None,
        port: int = 0,
        institution: str | None = None,
    ) -> None:
        """``institution``: the code it plays (None: the catalogue's own, 47BIBSYS_DEMO)."""
        check_release(release)
        if institution is not None:
            check_institution(institution)
        env = {PASSWORD_ENV: password}
        if apikey:
            env[APIKEY_ENV] = apikey
        self.release = release
        super().__init__(
            "fixtures.sandbox",
            [
                "--release",
                release,
                "--port",
                str(port),
                *(["--institution", institution] if institution else []),
            ],
            env,
            what=f"the stand-in sandbox (release {release})",
            debug_hint=f"run 'python -m fixtures.sandbox --release {release}'",
        )
        self.base_url = f"http://{HOST_NAME}:{self.port}"
        self.loopback_url = f"http://127.0.0.1:{self.port}"


def serve_forever(release: str | None, port: int, echo: Callable[[str], None]) -> None:
    """Serve the stand-in until Ctrl-C, printing where and how to log in."""
    release = release or available_releases()[-1]
    password = os.environ.get("LEGANTO_QA_DEMO_PASSWORD") or secrets.token_urlsafe(12)
    with StandIn(release, password=password, port=port) as standin:
        echo(f"Stand-in Leganto, release {release}: {standin.base_url}/leganto/nui/lists")
        echo(f"Log in as ola.student (student) or kari.laerer (instructor), password {password}")
        echo("Ctrl-C stops it.")
        try:
            standin.wait()
        except KeyboardInterrupt:
            echo("Stopped.")
