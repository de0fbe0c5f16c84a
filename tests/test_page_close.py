"""A page closed while it navigates by itself closes, and the run goes on (page_close.close_page).

Chromium drops a close that races a navigation commit and ``page.close()`` then waits forever;
that hung scans of pages that redirect themselves (and the CI run with them). The race is run
in a child process, so a hang fails this test at its time limit instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

ROUNDS = 20


@pytest.mark.browser
def test_pages_closed_mid_navigation_all_close_and_none_hangs():
    result = subprocess.run(
        [sys.executable, "-m", "tests.close_race", str(ROUNDS)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == f"closed {ROUNDS} of {ROUNDS}", result.stdout
