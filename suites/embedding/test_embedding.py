"""Leganto inside the LMS course, as students reach it: launch, deep links, framing, cookies,
the new-window fallback, the frame's title, axe inside the frame and keyboard focus.

Each check names the cause when it fails (the Leganto error page, the framing header, the
cookie that third-party-cookie blocking drops) and keeps what it saw in the run record.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from leganto_qa.browser.lms_embedding import (
    error_marker,
    frame_title_problem,
    framing_verdict,
)

LAUNCH_TIMEOUT_S = 30.0


def wait_for_launch(launch) -> str:
    """Wait until the frame shows the list, a citation, a Leganto error or a browser error page;
    return the frame's final URL."""
    course = launch.course
    deadline = time.monotonic() + LAUNCH_TIMEOUT_S
    landed = course.tool_landed().first
    while True:
        frame = course.frame_element.element_handle().content_frame()
        url = frame.url if frame else ""
        if url.startswith("chrome-error:"):
            return url
        try:
            landed.wait_for(state="attached", timeout=500)
            return course.frame_element.element_handle().content_frame().url
        except PlaywrightError:
            if time.monotonic() > deadline:
                return url


def launch_problem(launch, url: str) -> str | None:
    """Why the launch did not reach Leganto's pages, naming the cause, or None."""
    if url.startswith("chrome-error:"):
        return "the browser refused to show Leganto in the frame: " + (
            blocking_headers(launch) or "no framing header explains it"
        )
    marker = error_marker(url)
    if marker is None:
        return None
    problem = f"the launch ended on Leganto's '{marker}' page ({url.split('?')[0]})"
    dropped = sorted(c.name for c in launch.cookies.values() if not c.usable_when_blocked)
    if launch.mode == "blocked" and dropped:
        problem += (
            f"; third-party cookies are blocked and the browser drops {', '.join(dropped)} "
            "(not SameSite=None; Secure; Partitioned)"
        )
    return problem


def blocking_headers(launch) -> str:
    """The framing headers that keep the LMS from showing Leganto's pages, in one line."""
    blocked = {}
    for path, headers in launch.documents:
        verdict = framing_verdict(headers, launch.tool_origin, _origin(launch))
        if not verdict.allowed:
            blocked.setdefault(verdict.reason, []).append(path)
    return "; ".join(
        f"{reason} (on {len(paths)} page(s), first {paths[0]})" for reason, paths in blocked.items()
    )


def _origin(launch) -> str:
    parts = launch.page.url.split("/")
    return "/".join(parts[:3])


def cookie_lines(launch) -> list[str]:
    return [
        f"{c.name}: SameSite={c.same_site}, Secure={c.secure}, Partitioned={c.partitioned}"
        for c in sorted(launch.cookies.values(), key=lambda c: c.name)
    ]


def test_launch_reaches_the_reading_list_in_the_frame(embedded, lms_site, targets):
    launch = embedded("blocked")
    launch.course.open_tool()
    url = wait_for_launch(launch)
    problem = launch_problem(launch, url)
    assert problem is None, problem
    reading_list = launch.course.reading_list
    reading_list.expect_loaded()
    expected = lms_site.config.list or targets.list
    assert f"/lists/{expected}" in url, f"the launch opened {url}, not list {expected}"
    expect(reading_list.section_names.first).to_be_visible()
    expect(reading_list.citations.first).to_be_visible()


@pytest.mark.parametrize("kind", ["section", "citation"])
def test_deep_link_opens_its_item(kind, embedded, lms_site, targets):
    name = getattr(lms_site.config, f"{kind}_link")
    target = getattr(targets, kind)
    if not name or not target:
        pytest.skip(f"sandboxes.toml names no {kind}_link in [embedding] or no targets.{kind}")
    launch = embedded("blocked")
    launch.course.open_module_link(name)
    url = wait_for_launch(launch)
    problem = launch_problem(launch, url)
    assert problem is None, problem
    frame = launch.course.frame
    if kind == "section":
        assert f"section={target}" in url, f"the section link opened {url}"
        expect(frame.locator(f"#section-header-{target}")).to_be_visible()
    else:
        assert url.split("?")[0].endswith(f"/citations/{target}"), f"the link opened {url}"
        expect(frame.locator("lg-citation-full dl").first).to_be_visible()
        expect(frame.locator("h1").first).not_to_be_empty()


def test_framing_headers_allow_the_lms(embedded, record_embedding):
    launch = embedded("blocked")
    launch.course.open_tool()
    url = wait_for_launch(launch)
    lms_origin = _origin(launch)
    verdicts = {
        path: framing_verdict(headers, launch.tool_origin, lms_origin)
        for path, headers in launch.documents
    }
    record_embedding(
        "framing",
        {
            "lms_origin": lms_origin,
            "frame_url": url.split("?")[0],
            "documents": {p: v.to_dict() for p, v in verdicts.items()},
        },
    )
    assert verdicts, "no Leganto page was loaded into the frame"
    blocked = blocking_headers(launch)
    assert not blocked, "framing headers block the LMS: " + blocked
    assert not url.startswith("chrome-error:"), "the browser refused to show the frame"


