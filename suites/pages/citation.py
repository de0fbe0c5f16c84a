"""The citation full view (`lg-citation-full`)."""

from __future__ import annotations

from playwright.sync_api import expect

from suites.pages.base import LegantoPage


class CitationFullPage(LegantoPage):
    """One citation's full record, with its links to the resource."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.root = self.page.locator("lg-citation-full")
        self.title = self.heading
        self.back = self.page.locator("#citation-full-back")
        self.metadata = self.root.locator("dl")

    def open(self, list_id: str, citation_id: str) -> None:
        self.goto(f"/leganto/nui/lists/{list_id}/citations/{citation_id}", "the citation full view")
        self.expect_loaded()

    def open_public(self, institution: str, citation_id: str) -> None:
        self.goto(
            f"/leganto/public/{institution}/citation/{citation_id}", "the public citation link"
        )
        self.expect_loaded()

    def expect_loaded(self) -> None:
        expect(self.root).to_be_visible()
        expect(self.title).not_to_be_empty()

    def view_online_link(self, citation_id: str):  # -> Locator
        return self.page.locator(f"[id='{citation_id}-availability-viewOnline']")
