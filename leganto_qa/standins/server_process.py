"""A local HTTP server run as a child process that announces its port (the stand-ins).

The child prints ``LISTENING <url>:<port>`` once it accepts connections and exits when its
stdin closes, so it never outlives the harness.
"""

from __future__ import annotations

import importlib.util
import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from leganto_qa.model.errors import SandboxUnavailable

REPO_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 30.0
STANDIN_LIBRARIES = {"flask": "Flask", "jwt": "PyJWT", "pylti1p3": "PyLTI1p3"}
"""What the stand-in servers import (the ``demo`` extra); the harness itself needs none of them."""


def require_stand_in(module: str) -> None:
    """Raise a one-line error when the stand-in's code or its libraries are not installed."""
    package = REPO_ROOT / Path(*module.split("."))
    if not package.is_dir():
        raise SandboxUnavailable(
            f"the stand-in {module!r} is not here ({package} is missing): the stand-ins live in "
            "a clone of the leganto-qa repository, not in the installed package; run the demo "
            "from a clone"
        )
    missing = [
        name for mod, name in STANDIN_LIBRARIES.items() if importlib.util.find_spec(mod) is None
    ]
    if missing:
        raise SandboxUnavailable(
            f"the stand-in needs {', '.join(missing)}, which are not installed; "
            "install the demo extra: python3 -m pip install -e '.[demo]'"
        )


class ServerProcess:
    """``python -m <module> <args>`` from the repository root, until :meth:`stop`."""

    def __init__(
        self, module: str, args: Sequence[str], env: Mapping[str, str], what: str, debug_hint: str
    ) -> None:
        """``what`` names the server in errors; ``debug_hint`` says how to start it by hand."""
        require_stand_in(module)
        self._log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self._process = subprocess.Popen(
            [sys.executable, "-m", module, *args, "--exit-with-parent"],
            cwd=REPO_ROOT,
            env={**os.environ, **env, "PYTHONUNBUFFERED": "1"},
            stdin=subprocess.PIPE,  # closes when we die: the server then stops too
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        self.port = self._wait_for_port(what, debug_hint)

    def _wait_for_port(self, what: str, debug_hint: str) -> int:
        lines: queue.Queue[str] = queue.Queue()
        stdout = self._process.stdout
        assert stdout is not None

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
            detail = self._stderr_tail()
            self.stop()
            raise SandboxUnavailable(f"{what} did not start: {detail}; {debug_hint} to see why")
        return int(line.strip().rsplit(":", 1)[1])

    def _stderr_tail(self) -> str:
        if self._process.poll() is None:
            return f"no answer within {START_TIMEOUT_S:.0f} s"
        self._log.seek(0)
        lines = [ln.strip() for ln in self._log.read().splitlines() if ln.strip()]
        return lines[-1] if lines else f"exit code {self._process.returncode}"

    def wait(self) -> None:
        self._process.wait()

    def stop(self) -> None:
        if self._process.stdin is not None and not self._process.stdin.closed:
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
        if not self._log.closed:
            self._log.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
