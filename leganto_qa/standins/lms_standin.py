"""Start and stop the stand-in LMS (``fixtures/lms``) as a separate process.

The stand-in LMS is a Canvas-like course on its own site (``lms.localhost``, cross-site with the
stand-in sandbox on ``leganto.localhost``: Chromium counts each ``*.localhost`` host as a site of
its own). At start it registers itself as LTI 1.3 platform with the stand-in sandbox.
"""

from __future__ import annotations

from leganto_qa.standins.sandbox_standin import PASSWORD_ENV
from leganto_qa.standins.server_process import ServerProcess

LMS_HOST_NAME = "lms.localhost"
COURSE_PATH = "/courses/101"


class LmsStandIn(ServerProcess):
    """A running stand-in LMS launching the tool at ``tool_url``; a context manager."""

    def __init__(
        self, tool_url: str, tool_loopback_url: str, institution: str, password: str
    ) -> None:
        super().__init__(
            "fixtures.lms",
            [
                "--tool",
                tool_url,
                "--register-at",
                tool_loopback_url,
                "--institution",
                institution,
                "--host-name",
                LMS_HOST_NAME,
            ],
            {PASSWORD_ENV: password},
            what="the stand-in LMS",
            debug_hint="run 'python -m fixtures.lms --help' and start it by hand",
        )
        self.base_url = f"http://{LMS_HOST_NAME}:{self.port}"
        self.course_url = self.base_url + COURSE_PATH
