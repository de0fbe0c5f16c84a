"""The reading list page `/leganto/nui/lists/{id}` (`lg-list`), for students and instructors."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Download, Locator, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from suites.pages.base import LegantoPage

DOWNLOAD_TIMEOUT_MS = 30_000
"""How long an export may take to start its download (a large list's PDF is made on demand)."""
DOWNLOAD_LINK = """path => {
    const link = Object.assign(document.createElement('a'), {href: path, download: ''});
    document.body.appendChild(link);
    link.click();
    link.remove();
}"""


class ReadingListPage(LegantoPage):
    """A reading list: header, list menu, toolbar, sections and citations."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        page = self.page
        self.root = page.locator("lg-list")
        self.scroller = page.locator("#main-scroll")
        self.header = page.locator("lg-top-panel")
        self.status = page.locator("lg-list-info-main .list-info-status-item button").first
        self.list_menu_button = page.locator(
            "lg-list-actions [id^='lg-menu-button-list-menu-']"
        ).first
        self.share_list_button = page.locator(
            "lg-list-actions lg-shareable-links[type=list] button"
        )
        self.add_button = page.locator("#add-item")
        self.sections = page.locator("lg-section-list lg-section")
        self.section_names = page.locator("lg-section .section-name h2")
        self.citations = page.locator("li.li-citation")
        self.skeletons = page.locator("lg-skeleton")
        self.ready_banner = page.locator("lg-list-banner")
        self.ready_button = page.locator("#list-ready-button")
        self.student_view_banner = page.locator("#student-view-banner")

    # --- reaching the list ---------------------------------------------------------------

    def open(self, list_id: str, *, student_view: bool = False) -> None:
        query = "?studentView=true" if student_view else ""
        self.goto(f"/leganto/nui/lists/{list_id}{query}", "the reading list")
        self.expect_loaded()
        self.steps.add(f"The list {self.heading.inner_text().strip()!r} opens")

    def open_public(self, institution: str, list_id: str) -> None:
        self.goto(
            f"/leganto/public/{institution}/lists/{list_id}?auth=local", "the public list link"
        )
        self.expect_loaded()

    def expect_loaded(self) -> None:
        expect(self.root).to_be_visible()
        expect(self.heading).not_to_be_empty()
        expect(self.sections.first).to_be_visible()

    def load_all_citations(self) -> None:
        """Scroll `#main-scroll` until every `<lg-skeleton>` placeholder has rendered."""
        while self.skeletons.count():
            before = self.skeletons.count()
            self.skeletons.first.scroll_into_view_if_needed()
            expect(self.skeletons).not_to_have_count(before)
        self.steps.add("Scroll to the end of the list so every citation is shown")

    # --- sections and citations ------------------------------------------------------------

    def section(self, name: str) -> Locator:
        return self.page.locator("lg-section").filter(
            has=self.page.locator(".section-name h2", has_text=name)
        )

    def citation(self, citation_id: str) -> Locator:
        return self.page.locator(f"#citation-{citation_id}")

    def citation_title(self, citation_id: str) -> Locator:
        return self.citation(citation_id).locator(f"span.aut-citation-header-title-{citation_id}")

    def expand_citation(self, citation_id: str) -> Locator:
        """Open the brief view's inline details; returns the pressed toggle."""
        toggle = self.citation(citation_id).locator(".content.clickable[role=button]")
        toggle.scroll_into_view_if_needed()
        toggle.click()
        expect(toggle).to_have_attribute("aria-pressed", "true")
        self.steps.add(f"Expand the citation {self._title(citation_id)!r}")
        return toggle

    def open_full_view(self, citation_id: str) -> None:
        title = self._title(citation_id)
        button = self.page.locator(f"#citation-view-full-details-{citation_id}")
        button.scroll_into_view_if_needed()
        button.click()
        self.steps.add(f"Select 'Full details' of the citation {title!r}")
        expect(self.page.locator("lg-citation-full")).to_be_visible()

    def mark_as_done_button(self, citation_id: str) -> Locator:
        return self.page.locator(f"#citation-mark-as-done-{citation_id}")

    def mark_as_done(self, citation_id: str) -> None:
        button = self.mark_as_done_button(citation_id)
        button.scroll_into_view_if_needed()
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
        self.steps.add(f"Mark the citation {self._title(citation_id)!r} as done")

    def citation_status(self, citation_id: str) -> Locator:
        return self.citation(citation_id).locator("lg-citation-status .citation-status")

    def _title(self, citation_id: str) -> str:
        title = self.citation_title(citation_id)
        return title.inner_text().strip() if title.count() else citation_id

    # --- menus and dialogs -------------------------------------------------------------------

    def open_list_menu(self) -> None:
        self.open_menu(self.list_menu_button, "list menu (⋯)")

    def open_add_menu(self) -> None:
        self.open_menu(self.add_button, "+ Add menu")

    def open_citation_menu(self, citation_id: str) -> None:
        trigger = self.page.locator(f"#lg-menu-button-citation-menu-{citation_id}")
        trigger.scroll_into_view_if_needed()
        self.open_menu(trigger, f"citation menu of {self._title(citation_id)!r}")

    def open_new_section_dialog(self) -> None:
        self.open_add_menu()
        self.choose("new-section", self.names["new_section"])
        expect(self.dialog).to_be_visible()

    def add_section(self, name: str) -> None:
        self.open_new_section_dialog()
        self.dialog.locator("#section-name").fill(name)
        self.steps.add(f"Type the section name {name!r}")
        self.dialog_ok.click()
        self.steps.add("Select 'Create'")
        expect(self.dialog).to_be_hidden()

    def open_new_item_dialog(self) -> None:
        self.open_add_menu()
        self.choose("new-item", self.names["new_item"])
        expect(self.dialog).to_be_visible()

    def submit_new_item(self) -> None:
        self.dialog_ok.click()
        self.steps.add("Submit the new item form")

    def set_citation_complete(self, citation_id: str) -> None:
        self.open_citation_menu(citation_id)
        self.choose("set-complete", self.names["set_complete"])
        expect(self.menu).to_be_hidden()

    def open_publish_dialog(self) -> None:
        self.ready_button.click()
        self.steps.add(f"Select '{self.names['list_ready']}'")
        expect(self.dialog).to_be_visible()

    def publish(self) -> None:
        self.open_publish_dialog()
        self.dialog.locator("#publish-to-students").check()
        self.steps.add(f"Tick '{self.names['publish_to_students']}'")
        self.dialog_ok.click()
        self.steps.add("Select 'Send'")
        expect(self.dialog).to_be_hidden()

    # --- exports -------------------------------------------------------------------------------

    def citation_titles(self) -> list[str]:
        """Every shown citation's title in page (section) order; call load_all_citations first."""
        titles = self.page.locator("li.li-citation span[class^='aut-citation-header-title-']")
        return [t.strip() for t in titles.all_inner_texts()]

    def open_export_dialog(self) -> None:
        self.open_list_menu()
        self.choose("export", self.names["export_list"])
        expect(self.dialog).to_be_visible()

    def export_formats(self) -> list[tuple[str, str]]:
        """The formats the Export list dialog offers: (value, label) of each option."""
        self.open_export_dialog()
        options = self.dialog.locator("#export-format option")
        expect(options.first).to_be_attached()
        found: list[list[str]] = options.evaluate_all(
            "os => os.map(o => [o.value, o.textContent.trim()])"
        )
        self.close_overlay()
        return [(value, label) for value, label in found]

    def export(self, value: str, label: str) -> Download:
        """List menu → Export list → choose ``label`` → Export: the file it downloads."""
        self.open_export_dialog()
        self.dialog.locator("#export-format").select_option(value)
        self.steps.add(f"Choose the format '{label}'")
        self.steps.add("Select 'Export'")
        download = self._expect_download(self.dialog_ok.click, f"Export as '{label}'")
        expect(self.dialog).to_be_hidden()
        return download

    def download(self, path: str) -> Download:
        """A file this page's session downloads from ``path`` (e.g. the print view's PDF)."""
        return self._expect_download(
            lambda: self.page.evaluate(DOWNLOAD_LINK, path), f"Downloading {path}"
        )

    def _expect_download(self, action: Callable[[], object], what: str) -> Download:
        try:
            with self.page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download_info:
                action()
            return download_info.value
        except PlaywrightTimeoutError:
            raise AssertionError(
                f"{what} started no download within {DOWNLOAD_TIMEOUT_MS // 1000} s"
            ) from None

    def open_share_dialog(self) -> None:
        self.share_list_button.click()
        self.steps.add("Select 'Share list'")
        expect(self.dialog).to_be_visible()
