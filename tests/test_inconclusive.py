"""A run whose login fails teaches nothing: its tests are inconclusive, never pass or fail."""

from __future__ import annotations

import json

import pytest

from tests.conftest import load, run_suites, write_config

pytestmark = pytest.mark.browser

EXPIRED_ROLE = """
[sandbox.demo.roles.student]
login = "storage-state"
state_file = "expired-student.json"
"""


def test_expired_recorded_login_makes_tests_inconclusive(tmp_path):
    text = (write_config(tmp_path / "orig")).read_text()
    start = text.index("[sandbox.demo.roles.student]")
    end = text.index("[sandbox.demo.roles.instructor]")
    config = write_config(tmp_path, text[:start] + EXPIRED_ROLE + "\n" + text[end:])
    cookie = {
        "name": "JSESSIONID",
        "value": "EXPIRED0000000000000000000000000",
        "domain": "leganto.localhost",
        "path": "/",
        "expires": -1,
        "httpOnly": True,
        "secure": False,
        "sameSite": "Lax",
    }
    (tmp_path / "expired-student.json").write_text(json.dumps({"cookies": [cookie], "origins": []}))
    result = run_suites(
        config,
        "expired",
        "-k",
        "test_student_opens_reading_list_with_sections",
        suites=("workflows",),
    )
    assert result.returncode == 0, result.stdout[-2000:]
    record = load(config, "expired")
    (outcome,) = record["outcomes"]
    assert outcome["outcome"] == "inconclusive"
    assert "recorded login of role 'student'" in outcome["message"]
    assert "leganto-qa login demo student" in outcome["message"]
    assert "EXPIRED0000" not in json.dumps(record)
