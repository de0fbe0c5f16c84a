"""A list permalink as FS and LMS course pages use it, followed through the login redirects.

``/leganto/public/<INST>/lists/<id>[?auth=SAML|LOCAL]`` or the list by course code. A visitor
who is not logged in sees a public list with a "Log in" link, or (a restricted list, a Leganto
that logs in first) a login form; a role logs in there and must land on the same list.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from leganto_qa.browser.page_health import navigate
from suites.pages.reading_list import ReadingListPage

USER_FIELD = "input#username, input[name='username']"
PASSWORD_FIELD = "input#password, input[type='password']"


class PermalinkPage(ReadingListPage):
    """The list a permalink leads to, and the login on the way."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        page = self.page
        self.user_field = page.locator(USER_FIELD).first
        self.password_field = page.locator(PASSWORD_FIELD).first
        self.login_link = page.locator("#public-login-banner a")
        self.list_or_login = self.root.or_(self.user_field)

    def follow(self, path: str, description: str) -> None:
        """Open the permalink; the list or a login form must come up."""
        navigate(self.page, path, allow_login=True)
        self.steps.add(f"Open {description}: {path}")
        expect(self.list_or_login).to_be_visible()
        self.dismiss_cookie_banner()

    def log_in(self, user: str, password: str, list_id: str) -> None:
        """Log in where the permalink asks (its form, or the list's "Log in" link) and come
        back to the list."""
        if not self.user_field.is_visible():
            expect(self.login_link).to_be_visible()
            self.login_link.click()
            self.steps.add("Choose Log in on the public list")
        expect(self.user_field).to_be_visible()
        self.user_field.fill(user)
        self.password_field.fill(password)
        self.password_field.press("Enter")
        self.steps.add(f"Log in as {user}")
        expect(self.page).to_have_url(re.compile(rf".*/lists/{re.escape(list_id)}([?#].*)?$"))
        expect(self.root).to_be_visible()

    def shown_count(self) -> int:
        """How many citations the list shows once every lazy one has rendered."""
        expect(self.heading).not_to_be_empty()
        self.load_all_citations()
        return self.citations.count()