@pytest.mark.parametrize("mode", ["blocked", "allowed"])
def test_session_works_with_third_party_cookies(mode, embedded, record_embedding):
    launch = embedded(mode)
    launch.course.open_tool()
    url = wait_for_launch(launch)
    problem = launch_problem(launch, url)
    record_embedding(
        f"cookies-{mode}",
        {
            "mode": mode,
            "reached": problem is None,
            "problem": problem,
            "cookies": {n: c.to_dict() for n, c in sorted(launch.cookies.items())},
        },
    )
    assert problem is None, (
        f"third-party cookies {mode}: {problem}. Cookies the tool set: "
        + "; ".join(cookie_lines(launch))
    )
    launch.course.reading_list.expect_loaded()


def test_new_window_fallback_reaches_the_same_list(embedded, lms_site, targets):
    launch = embedded("blocked")
    launch.course.open_tool()
    expect(launch.course.new_window_button).to_be_visible()
    with launch.page.context.expect_page() as opened:
        launch.course.new_window_button.click()
    popup = opened.value
    expected = lms_site.config.list or targets.list
    expect(popup.locator("lg-list, lg-error").first).to_be_attached(timeout=30_000)
    marker = error_marker(popup.url)
    assert marker is None, f"the new window ended on Leganto's '{marker}' page"
    assert f"/lists/{expected}" in popup.url, f"the new window opened {popup.url}"
    expect(popup.locator("lg-section-list lg-section").first).to_be_visible()


def test_frame_has_a_meaningful_title(embedded, lms_site, record_embedding):
    launch = embedded("blocked")
    launch.course.open_tool()
    title = launch.course.frame_element.get_attribute("title")
    problem = frame_title_problem(title)
    record_embedding(
        "frame-title", {"title": title, "set_by": lms_site.config.lms, "problem": problem}
    )
    assert problem is None, (
        f"{problem}; the {lms_site.config.lms} course page sets it (report it to the LMS, "
        "not to Ex Libris)"
    )


def test_frame_content_has_no_new_wcag_findings(embedded, lms_site, capture_state, live_sandbox):
    launch = embedded("blocked")
    launch.course.open_tool()
    url = wait_for_launch(launch)
    problem = launch_problem(launch, url)
    assert problem is None, problem
    launch.course.reading_list.expect_loaded()
    state = f"lms/{lms_site.config.lms}/tool-frame"
    role = lms_site.config.role
    # The UI language is the LMS's (the launch's locale claim), not the sandbox's default.
    lang = launch.course.frame.locator("html").get_attribute("lang") or ""
    locale = lang[:2] or live_sandbox.config.default_locale
    result = capture_state(launch.page, state, role, locale, launch.course.steps.as_tuple())
    # Findings of the LMS page itself are recorded (against the LMS) but do not fail Leganto;
    # a frame that could not be scanned is a coverage gap of the page state (in the reports).
    mine = [f for f in result.new if f.elements and all(e.frame_path for e in f.elements)]
    assert not mine, result.describe_new()


def test_keyboard_focus_enters_moves_through_and_leaves_the_frame(embedded):
    launch = embedded("blocked")
    course = launch.course
    course.open_tool()
    url = wait_for_launch(launch)
    problem = launch_problem(launch, url)
    assert problem is None, problem
    course.reading_list.expect_loaded()
    keyboard = launch.page.keyboard
    in_frame = "() => document.activeElement?.tagName === 'IFRAME'"
    # Start on the LMS's last control before the frame (Canvas: the new-window button, when
    # shown; else the tool link in the course navigation) and Tab in.
    before = course.new_window_button if course.new_window_button.count() else course.tool_link
    before.first.focus()
    for _ in range(30):
        keyboard.press("Tab")
        if launch.page.evaluate(in_frame):
            break
    else:
        raise AssertionError("30 Tab presses from the LMS never moved focus into the frame")
    expect(course.frame_element).to_be_focused()
    inside = course.frame.locator(":focus")
    seen = []
    for _ in range(40):
        expect(inside).to_have_count(1)
        seen.append(inside.evaluate("e => e.id || e.tagName"))
        if inside.evaluate("e => !!e.closest('lg-section-list')"):
            break
        keyboard.press("Tab")
    else:
        raise AssertionError(f"40 Tab presses inside the frame never reached the list: {seen}")
    assert len(set(seen)) > 1, f"focus did not move inside the frame: {seen}"
    for _ in range(80):
        keyboard.press("Shift+Tab")
        if not launch.page.evaluate(in_frame):
            break
    else:
        raise AssertionError("Shift+Tab never moved focus out of the frame (keyboard trap)")
    assert launch.page.evaluate("() => document.activeElement !== document.body"), (
        "focus left the frame but landed nowhere in the LMS page"
    )
