"""The sandbox's Alma Courses API: the configured course, its reading lists and citations.

Needs ``[sandbox.<id>.api]`` in sandboxes.toml (``course`` and ``apikey_env``); without it every
test here is skipped. Answers are fetched once per module to spare the daily API quota.
With ``open_proxy`` and ``open_proxy_institution`` there, Sikt's open read-only proxy is checked
against the Alma API too (same course, lists and citations; only whitelisted fields).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leganto_qa.compare.api_shapes import Shape, merge, shape_of


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


# --- Sikt's open read-only proxy: the same data, only the whitelisted fields ------------------

OPEN_PROXY_WHITELIST: dict[str, tuple[str, ...]] = {
    "course": ("id", "code", "name", "section", "term", "year", "status", "reading_lists"),
    "reading_list": ("id", "code", "name", "status", "visibility", "citations"),
    "citation": (
        "id",
        "status",
        "type",
        "secondary_type",
        "leganto_permalink",
        *(
            f"metadata.{field}"
            for field in (
                "title",
                "author",
                "publisher",
                "publication_date",
                "isbn",
                "issn",
                "doi",
                "journal_title",
                "chapter",
                "pages",
            )
        ),
    ),
}
"""The fields the open proxy promises, by answer (a field's sub-fields come with it)."""


def _whitelisted(path: str, allowed: tuple[str, ...]) -> bool:
    return any(
        path == field
        or path.startswith((f"{field}.", f"{field}[]"))
        or field.startswith(f"{path}.")
        for field in allowed
    )


@pytest.fixture(scope="module")
def proxy_course(api_course, course_code, open_proxy) -> dict[str, Any]:
    course = open_proxy.course_by_code(course_code)
    if course is None:
        pytest.fail(
            f"the open proxy ({open_proxy.base_url}, institution={open_proxy.institution}) finds "
            f"no course with code {course_code!r} that the Alma API finds; check [api] "
            "open_proxy_institution in sandboxes.toml"
        )
    return course


@pytest.fixture(scope="module")
def proxy_lists(open_proxy, proxy_course) -> list[dict[str, Any]]:
    return open_proxy.reading_lists(str(proxy_course["id"]))


@pytest.fixture(scope="module")
def proxy_citations(open_proxy, proxy_course, api_citations, live_sandbox) -> list[dict[str, Any]]:
    return open_proxy.citations(str(proxy_course["id"]), live_sandbox.config.targets.list)


def _ids(items: list[dict[str, Any]]) -> list[str]:
    return [str(item.get("id", "")) for item in items]


def _proxy_shapes(
    course: dict[str, Any], lists: list[dict[str, Any]], citations: list[dict[str, Any]]
) -> dict[str, Shape]:
    return {
        "course": shape_of(course),
        "reading_list": merge(*(shape_of(rl) for rl in lists)),
        "citation": merge(*(shape_of(c) for c in citations)),
    }


def test_open_proxy_finds_the_same_course_lists_and_citations(
    proxy_course, proxy_lists, proxy_citations, api_course, api_lists, api_citations
):
    assert str(proxy_course["id"]) == str(api_course["id"])
    assert proxy_course.get("code") == api_course.get("code")
    assert _ids(proxy_lists) == _ids(api_lists), "the proxy lists other reading lists"
    assert _ids(proxy_citations) == _ids(api_citations), "the proxy lists other citations"


def test_open_proxy_returns_no_field_outside_its_whitelist(
    proxy_course, proxy_lists, proxy_citations, api_course, api_lists, api_citations
):
    proxy = _proxy_shapes(proxy_course, proxy_lists, proxy_citations)
    alma = _proxy_shapes(api_course, api_lists, api_citations)
    for name, shape in proxy.items():
        extra = sorted(set(shape.paths) - set(alma[name].paths))
        assert not extra, f"the proxy's {name} has fields the Alma API has not: {extra}"
        leaked = [p for p in shape.paths if not _whitelisted(p, OPEN_PROXY_WHITELIST[name])]
        assert not leaked, f"the proxy's {name} has fields outside its whitelist: {leaked}"


def test_open_proxy_shape_is_recorded(proxy_course, proxy_lists, proxy_citations, record_api_shape):
    for name, shape in _proxy_shapes(proxy_course, proxy_lists, proxy_citations).items():
        assert shape.paths, f"the open proxy's {name} answer has no fields"
        record_api_shape(f"open_proxy_{name}", shape)
