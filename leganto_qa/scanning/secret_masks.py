"""Screenshots with every element that shows a known secret painted over.

A page that echoes the tester's password (a debug panel, a form that keeps what was typed)
would otherwise hand it to everyone who sees the screenshot. Elements whose own text or whose
input value holds a known secret, or a secret by its shape (a bearer token, a JWT, a SAML
assertion), are marked, painted over by Playwright's ``mask``, then unmarked.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from leganto_qa.model.redaction import Redactor

MARK = "data-leganto-secret"
MASK_COLOR = "#1F1F1F"
SHAPES = (
    r"\b(?:bearer|apikey)\s+[A-Za-z0-9._~+/=-]{8,}",
    r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.",
    r"<(?:saml\w*:)?(?:Assertion|Response)\b|urn:oasis:names:tc:SAML",
)
"""Secrets by shape as they show on a page (bearer/apikey credentials, JWTs, SAML), JS syntax."""
_MARK_JS = """([secrets, shapes, mark]) => {
    const patterns = shapes.map(s => new RegExp(s, 'i'));
    const shows = text => !!text && (secrets.some(s => text.includes(s))
        || patterns.some(p => p.test(text)));
    let count = 0;
    const walker = document.createTreeWalker(document.body || document, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (shows(node.nodeValue) && node.parentElement) {
            node.parentElement.setAttribute(mark, ""); count++;
        }
    }
    for (const field of document.querySelectorAll('input, textarea, select')) {
        if (shows(field.value)) { field.setAttribute(mark, ""); count++; }
    }
    return count;
}"""
_UNMARK_JS = "mark => document.querySelectorAll(`[${mark}]`).forEach(e => e.removeAttribute(mark))"


def screenshot(page: Page, redactor: Redactor, **options: Any) -> bytes:
    """``page.screenshot(**options)`` with the elements that show a secret painted over.

    The text caret is left as it is unless told (``caret="hide"`` restyles every text field,
    which the page-health DOM watch would count as the page changing under its capture)."""
    options.setdefault("caret", "initial")
    try:
        marked = int(page.evaluate(_MARK_JS, [sorted(redactor.secrets), list(SHAPES), MARK]))
    except PlaywrightError:
        marked = 0  # a page that cannot be evaluated shows its own error; shot unmasked
    if not marked:
        return page.screenshot(**options)
    try:
        return page.screenshot(mask=[page.locator(f"[{MARK}]")], mask_color=MASK_COLOR, **options)
    finally:
        page.evaluate(_UNMARK_JS, MARK)
