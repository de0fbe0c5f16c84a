"""What students do with a reading list, each test one task, in the sandbox's default locale."""

from __future__ import annotations

import re

from playwright.sync_api import expect

FETCH_STATUS_AND_TYPE = """async url => {
    const response = await fetch(url);
    return [response.status, response.headers.get('content-type')];
}"""


def test_student_opens_reading_list_with_sections(student, targets):
    reading_list = student.reading_list
    reading_list.open(targets.list)
    expect(reading_list.sections).not_to_have_count(0)
    expect(reading_list.section_names.first).not_to_be_empty()
    expect(reading_list.citations.first).to_be_visible()


def test_student_scrolls_and_every_citation_renders(student, targets):
    reading_list = student.reading_list
    reading_list.open(targets.list)
    reading_list.load_all_citations()
    expect(reading_list.skeletons).to_have_count(0)
    expect(reading_list.citation_title(targets.citation)).not_to_be_empty()


def test_student_sees_only_complete_citations(student, targets):
    reading_list = student.reading_list
    reading_list.open(targets.list)
    reading_list.load_all_citations()
    expect(reading_list.citations.first).to_be_visible()
    expect(reading_list.page.locator(".citation-being-prepared")).to_have_count(0)


def test_student_expands_citation_details(student, targets):
    reading_list = student.reading_list
    reading_list.open(targets.list)
    reading_list.expand_citation(targets.citation)
    details = reading_list.citation(targets.citation).locator(".expand-content")
    expect(details).to_be_visible()


def test_student_opens_citation_full_view(student, targets):
    reading_list = student.reading_list
    reading_list.open(targets.list)
    title = reading_list.citation_title(targets.citation).inner_text().strip()
    reading_list.open_full_view(targets.citation)
    expect(student.citation.title).to_contain_text(title)
    expect(student.citation.metadata).to_be_visible()


def test_student_marks_citation_as_done(student, targets):
    reading_list = student.reading_list
    reading_list.open(targets.list)
    button = reading_list.mark_as_done_button(targets.citation)
    expect(button).to_have_attribute("aria-pressed", "false")
    reading_list.mark_as_done(targets.citation)
    expect(button).to_contain_text(reading_list.names["done"])
    reading_list.open(targets.list)
    expect(reading_list.mark_as_done_button(targets.citation)).to_have_attribute(
        "aria-pressed", "true"
    )


def test_student_opens_online_resource(student, targets):
    if not targets.online_citation:
        import pytest

        pytest.skip("sandboxes.toml names no online_citation for this sandbox")
    citation = student.citation
    citation.open(targets.list, targets.online_citation)
    with student.page.expect_popup() as popup_info:
        citation.view_online_link(targets.online_citation).click()
    student.steps.add("Select 'View online'")
    popup = popup_info.value
    expect(popup.locator("body")).to_contain_text(re.compile(r"\w{3,}"))
    assert "/leganto/nui/error/" not in popup.url, popup.url


def test_student_finds_list_by_course_code(visitor, targets, institution):
    find = visitor.find_lists
    find.open(institution)
    find.search(targets.search or "a")
    expect(find.results.first).to_be_visible()


def test_student_changes_language_in_settings(student, targets):
    reading_list = student.reading_list
    reading_list.open(targets.list)
    other = "nb" if reading_list.locale != "nb" else "en"
    reading_list.choose_language(other)
    expect(reading_list.settings_button).to_have_attribute(
        "aria-label", reading_list.names["settings"]
    )


def test_student_enlarges_text_and_raises_contrast(student, targets):
    reading_list = student.reading_list
    reading_list.open(targets.list)
    reading_list.open_accessibility_dialog()
    dialog = reading_list.dialog
    dialog.locator("input[name=font-size][value=large]").click()
    dialog.locator("#high-contrast").click()
    reading_list.steps.add("Choose large text and high contrast")
    expect(reading_list.page.locator("body")).to_have_class(re.compile(r"\bfont-xl\b"))
    expect(reading_list.page.locator("body")).to_have_class(re.compile(r"\bhigh-contrast\b"))


def test_student_prints_list(student, targets):
    reading_list = student.reading_list
    reading_list.open(targets.list)
    reading_list.open_list_menu()
    with student.page.context.expect_event(
        "request", lambda request: "/print/list/" in request.url
    ) as request_info:
        reading_list.choose("print", reading_list.names["print_list"])
    url = request_info.value.url
    assert re.search(rf"/leganto/rl/files/\w+/print/list/{targets.list}/studentView", url), url
    # Fetched by the page itself: its session, and the browser's name resolution.
    status, content_type = student.page.evaluate(FETCH_STATUS_AND_TYPE, url)
    assert status == 200, f"print answered {status}"
    assert content_type.startswith("application/pdf"), content_type
