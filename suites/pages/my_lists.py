"""The "My lists" page `/leganto/nui/lists` (`lg-my-lists`)."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from suites.pages.base import LegantoPage


class MyListsPage(LegantoPage):
    """The lists a user has, as cards."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.root = self.page.locator("lg-my-lists")
        self.cards = self.page.locator("mat-card.list-item")

    def open(self) -> None:
        self.goto("/leganto/nui/lists", "My lists")
        expect(self.root).to_be_visible()
        expect(self.cards.first).to_be_visible()

    def card(self, list_name: str) -> Locator:
        return self.cards.filter(has=self.page.locator(".list-name h2", has_text=list_name))

    def open_list(self, list_name: str) -> None:
        self.card(list_name).locator(".list-item-inner[role=button]").click()
        self.steps.add(f"Open the list {list_name!r} from My lists")
        expect(self.page.locator("lg-list")).to_be_visible()
