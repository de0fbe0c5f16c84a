"""BOLK copyright data: every digitised excerpt of the configured course, as the Alma API has it.

For each reading list of ``[api] course``, the citations that are digitised excerpts (a book
chapter, a citation tagged for digitisation or licensed through BOLK) are recorded with
``record_integration("copyright", …)``: the BOLK fields (rights status, ISBN/ISSN, page range,
the work's number of pages), whether each is present and well formed, and the excerpt's share
of the work against ``[api] excerpt_limit_percent``. The run writes them to
``copyright-worklist.csv`` for the library.

A problem does not fail this test: a tenant whose data already has gaps would fail every run.
The comparison with the baseline says what is news ("BOLK field 'pages' missing since 2024-05
on 3 digitised citations"); the test fails only when the API's answers cannot be read.
"""

from __future__ import annotations

from typing import Any

import pytest

from leganto_qa.integrations.copyright_data import copyright_entry, is_digitised_excerpt


@pytest.fixture(scope="module")
def excerpt_entries(alma_api, live_sandbox) -> list[dict[str, Any]]:
    config = live_sandbox.config  # alma_api has skipped when there is no [api] table
    if config.api is None or not config.api.course:
        pytest.skip(
            f"sandboxes.toml names no course in [sandbox.{config.id}.api]; add "
            'course = "<course code>" to check its digitised excerpts'
        )
    course = alma_api.course_by_code(config.api.course)
    if course is None:
        pytest.fail(
            f"the Alma API finds no course with code {config.api.course!r}; check [api] course "
            "in sandboxes.toml"
        )
    entries = []
    for reading_list in alma_api.reading_lists(str(course["id"])):
        list_id = str(reading_list.get("id", ""))
        for citation in alma_api.citations(str(course["id"]), list_id):
            if is_digitised_excerpt(citation):
                entries.append(
                    copyright_entry(
                        citation,
                        list_name=str(reading_list.get("name", "")),
                        list_code=str(reading_list.get("code", "")),
                        list_id=list_id,
                        release=config.release,
                        limit_percent=config.api.excerpt_limit_percent,
                    )
                )
    return entries


def test_copyright_data_of_digitised_excerpts_is_recorded(excerpt_entries, record_integration):
    keys = [e["key"] for e in excerpt_entries]
    assert all(keys), "a digitised excerpt in the API answer has no id"
    assert len(keys) == len(set(keys)), "the API lists a digitised excerpt twice"
    record_integration("copyright", excerpt_entries)
