"""Shared pieces of every Leganto page: overlays (menus, dialogs), cookie banner, steps."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from leganto_qa.browser.page_health import navigate
from leganto_qa.compare.drift import DRIFT_PREFIX
from suites.pages.catalog import names

OVERLAY = ".cdk-overlay-container"
DRIFT_TIMEOUT_MS = 3_000
"""How long a stable id may take to appear in an open menu before the UI counts as changed."""
MENU_ITEMS = "[role=menuitem], [role=menuitemradio], [role=menuitemcheckbox]"
LIST_ITEMS = """items => items.map(item => [
    (item.innerText || item.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' '),
    item.id,
])"""


class LocatorDrift(AssertionError):
    """A stable id the previous release had is gone: the UI changed under the test.

    The message starts with ``DRIFT_PREFIX`` and names what is there instead, so the
    regression report files it apart from a broken feature.
    """


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
        self.open_menu_name = "menu"
        """The menu opened last, as a person names it ('list menu')."""

    def goto(self, path: str, description: str) -> None:
        """Open ``path`` through the page-health gate (an error or login page: inconclusive)."""
        navigate(self.page, path)
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
        self.open_menu_name = description.split(" (")[0]

    def choose(self, action: str, description: str) -> None:
        """Choose a menu item by its stable id; a missing id fails as :class:`LocatorDrift`."""
        self.steps.add(f"Choose '{description}'")
        item = self.menu_item(action)
        try:
            item.wait_for(state="visible", timeout=DRIFT_TIMEOUT_MS)
        except PlaywrightTimeoutError:
            raise LocatorDrift(self.menu_drift(f"#lg-menu-action-{action}", description)) from None
        item.click()

    def menu_drift(self, wanted: str, description: str) -> str:
        """'UI changed under the test: the list menu has no #x; it holds 'A' (#a), …'."""
        found: list[list[str]] = self.menu.locator(MENU_ITEMS).evaluate_all(LIST_ITEMS)
        # The item a person would choose first: same label, then ids that start alike.
        found.sort(key=lambda item: (item[0] != description, not item[1].startswith(wanted[1:])))
        held = ", ".join(f"'{name}' (#{ident})" if ident else f"'{name}'" for name, ident in found)
        where = f"it holds {held}" if held else "no menu items are shown"
        return f"{DRIFT_PREFIX} the {self.open_menu_name} has no {wanted}; {where}"

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
