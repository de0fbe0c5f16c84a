"""Find lists: the public catalogue `/leganto/public/{INST}/searchlists`."""

from __future__ import annotations

from playwright.sync_api import expect

from suites.pages.base import LegantoPage


class FindListsPage(LegantoPage):
    """Search for reading lists by course code, title or instructor."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.search_box = self.page.locator("input#search-bar")
        self.search_button = self.page.locator("#search-in-file")
        self.results = self.page.locator("mat-card.list-item")

    def open(self, institution: str) -> None:
        self.goto(f"/leganto/public/{institution}/searchlists", "Find lists")
        expect(self.search_box).to_be_visible()

    def search(self, term: str) -> None:
        self.search_box.fill(term)
        self.search_button.click()
        self.steps.add(f"Search lists for {term!r}")
        expect(self.results.first).to_be_visible()
