"""``[sandbox.<id>.embedding]``: the LMS course that launches Leganto, for suites/embedding.

Per LMS the tool is found the way students find it (defaults from domain.md, overridable):
Canvas shows a course-navigation link and the tool in ``iframe#tool_content``; Moodle links to
``/mod/lti/view.php``. A stand-in sandbox without ``course_url`` gets the stand-in LMS, which
the harness starts itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    from leganto_qa.config.sandboxes import _Table

LmsKind = Literal["canvas", "moodle", "blackboard", "other"]
LMS_KINDS: tuple[str, ...] = ("canvas", "moodle", "blackboard", "other")
LmsLogin = Literal["local", "storage-state"]
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


@dataclass(frozen=True)
class EmbeddingConfig:
    """The LMS course, who logs in to it, and how the tool is found there."""

    lms: LmsKind
    course_url: str | None
    """None: the stand-in LMS (stand-in sandboxes only)."""
    role: str
    login: LmsLogin
    user: str | None
    user_env: str | None
    password_env: str | None
    state_file: Path | None
    tool_link: str
    link_selector: str
    frame: str
    new_window_button: str
    section_link: str | None
    citation_link: str | None
    list: str | None
    """The list the launch must reach; None: the sandbox's ``targets.list``."""

    @property
    def uses_stand_in(self) -> bool:
        return self.course_url is None

    @property
    def new_window_name(self) -> str:
        return self.new_window_button.replace("{tool}", self.tool_link)


def parse_embedding(table: _Table, sandbox_id: str, stand_in: bool, base: Path) -> EmbeddingConfig:
    """Validate ``[sandbox.<id>.embedding]``; errors name the key and the fix."""
    table.check_keys(EMBEDDING_KEYS)
    lms = cast(LmsKind, table.choice("lms", LMS_KINDS, "an LMS kind", default=None))
    course_url = table.string("course_url")
    if course_url is None and not stand_in:
        raise table.error(
            "missing required key 'course_url' (the LMS test course that launches Leganto); "
            'add course_url = "https://<your>.instructure.com/courses/<id>"'
        )
    if course_url is not None and not course_url.startswith(("https://", "http://")):
        raise table.error(f"course_url = {course_url!r} must be an http(s) URL of the course")
    if course_url is None and lms != "canvas":
        raise table.error(
            f"lms = {lms!r} needs a course_url: the stand-in LMS is Canvas-like; "
            'set lms = "canvas" or give course_url'
        )
    defaults = LMS_DEFAULTS[lms]
    login = cast(
        LmsLogin,
        table.choice("login", ("local", "storage-state"), "an LMS login method", "local"),
    )
    role = table.string("role") or "student"
    state_file = table.path("state_file", base)
    if login == "storage-state" and state_file is None:
        state_file = base / ".auth" / f"{sandbox_id}-lms-{role}.json"
    tool_link = table.string("tool_link") or "Pensumliste"
    return EmbeddingConfig(
        lms=lms,
        course_url=course_url.rstrip("/") if course_url else None,
        role=role,
        login=login,
        user=table.string("user"),
        user_env=table.env_name("user_env"),
        password_env=table.env_name("password_env"),
        state_file=state_file,
        tool_link=tool_link,
        link_selector=table.string("link_selector") or defaults.link_selector,
        frame=table.string("frame") or defaults.frame,
        new_window_button=table.string("new_window_button") or defaults.new_window_button,
        section_link=table.string("section_link"),
        citation_link=table.string("citation_link"),
        list=table.string("list"),
    )
