"""Fixtures of the links suite: ``[sandbox.<id>.links]``, the course's lists from the API.

Without a ``[sandbox.<id>.links]`` table every test here is skipped with one line saying what
to add. The lists and citations come from the Alma Courses API (``alma_api``): the API is what
FS and the LMS pages are built from, so it says what each permalink must show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest

from leganto_qa.config.links import LinksConfig


@dataclass(frozen=True)
class ApiList:
    """A reading list of the course as the API gives it, with its citations."""

    id: str
    name: str
    code: str
    published: bool
    citations: tuple[dict[str, Any], ...]

    @property
    def complete(self) -> int:
        """Citations students see (status Complete)."""
        return sum(1 for c in self.citations if (c.get("status") or {}).get("value") == "Complete")


@pytest.fixture(scope="session")
def links_config(live_sandbox) -> LinksConfig:
    config = live_sandbox.config
    if config.links is None:
        pytest.skip(
            f"sandbox {config.id!r} has no [sandbox.{config.id}.links] table in sandboxes.toml; "
            'add one with course = "<course code>" to check list permalinks and citation links'
        )
    return config.links


@pytest.fixture(scope="session")
def course_lists(alma_api, links_config) -> list[ApiList]:
    """The reading lists of ``[links] course``, each with its citations (API calls once)."""
    course = alma_api.course_by_code(links_config.course)
    if course is None:
        pytest.fail(
            f"the Alma API finds no course with code {links_config.course!r}; check [links] "
            "course in sandboxes.toml, or the course was deleted in the sandbox"
        )
    lists = []
    for rl in alma_api.reading_lists(str(course["id"])):
        status = (rl.get("status") or {}).get("value")
        citations = alma_api.citations(str(course["id"]), str(rl["id"]))
        lists.append(
            ApiList(
                id=str(rl["id"]),
                name=str(rl.get("name", "")),
                code=str(rl.get("code", "")),
                published=status == "Complete",
                citations=tuple(citations),
            )
        )
    return lists


@pytest.fixture(scope="session")
def loopback_base(live_sandbox) -> str | None:
    """The stand-in's loopback address (its host name does not resolve in Python); else None."""
    if not live_sandbox.config.is_stand_in:
        return None
    return f"http://127.0.0.1:{urlsplit(live_sandbox.base_url).port}"
