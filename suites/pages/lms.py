"""The LMS course that launches Leganto (Canvas and the Canvas-like stand-in; see
leganto_qa/config/embedding.py for the per-LMS defaults)."""

from __future__ import annotations

import re

from playwright.sync_api import FrameLocator, Locator, Page, expect

from leganto_qa.browser.page_health import navigate
from leganto_qa.config.embedding import EmbeddingConfig
from suites.pages.base import Steps
from suites.pages.reading_list import ReadingListPage


class LmsCourse:
    """A course page in the LMS, its tool link, the tool frame and the list inside it."""

    def __init__(self, page: Page, course_url: str, config: EmbeddingConfig, locale: str) -> None:
        self.page = page
        self.course_url = course_url
        self.config = config
        self.steps = Steps()
        self.frame_element: Locator = page.locator(config.frame)
        self.frame: FrameLocator = page.frame_locator(config.frame)
        self.tool_link = page.locator(config.link_selector).filter(
            has_text=re.compile(rf"^\s*{re.escape(config.tool_link)}\s*$")
        )
        self.new_window_button = page.get_by_role("button", name=config.new_window_name)
        # The list inside the frame: the same page object, on the frame's locators.
        self.reading_list = ReadingListPage(
            self.frame,  # type: ignore[arg-type]  # a FrameLocator locates like a Page
            "",
            locale,
            self.steps,
        )

    def log_in(self, user: str, password: str) -> None:
        """Canvas' own login form (``#pseudonym_session_unique_id``), when the LMS asks."""
        self.page.locator("#pseudonym_session_unique_id").fill(user)
        self.page.locator("#pseudonym_session_password").fill(password)
        self.page.locator("#login_form [type=submit]").click()
        self.steps.add(f"Log in to the LMS as {user}")

    def open(self, user: str | None, password: str | None) -> None:
        navigate(self.page, self.course_url, allow_login=True)  # Canvas may ask for its login
        login = self.page.locator("#pseudonym_session_unique_id")
        course = self.page.locator(self.config.link_selector).first
        expect(login.or_(course)).to_be_visible()
        if login.is_visible():
            if user is None or password is None:
                raise AssertionError("the LMS asks for a login and no LMS credentials are set")
            self.log_in(user, password)
        expect(course).to_be_visible()
        self.steps.add(f"Open the course {self.course_url}")

    def open_tool(self) -> None:
        self.tool_link.first.click()
        self.steps.add(f"Click '{self.config.tool_link}' in the course navigation")
        expect(self.frame_element).to_be_visible()

    def open_module_link(self, name: str) -> None:
        navigate(self.page, self.course_url + "/modules")
        self.page.get_by_role("link", name=name, exact=True).click()
        self.steps.add(f"Open the module item '{name}'")
        expect(self.frame_element).to_be_visible()

    def tool_landed(self) -> Locator:
        """The list, a citation, or a Leganto error: whatever the launch ends on."""
        return self.frame.locator("lg-list, lg-citation-full, lg-error")
