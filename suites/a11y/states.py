"""The page states the WCAG suite scans: how a user reaches each one, per role.

Ids follow design.md: ``<page>/<role>[/<what is open>]``. Each ``reach`` ends with a web-first
assertion that the state is shown, so the scan never runs on a half-built page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import expect

from leganto_qa.config.sandboxes import Targets
from suites.pages.app import Leganto

Reach = Callable[[Leganto, Targets, str], None]


@dataclass(frozen=True)
class PageState:
    id: str
    role: str
    reach: Reach
    needs: str | None = None
    """A `targets` key that must be configured for this state (else it is skipped)."""
    explore: bool = False
    """Also open what a user can open here (leganto_qa.explore). Only the student's list page:
    releases add menus and dialogs there, and what an instructor sees beyond it (the add and
    item menus and their dialogs) the page objects open; states that already show something
    open are not explored (CI time: one explored state per locale run)."""


class FeatureAbsent(Exception):
    """The release does not have the feature a state shows (e.g. a newer dialog)."""


def _list(app: Leganto, t: Targets, _i: str) -> None:
    app.reading_list.open(t.list)


def _then(first: Reach, then: Callable[[Leganto, Targets], object]) -> Reach:
    def reach(app: Leganto, t: Targets, i: str) -> None:
        first(app, t, i)
        then(app, t)

    return reach


def _share_dialog(app: Leganto, t: Targets, i: str) -> None:
    _list(app, t, i)
    if app.reading_list.share_list_button.count() == 0:
        raise FeatureAbsent("'Share list' button")
    app.reading_list.open_share_dialog()


def _citation_full(app: Leganto, t: Targets, _i: str) -> None:
    app.citation.open(t.list, t.online_citation or t.citation)


def _draft_publish(app: Leganto, t: Targets, _i: str) -> None:
    assert t.draft_list
    app.reading_list.open(t.draft_list)
    app.reading_list.open_publish_dialog()


def _new_item_errors(app: Leganto, t: Targets) -> None:
    app.reading_list.open_new_item_dialog()
    app.reading_list.submit_new_item()
    expect(app.reading_list.dialog.locator("mat-error:visible").first).to_be_visible()


def _find_lists_results(app: Leganto, t: Targets, institution: str) -> None:
    app.find_lists.open(institution)
    app.find_lists.search(t.search or "a")


STATES: tuple[PageState, ...] = (
    PageState("lists/student", "student", lambda app, t, i: app.my_lists.open()),
    PageState("list/student", "student", _list, explore=True),
    PageState(
        "list/student/citation-expanded",
        "student",
        _then(_list, lambda app, t: app.reading_list.expand_citation(t.citation)),
    ),
    PageState(
        "list/student/list-menu",
        "student",
        _then(_list, lambda app, t: app.reading_list.open_list_menu()),
    ),
    PageState(
        "list/student/settings-menu",
        "student",
        _then(_list, lambda app, t: app.reading_list.open_settings()),
    ),
    PageState(
        "list/student/language-dialog",
        "student",
        _then(_list, lambda app, t: app.reading_list.open_language_dialog()),
    ),
    PageState(
        "list/student/accessibility-dialog",
        "student",
        _then(_list, lambda app, t: app.reading_list.open_accessibility_dialog()),
    ),
    PageState("list/student/share-dialog", "student", _share_dialog),
    PageState("list/student/citation-full", "student", _citation_full),
    PageState("find-lists/anonymous/results", "anonymous", _find_lists_results),
    PageState(
        "public-list/anonymous",
        "anonymous",
        lambda app, t, i: app.reading_list.open_public(i, t.list),
    ),
    PageState("list/instructor", "instructor", _list),
    PageState(
        "list/instructor/add-menu",
        "instructor",
        _then(_list, lambda app, t: app.reading_list.open_add_menu()),
    ),
    PageState(
        "list/instructor/new-section-dialog",
        "instructor",
        _then(_list, lambda app, t: app.reading_list.open_new_section_dialog()),
    ),
    PageState(
        "list/instructor/add-item-dialog",
        "instructor",
        _then(_list, lambda app, t: app.reading_list.open_new_item_dialog()),
    ),
    PageState(
        "list/instructor/add-item-dialog-errors", "instructor", _then(_list, _new_item_errors)
    ),
    PageState(
        "list/instructor/citation-menu",
        "instructor",
        _then(_list, lambda app, t: app.reading_list.open_citation_menu(t.citation)),
    ),
    PageState(
        "draft-list/instructor/publish-dialog", "instructor", _draft_publish, needs="draft_list"
    ),
)
