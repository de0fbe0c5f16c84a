"""Start and stop the stand-in LMS (``fixtures/lms``) as a separate process.

The stand-in LMS is a Canvas-like course on its own site (``lms.localhost``, cross-site with the
stand-in sandbox on ``leganto.localhost``: Chromium counts each ``*.localhost`` host as a site of
its own). At start it registers itself as LTI 1.3 platform with the stand-in sandbox.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import tempfile
import threading
from types import TracebackType

from leganto_qa.errors import SandboxUnavailable
from leganto_qa.standin import PASSWORD_ENV, REPO_ROOT, START_TIMEOUT_S

LMS_HOST_NAME = "lms.localhost"
COURSE_PATH = "/courses/101"


class LmsStandIn:
    """A running stand-in LMS launching the tool at ``tool_url``; a context manager."""

    def __init__(
        self, tool_url: str, tool_loopback_url: str, institution: str, password: str
    ) -> None:
        env = {**os.environ, PASSWORD_ENV: password, "PYTHONUNBUFFERED": "1"}
        self._log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "fixtures.lms",
                "--tool",
                tool_url,
                "--register-at",
                tool_loopback_url,
                "--institution",
                institution,
                "--host-name",
                LMS_HOST_NAME,
                "--exit-with-parent",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        self.port = self._wait_for_port()
        self.base_url = f"http://{LMS_HOST_NAME}:{self.port}"
        self.course_url = self.base_url + COURSE_PATH

    def _wait_for_port(self) -> int:
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
            raise SandboxUnavailable(
                f"the stand-in LMS did not start: {detail}; run 'python -m fixtures.lms --help' "
                "and start it by hand to see why"
            )
        return int(line.strip().rsplit(":", 1)[1])

    def _stderr_tail(self) -> str:
        if self._process.poll() is None:
            return "no answer within 30 s"
        self._log.seek(0)
        lines = [ln.strip() for ln in self._log.read().splitlines() if ln.strip()]
        return lines[-1] if lines else f"exit code {self._process.returncode}"

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

    def __enter__(self) -> LmsStandIn:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
