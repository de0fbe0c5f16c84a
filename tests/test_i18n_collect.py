"""The collection script in a real Chromium, on a page made for it: what counts as perceived."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from leganto_qa.browser.browser_discovery import ensure_browser, launch_args
from leganto_qa.i18n.text_inventory import collect

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="nn"><head><title>t</title><style>
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
</style></head><body>
<header><button id="share-list-button" aria-label="Del lista">
<mat-icon aria-hidden="true">share</mat-icon></button>
<button id="top-panel-user"><span class="user-initials">ON</span></button>
<a id="help" href="#" title="Hjelp">Hjelp <span class="sr-only">opnar i ny fane</span></a></header>
<main><h1 class="notranslate">SOS1001</h1>
<div class="section-name"><h2>Obligatorisk</h2></div>
<img id="thumb" alt="Bok: Sosiologiens grunnlag" width="10" height="10"
 src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input id="search-bar" placeholder="Søk etter liste">
<input id="go" type="submit" value="Søk">
<div hidden>Skjult tekst</div><div style="display:none" aria-label="Skjult namn">x</div>
<p style="visibility:hidden">Usynleg</p>
<template><p>I mal</p></template>
<ul><li>Første</li><li>Andre</li></ul>
<span lang="en">English</span>
<lg-note><p><strong>Merknad:</strong> Les kapittel 1</p></lg-note>
</main>
<div class="cdk-overlay-container"><div role="dialog"><h2 id="dialog-title-share">Del lista</h2>
<p>Alle med lenkja kan opne lista.</p></div></div>
<div id="cdk-live-announcer-0" aria-live="polite">Lenkja er kopiert</div>
</body></html>"""


@pytest.fixture(scope="module")
def inventory():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(ensure_browser()))
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.set_content(PAGE)
        selectors = {"inside": [".section-name", ".user-initials"], "exact": ["lg-note p"]}
        yield collect(page, "list/student", "student", "nn", "u", selectors)
        browser.close()


def test_collects_text_names_and_values_with_stable_keys(inventory):
    by_key = {e.key: e for e in inventory.entries}
    assert inventory.html_lang == "nn"
    assert by_key["#share-list-button|aria-label"].text == "Del lista"
    assert by_key["#share-list-button|aria-label"].role == "button"
    assert by_key["#help|title"].text == "Hjelp"
    assert by_key["#help|text"].text == "Hjelp"
    assert by_key["#help>span|text"].text == "opnar i ny fane"  # screen-reader text counts
    assert by_key["#thumb|alt"].text == "Bok: Sosiologiens grunnlag"
    assert by_key["#search-bar|placeholder"].text == "Søk etter liste"
    assert by_key["#go|value"].text == "Søk"
    assert by_key["body>main>ul>li|text"].text == "Første"
    assert by_key["body>main>ul>li|text@2"].text == "Andre"


def test_kinds_roles_lang_content_and_boxes(inventory):
    by_text = {e.text: e for e in inventory.entries if e.source == "text"}
    assert by_text["Del lista"].kind == "dialog-title" and by_text["Del lista"].role == "heading"
    assert by_text["Lenkja er kopiert"].kind == "status"
    assert by_text["English"].lang == "en" and by_text["Første"].lang == "nn"
    assert by_text["Obligatorisk"].content and by_text["ON"].content
    assert by_text["Les kapittel 1"].content and not by_text["Merknad:"].content
    assert by_text["Første"].box is not None and by_text["Første"].box[2] > 0


def test_skips_icons_untranslatable_hidden_and_template_text(inventory):
    texts = {e.text for e in inventory.entries}
    for absent in ("share", "SOS1001", "Skjult tekst", "Skjult namn", "Usynleg", "I mal", "t"):
        assert absent not in texts
