"""One entry to the page objects of a logged-in (or anonymous) user on one page."""

from __future__ import annotations

from functools import cached_property

from playwright.sync_api import Page

from suites.pages.base import Steps
from suites.pages.citation import CitationFullPage
from suites.pages.find_lists import FindListsPage
from suites.pages.my_lists import MyListsPage
from suites.pages.reading_list import ReadingListPage


class Leganto:
    """The pages a user moves between; they share the page, locale and step log."""

    def __init__(self, page: Page, base_url: str, locale: str) -> None:
        self.page = page
        self.base_url = base_url
        self.locale = locale
        self.steps = Steps()

    @cached_property
    def my_lists(self) -> MyListsPage:
        return MyListsPage(self.page, self.base_url, self.locale, self.steps)

    @cached_property
    def reading_list(self) -> ReadingListPage:
        return ReadingListPage(self.page, self.base_url, self.locale, self.steps)

    @cached_property
    def citation(self) -> CitationFullPage:
        return CitationFullPage(self.page, self.base_url, self.locale, self.steps)

    @cached_property
    def find_lists(self) -> FindListsPage:
        return FindListsPage(self.page, self.base_url, self.locale, self.steps)
