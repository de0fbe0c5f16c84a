"""Shared pieces of every Leganto page: overlays (menus, dialogs), cookie banner, steps."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page, expect

from suites.pages.catalog import names

OVERLAY = ".cdk-overlay-container"


@dataclass
class Steps:
    """The actions that led to the current state, in words a tester can repeat."""

    items: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.items.append(text)

    def as_tuple(self) -> tuple[str, ...]:
        return tuple(self.items)


class LegantoPage:
    """Base of the page objects: the page, the sandbox URL, locale catalog and step log."""

    def __init__(self, page: Page, base_url: str, locale: str, steps: Steps) -> None:
        self.page = page
        self.base_url = base_url
        self.locale = locale
        self.steps = steps
        self.names = names(locale)
        self.overlay = page.locator(OVERLAY)
        self.menu = self.overlay.get_by_role("menu")
        self.dialog = self.overlay.get_by_role("dialog")
        self.dialog_ok = self.overlay.locator("#lg-dialog-ok")
        self.dialog_cancel = self.overlay.locator("#lg-dialog-cancel")
        self.settings_button = page.locator("#lg-menu-button-setting-menu")
        self.heading = page.locator("lg-top-panel h1")
        self.cookie_reject = page.locator("#onetrust-reject-all-handler")

    def goto(self, path: str, description: str) -> None:
        self.page.goto(path)
        self.steps.add(f"Open {description} ({path.split('?')[0]})")
        self.dismiss_cookie_banner()

    def dismiss_cookie_banner(self) -> None:
        if self.cookie_reject.is_visible():
            self.cookie_reject.click()
            expect(self.page.locator("#onetrust-banner-sdk")).to_be_hidden()
            self.steps.add("Reject cookies in the cookie banner")

    def menu_item(self, action: str) -> Locator:
        """A menu item by Leganto's id ``lg-menu-action-{action}`` in the open menu."""
        return self.menu.locator(f"#lg-menu-action-{action}")

    def open_menu(self, trigger: Locator, description: str) -> None:
        trigger.click()
        expect(self.menu).to_be_visible()
        expect(trigger).to_have_attribute("aria-expanded", "true")
        self.steps.add(f"Open the {description}")

    def choose(self, action: str, description: str) -> None:
        self.menu_item(action).click()
        self.steps.add(f"Choose '{description}'")

    def close_overlay(self) -> None:
        self.page.keyboard.press("Escape")
        expect(self.overlay.locator(".cdk-overlay-pane")).to_have_count(0)

    def open_settings(self) -> None:
        self.open_menu(self.settings_button, "Settings menu")

    def open_language_dialog(self) -> None:
        self.open_settings()
        self.choose("language", self.names["choose_language"])
        expect(self.dialog).to_be_visible()

    def open_accessibility_dialog(self) -> None:
        self.open_settings()
        self.choose("accessibility", self.names["accessibility_settings"])
        expect(self.dialog).to_be_visible()

    def choose_language(self, locale: str) -> None:
        """Settings → Choose a language → ``locale``; the page reloads in that language."""
        self.open_language_dialog()
        # A click, not check(): choosing reloads the page, so the radio is gone afterwards.
        self.dialog.locator(f"input[type=radio][value='{locale}']").click()
        self.steps.add(f"Select the language '{locale}'")
        expect(self.page.locator("html")).to_have_attribute("lang", locale)
        self.locale = locale
        self.names = names(locale)

    def expect_heading(self, text: str | re.Pattern[str]) -> None:
        expect(self.heading).to_have_text(text)
