"""One --disable-features list: Playwright's own (learnt from a browser it launched here) plus
the harness's, so the omnibox popup's WebUI renderer (about 50 MB per browser context) is not
started and none of Playwright's switches is lost (Chromium honours only the last list)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from leganto_qa.browser.browser_discovery import BrowserChoice, find_browser, launch_args
from leganto_qa.browser.chromium_features import (
    DISABLE_FEATURES,
    HARNESS_DISABLED_FEATURES,
    disable_features_arg,
    remember_playwright_features,
)

OMNIBOX = "chrome://omnibox-popup"


def test_nothing_is_added_until_playwrights_list_for_this_version_is_known(tmp_path):
    cache = tmp_path / "features.json"
    assert disable_features_arg(cache, "1.65.2") is None  # no cache yet
    cache.write_text("{not json")
    assert disable_features_arg(cache, "1.65.2") is None  # a damaged cache: as if none
    cache.write_text(json.dumps({"1.60.0": ["PaintHolding"]}))
    assert disable_features_arg(cache, "1.65.2") is None  # another Playwright's list


def test_the_list_is_playwrights_then_the_harnesss_without_repeats(tmp_path):
    cache = tmp_path / "features.json"
    cache.write_text(json.dumps({"1.65.2": ["PaintHolding", "WebUIOmniboxPopup", "MediaRouter"]}))
    arg = disable_features_arg(cache, "1.65.2")
    assert arg is not None and arg.startswith(DISABLE_FEATURES)
    features = arg.removeprefix(DISABLE_FEATURES).split(",")
    assert features[:3] == ["PaintHolding", "WebUIOmniboxPopup", "MediaRouter"]
    assert set(HARNESS_DISABLED_FEATURES) <= set(features)
    assert len(features) == len(set(features))


@pytest.fixture(scope="module")
def chromium() -> BrowserChoice:
    choice = find_browser()
    if choice is None:
        pytest.fail("no Chromium found; run 'leganto-qa doctor'")
    return choice


@pytest.fixture(scope="module")
def pw() -> Iterator[Playwright]:
    with sync_playwright() as started:
        yield started


def _launch(started: Playwright, choice: BrowserChoice, cache: Path) -> tuple[Browser, list[str]]:
    options = launch_args(choice, disable_features=lambda: disable_features_arg(cache, "test"))
    return started.chromium.launch(**options), options["args"]


def _omnibox_targets(browser: Browser) -> list[str]:
    browser.new_context().new_page().goto("data:text/html,<h1>A page</h1>")
    session = browser.new_browser_cdp_session()
    targets = session.send("Target.getTargets")["targetInfos"]
    return [t["url"] for t in targets if t["url"].startswith(OMNIBOX)]


@pytest.mark.browser
def test_a_launch_learns_playwrights_list_and_the_next_keeps_it_and_drops_the_omnibox_webui(
    pw, chromium, tmp_path
):
    cache = tmp_path / "cache" / "features.json"
    first, args = _launch(pw, chromium, cache)
    try:
        assert not any(a.startswith(DISABLE_FEATURES) for a in args)  # Playwright's list alone
        assert remember_playwright_features(first, args, cache, "test")
        assert not remember_playwright_features(first, args, cache, "test")  # known already
        learnt = json.loads(cache.read_text())["test"]
        assert "PaintHolding" in learnt  # one Playwright has disabled for years
        assert _omnibox_targets(first)  # without the harness's list: a WebUI per context
    finally:
        first.close()
    second, args = _launch(pw, chromium, cache)
    try:
        [merged] = [a for a in args if a.startswith(DISABLE_FEATURES)]
        assert set(learnt) | set(HARNESS_DISABLED_FEATURES) == set(
            merged.removeprefix(DISABLE_FEATURES).split(",")
        )
        # its own list is not learnt as Playwright's
        assert not remember_playwright_features(second, args, tmp_path / "other.json", "test")
        assert _omnibox_targets(second) == []
    finally:
        second.close()
