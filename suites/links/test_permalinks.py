"""The list permalinks FS and LMS course pages use open the right list, for every role.

Forms (``[links] permalinks``): ``public`` ``/leganto/public/<INST>/lists/<id>``, the same with
``?auth=SAML`` / ``?auth=LOCAL``, and ``course`` (the list by course code, ``course_link``).
Each is opened in a fresh browser context: anonymously, and by each role with a password, who
logs in on the way (the login form the permalink leads to, or the list's "Log in" link) and
must come back to the same list. The list's title and its number of citations must match the
Alma API: the Complete citations (what students see; an instructor may see all of them).
"""

from __future__ import annotations

import os
from urllib.parse import quote

import pytest

from leganto_qa.browser.role_sessions import ANONYMOUS
from suites.pages.base import Steps
from suites.pages.permalink import PermalinkPage

FORMS = ("public", "auth=SAML", "auth=LOCAL", "course")


def _path(form: str, institution: str, list_id: str, links_config) -> str:
    if form == "course":
        return links_config.course_link.format(
            institution=institution, course=quote(links_config.course)
        )
    base = f"/leganto/public/{institution}/lists/{list_id}"
    return base if form == "public" else f"{base}?{form}"


def _who(config, links_config) -> list[str]:
    """Anonymous and every role that logs in with a password or a recorded session."""
    wanted = links_config.roles or (ANONYMOUS, *(r.name for r in config.roles))
    usable = {r.name for r in config.roles if r.login in ("local", "storage-state")}
    return [w for w in wanted if w == ANONYMOUS or w in usable]


def _open_as(who, path, rl, context, live_sandbox) -> tuple[str, int]:
    """Follow ``path`` as ``who``; return the list title and citation count shown."""
    config = live_sandbox.config
    page = PermalinkPage(context.new_page(), live_sandbox.base_url, config.default_locale, Steps())
    page.follow(path, f"the permalink as {who}")
    if who != ANONYMOUS and config.role(who).login == "local":
        role = config.role(who)
        user, password = role.credentials()
        page.log_in(user, password, rl.id)
    return page.heading.inner_text().strip(), page.shown_count()


@pytest.mark.parametrize("form", FORMS)
def test_permalink_opens_the_list(
    form, links_config, course_lists, live_sandbox, leganto_browser, leganto_context_args
):
    if form not in links_config.permalinks:
        pytest.skip(f"[links] permalinks does not list {form!r}")
    config = live_sandbox.config
    published = [rl for rl in course_lists if rl.published]
    if not published:
        pytest.skip(f"course {links_config.course!r} has no published list in the API")
    if form == "course" and len(published) > 1:
        pytest.skip(f"course {links_config.course!r} has {len(published)} published lists")
    wrong = []
    for rl in published:
        path = _path(form, config.institution, rl.id, links_config)
        for who in _who(config, links_config):
            state = _storage_state(config, who)
            context = leganto_browser.new_context(
                base_url=live_sandbox.base_url, storage_state=state, **leganto_context_args
            )
            try:
                title, count = _open_as(who, path, rl, context, live_sandbox)
            finally:
                context.close()
            counts = _expected_counts(who, rl)
            if title != rl.name or count not in counts:
                wrong.append(
                    f"{who} at {path}: list {title!r} with {count} citations; the API says "
                    f"{rl.name!r} with {' or '.join(map(str, sorted(counts)))}"
                )
    assert not wrong, "permalinks that do not open the right list:\n" + "\n".join(wrong)


def _expected_counts(who: str, rl) -> set[int]:
    """Students and visitors see the Complete citations; an instructor may see all."""
    if who in (ANONYMOUS, "student"):
        return {rl.complete}
    return {rl.complete, len(rl.citations)}


def _storage_state(config, who: str) -> str | None:
    if who == ANONYMOUS:
        return None
    role = config.role(who)
    if role.login != "storage-state" or role.state_file is None:
        return None
    return os.fspath(role.state_file)
