"""``[sandbox.<id>.embedding]``: the LMS course that launches Leganto, for suites/embedding.

Per LMS the tool is found the way students find it (defaults from domain.md, overridable):
Canvas shows a course-navigation link and the tool in ``iframe#tool_content``; Moodle links to
``/mod/lti/view.php``. A stand-in sandbox without ``course_url`` gets the stand-in LMS, which
the harness starts itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from leganto_qa.config.config_paths import session_roots
from leganto_qa.config.models import LMS_KINDS, EmbeddingConfig, LmsKind, LmsLogin
from leganto_qa.config.role_tables import SESSION_WHAT
from leganto_qa.config.tables import MAX_NAME_CHARS, Table
from leganto_qa.config.urls import url_problem

__all__ = ["EMBEDDING_KEYS", "LMS_DEFAULTS", "EmbeddingConfig", "LmsDefaults", "parse_embedding"]

EMBEDDING_KEYS = (
    "lms",
    "course_url",
    "role",
    "login",
    "user",
    "user_env",
    "password_env",
    "state_file",
    "tool_link",
    "link_selector",
    "frame",
    "new_window_button",
    "section_link",
    "citation_link",
    "list",
)
_COURSE_URL = '"https://<your>.instructure.com/courses/<id>"'


@dataclass(frozen=True)
class LmsDefaults:
    """How a student finds the tool in one LMS."""

    link_selector: str
    """Where the tool link is; the link is then picked by its name (``tool_link``)."""
    frame: str
    new_window_button: str
    """The name of the "open in a new window" button; ``{tool}`` is the tool link's name."""


LMS_DEFAULTS: dict[str, LmsDefaults] = {
    "canvas": LmsDefaults("#section-tabs a", "iframe#tool_content", "Load {tool} in a new window"),
    "moodle": LmsDefaults('a[href*="/mod/lti/view.php"]', "iframe#contentframe", "{tool}"),
    "blackboard": LmsDefaults("a", "iframe", "{tool}"),
    "other": LmsDefaults("a", "iframe", "{tool}"),
}


def parse_embedding(
    table: Table,
    sandbox_id: str,
    stand_in: bool,
    base: Path,
    environ: Mapping[str, str] = os.environ,
) -> EmbeddingConfig:
    """Validate ``[sandbox.<id>.embedding]``; errors name the key and the fix."""
    table.check_keys(EMBEDDING_KEYS)
    lms = cast(LmsKind, table.choice("lms", LMS_KINDS, "an LMS kind", default=None))
    course_url = _course_url(table, lms, stand_in)
    defaults = LMS_DEFAULTS[lms]
    login = cast(
        LmsLogin,
        table.choice("login", ("local", "storage-state"), "an LMS login method", "local"),
    )
    role = table.string("role", max_chars=MAX_NAME_CHARS) or "student"
    state_file = table.inside("state_file", base, session_roots(base, environ), SESSION_WHAT)
    if login == "storage-state" and state_file is None:
        state_file = base / ".auth" / f"{sandbox_id}-lms-{role}.json"

    def name(key: str) -> str | None:
        return table.string(key, max_chars=MAX_NAME_CHARS)

    return EmbeddingConfig(
        lms=lms,
        course_url=course_url,
        role=role,
        login=login,
        user=name("user"),
        user_env=table.env_name("user_env"),
        password_env=table.env_name("password_env"),
        state_file=state_file,
        tool_link=name("tool_link") or "Pensumliste",
        link_selector=name("link_selector") or defaults.link_selector,
        frame=name("frame") or defaults.frame,
        new_window_button=name("new_window_button") or defaults.new_window_button,
        section_link=name("section_link"),
        citation_link=name("citation_link"),
        list=name("list"),
    )


def _course_url(table: Table, lms: LmsKind, stand_in: bool) -> str | None:
    if "course_url" not in table.data:
        if not stand_in:
            raise table.error(
                "missing required key 'course_url' (the LMS test course that launches "
                f"Leganto); add course_url = {_COURSE_URL}"
            )
        if lms != "canvas":
            raise table.error(
                "this lms needs a course_url: the stand-in LMS is Canvas-like; "
                'set lms = "canvas" or give course_url'
            )
        return None
    url = table.string("course_url")
    assert url is not None  # the key is there
    problem = url_problem(url)
    if problem is not None:
        cause = "must be an http(s) URL of the course" if "http(s)" in problem else problem
        raise table.error(f"course_url {cause}; write it like course_url = {_COURSE_URL}")
    return url.rstrip("/")
