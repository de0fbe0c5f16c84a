"""Unit tests: framing headers, Set-Cookie attributes, frame titles and the [embedding] table."""

from __future__ import annotations

import pytest

from leganto_qa.browser.lms_embedding import (
    error_marker,
    frame_title_problem,
    framing_verdict,
    parse_set_cookie,
)
from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.errors import ConfigError
from tests.conftest import REPO, write_config

TOOL = "https://bibsys-xc.alma.exlibrisgroup.com"
CANVAS = "https://uio.instructure.com"


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({}, True),
        ({"X-Frame-Options": "DENY"}, False),
        ({"X-Frame-Options": "SAMEORIGIN"}, False),
        ({"Content-Security-Policy": "frame-ancestors 'self'"}, False),
        ({"Content-Security-Policy": "frame-ancestors 'none'"}, False),
        ({"Content-Security-Policy": "frame-ancestors *"}, True),
        ({"Content-Security-Policy": "frame-ancestors 'self' https://*.instructure.com"}, True),
        ({"Content-Security-Policy": "frame-ancestors https://*.itslearning.com"}, False),
        ({"Content-Security-Policy": "default-src 'self'; frame-ancestors https:"}, True),
        ({"Content-Security-Policy": "frame-ancestors http://uio.instructure.com"}, True),
        ({"Content-Security-Policy": "frame-ancestors https://uio.instructure.com:8443"}, False),
        # CSP frame-ancestors wins over X-Frame-Options, as in Chromium
        (
            {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors *"},
            True,
        ),
    ],
)
def test_framing_verdict_follows_chromium(headers, allowed):
    verdict = framing_verdict(headers, TOOL, CANVAS)
    assert verdict.allowed is allowed, verdict.reason
    assert CANVAS in verdict.reason or verdict.reason.startswith("no framing headers")


def test_framing_verdict_port_wildcard_and_self():
    csp = {"content-security-policy": "frame-ancestors 'self' http://lms.localhost:*"}
    assert framing_verdict(
        csp, "http://leganto.localhost:5000", "http://lms.localhost:4000"
    ).allowed
    assert not framing_verdict(
        csp, "http://leganto.localhost:5000", "http://x.localhost:4000"
    ).allowed
    same = {"X-Frame-Options": "SAMEORIGIN"}
    assert framing_verdict(same, "https://a.example", "https://a.example").allowed


def test_set_cookie_attributes_and_third_party_use():
    chips = parse_set_cookie(
        "JSESSIONID=secret-value; Secure; HttpOnly; Path=/; SameSite=None; Partitioned"
    )
    assert (chips.name, chips.same_site, chips.secure, chips.partitioned) == (
        "JSESSIONID",
        "None",
        True,
        True,
    )
    assert chips.usable_when_blocked
    assert "secret-value" not in repr(chips.to_dict())
    plain = parse_set_cookie("JSESSIONID=v; Secure; HttpOnly; Path=/; SameSite=None")
    assert not plain.usable_when_blocked
    lax = parse_set_cookie("session=v; Path=/")
    assert lax.same_site.startswith("(none") and not lax.usable_when_blocked


def test_frame_titles_and_error_markers():
    assert frame_title_problem("Pensumliste") is None
    assert "no title" in frame_title_problem(None)
    assert "does not say" in frame_title_problem("Tool Content")
    assert error_marker("http://x/leganto/nui/error/illegal_institution") == "Illegal Institution"
    assert error_marker("http://x/leganto/nui/lists/1") is None


def test_demo_embedding_uses_the_stand_in_lms_with_canvas_defaults():
    config = load_config(REPO / "sandboxes.toml").sandbox("demo").embedding
    assert config is not None and config.uses_stand_in
    assert config.frame == "iframe#tool_content"
    assert config.new_window_name == "Load Pensumliste in a new window"


def _with_embedding(tmp_path, table: str):
    text = (REPO / "sandboxes.toml").read_text()
    start = text.index("[sandbox.demo.embedding]")
    end = text.index("\n\n", start)
    return write_config(tmp_path, text[:start] + table.strip() + text[end:])


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[sandbox.demo.embedding]\nlms = "canvs"', "is not an LMS kind; use one of: canvas"),
        ('[sandbox.demo.embedding]\nlms = "moodle"', "needs a course_url"),
        (
            '[sandbox.demo.embedding]\nlms = "canvas"\ncourse_url = "uio.instructure.com"',
            "must be an http(s) URL",
        ),
        ('[sandbox.demo.embedding]\nlms = "canvas"\ntool = "x"', "did you mean 'tool_link'"),
        (
            '[sandbox.demo.embedding]\nlms = "canvas"\npassword_env = "hunter2 secret"',
            "must name an environment variable",
        ),
    ],
)
def test_bad_embedding_tables_get_one_line_errors(tmp_path, table, message):
    path = _with_embedding(tmp_path, table)
    with pytest.raises(ConfigError) as caught:
        load_config(path).sandbox("demo")
    assert message in str(caught.value)
    assert "[sandbox.demo.embedding]" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_remote_canvas_course_with_recorded_session(tmp_path):
    table = (
        '[sandbox.demo.embedding]\nlms = "canvas"\n'
        'course_url = "https://uio.instructure.com/courses/12345/"\nlogin = "storage-state"'
    )
    config = load_config(_with_embedding(tmp_path, table)).sandbox("demo").embedding
    assert config.course_url == "https://uio.instructure.com/courses/12345"
    assert config.state_file == tmp_path / ".auth" / "demo-lms-student.json"
    assert not config.uses_stand_in
