"""Start and stop the stand-in Leganto sandbox (``fixtures/sandbox``) as a separate process.

The stand-in plays a foreign system, so the harness talks to it only over HTTP, exactly as it
talks to a real sandbox.
"""

from __future__ import annotations

import os
import queue
import secrets
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from leganto_qa.errors import ConfigError, SandboxUnavailable

REPO_ROOT = Path(__file__).resolve().parents[1]
STANDIN_DIR = REPO_ROOT / "fixtures" / "sandbox"
HOST_NAME = "leganto.localhost"
START_TIMEOUT_S = 30.0
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


class StandIn:
    """A running stand-in sandbox; use as a context manager or call :meth:`stop`."""

    def __init__(
        self, release: str, password: str, apikey: str | None = None, port: int = 0
    ) -> None:
        check_release(release)
        env = {**os.environ, PASSWORD_ENV: password, "PYTHONUNBUFFERED": "1"}
        if apikey:
            env[APIKEY_ENV] = apikey
        self.release = release
        self._log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "fixtures.sandbox",
                "--release",
                release,
                "--port",
                str(port),
                "--exit-with-parent",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.PIPE,  # closes when we die: the stand-in then stops too
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        self.port = self._wait_for_port()
        self.base_url = f"http://{HOST_NAME}:{self.port}"
        self.loopback_url = f"http://127.0.0.1:{self.port}"

    def _wait_for_port(self) -> int:
        lines: queue.Queue[str] = queue.Queue()
        assert self._process.stdout is not None
        stdout = self._process.stdout

        def forward() -> None:
            for line in stdout:
                lines.put(line)

        self._reader = threading.Thread(target=forward, daemon=True)
        self._reader.start()
        try:
            line = lines.get(timeout=START_TIMEOUT_S)
        except queue.Empty:
            line = ""
        if not line.startswith("LISTENING "):
            self.stop()
            detail = self._stderr_tail()
            raise SandboxUnavailable(
                f"the stand-in sandbox (release {self.release}) did not start: {detail}; "
                "run 'python -m fixtures.sandbox --release "
                f"{self.release}' to see why"
            )
        return int(line.strip().rsplit(":", 1)[1])

    def _stderr_tail(self) -> str:
        if self._process.poll() is None:
            return "no answer within 30 s"
        self._log.seek(0)
        lines = [ln.strip() for ln in self._log.read().splitlines() if ln.strip()]
        return lines[-1] if lines else f"exit code {self._process.returncode}"

    def wait(self) -> None:
        self._process.wait()

    def stop(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._reader.join(timeout=5)
        if self._process.stdout is not None and not self._reader.is_alive():
            self._process.stdout.close()
        self._log.close()

    def __enter__(self) -> StandIn:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


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
