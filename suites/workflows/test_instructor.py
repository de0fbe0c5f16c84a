"""What instructors do with their reading lists."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


def test_instructor_adds_new_section(instructor, targets):
    reading_list = instructor.reading_list
    reading_list.open(targets.list)
    before = reading_list.sections.count()
    reading_list.add_section("Tilleggslitteratur uke 5")
    expect(reading_list.section("Tilleggslitteratur uke 5")).to_be_visible()
    expect(reading_list.sections).to_have_count(before + 1)


def test_instructor_new_item_form_requires_title(instructor, targets):
    reading_list = instructor.reading_list
    reading_list.open(targets.list)
    reading_list.open_new_item_dialog()
    reading_list.submit_new_item()
    expect(reading_list.dialog.locator("mat-error:visible").first).to_have_text(
        reading_list.names["title_required"]
    )
    expect(reading_list.dialog.locator("#item-title")).to_have_attribute("aria-invalid", "true")


def test_instructor_views_list_as_student(instructor, targets):
    reading_list = instructor.reading_list
    reading_list.open(targets.list)
    reading_list.open_list_menu()
    reading_list.choose("student-view", reading_list.names["student_view"])
    expect(reading_list.student_view_banner).to_contain_text(
        reading_list.names["student_view_banner"]
    )
    reading_list.load_all_citations()
    expect(reading_list.page.locator(".citation-being-prepared")).to_have_count(0)


def test_instructor_publishes_draft_list(instructor, targets):
    if not targets.draft_list:
        pytest.skip("sandboxes.toml names no draft_list for this sandbox")
    reading_list = instructor.reading_list
    reading_list.open(targets.draft_list)
    expect(reading_list.status).to_contain_text(reading_list.names["draft"])
    reading_list.publish()
    expect(reading_list.status).to_contain_text(reading_list.names["published"])
    expect(reading_list.ready_button).to_be_hidden()


def test_instructor_sets_citation_complete(instructor, targets):
    if not targets.draft_list:
        pytest.skip("sandboxes.toml names no draft_list for this sandbox")
    reading_list = instructor.reading_list
    reading_list.open(targets.draft_list)
    reading_list.load_all_citations()
    preparing = (
        reading_list.page.locator("li.li-citation > div.item-holder")
        .filter(has=reading_list.page.locator(".citation-status.citation-being-prepared"))
        .first
    )
    expect(preparing).to_be_visible()
    citation_id = (preparing.get_attribute("id") or "").removeprefix("citation-")
    reading_list.set_citation_complete(citation_id)
    expect(reading_list.citation_status(citation_id)).to_contain_text(
        reading_list.names["complete"]
    )
