"""The sandbox's Alma Courses API: the configured course, its reading lists and citations.

Needs ``[sandbox.<id>.api]`` in sandboxes.toml (``course`` and ``apikey_env``); without it every
test here is skipped. Answers are fetched once per module to spare the daily API quota.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leganto_qa.apishape import merge, shape_of


@pytest.fixture(scope="module")
def course_code(alma_api, live_sandbox) -> str:
    config = live_sandbox.config  # alma_api has skipped when there is no [api] table
    if config.api is None or not config.api.course:
        pytest.skip(
            f"sandboxes.toml names no course in [sandbox.{config.id}.api]; add "
            'course = "<course code>" (the course of the list in [targets])'
        )
    return config.api.course


@pytest.fixture(scope="module")
def api_course(alma_api, course_code) -> dict[str, Any]:
    course = alma_api.course_by_code(course_code)
    if course is None:
        pytest.fail(
            f"the Alma API finds no course with code {course_code!r} (q=code~{course_code}); "
            "check [api] course in sandboxes.toml, or the course was deleted in the sandbox"
        )
    return course


@pytest.fixture(scope="module")
def api_lists(alma_api, api_course) -> list[dict[str, Any]]:
    return alma_api.reading_lists(str(api_course["id"]))


@pytest.fixture(scope="module")
def api_citations(alma_api, api_course, api_lists, live_sandbox) -> list[dict[str, Any]]:
    targets = live_sandbox.config.targets
    ids = [str(rl.get("id")) for rl in api_lists]
    if targets.list not in ids:
        pytest.fail(
            f"list {targets.list} of [targets] is not among the reading lists of course "
            f"{api_course.get('code')!r} in the API ({', '.join(ids) or 'none'}); set [api] "
            "course to the list's course"
        )
    return alma_api.citations(str(api_course["id"]), targets.list)


def _status(item: dict[str, Any]) -> str:
    status = item.get("status")
    return str(status.get("value", "")) if isinstance(status, dict) else str(status or "")


def test_course_is_found_by_code(api_course, course_code):
    assert api_course["code"] == course_code
    assert str(api_course.get("id", "")).strip(), "the course has no id in the API answer"


def test_course_reading_lists_and_citations_come_back(api_lists, api_citations, targets):
    assert api_lists, "the course has no reading lists in the API"
    assert api_citations, f"list {targets.list} has no citations in the API"
    assert all(str(c.get("id", "")).strip() for c in api_citations), "a citation has no id"
    by_id = {str(c["id"]): c for c in api_citations}
    assert targets.citation in by_id, (
        f"citation {targets.citation} of [targets] is not among the API's citations of list "
        f"{targets.list}"
    )
    assert _status(by_id[targets.citation]) == "Complete"


def test_response_shape_is_recorded(api_course, api_lists, api_citations, record_api_shape):
    shapes = {
        "course": shape_of(api_course),
        "reading_list": merge(*(shape_of(rl) for rl in api_lists)),
        "citation": merge(*(shape_of(c) for c in api_citations)),
    }
    for name, shape in shapes.items():
        assert shape.paths, f"the API's {name} answer has no fields"
        record_api_shape(name, shape)
    assert "secondary_type.value" in shapes["citation"]


def test_api_complete_citations_match_what_students_see(api_citations, student, targets):
    complete = sum(1 for c in api_citations if _status(c) == "Complete")
    reading_list = student.reading_list
    reading_list.open(targets.list)
    reading_list.load_all_citations()
    expect(reading_list.citations).to_have_count(complete)
