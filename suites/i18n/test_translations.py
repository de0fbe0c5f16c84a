"""Translation coverage: the text of every page state in every translation locale.

Each case reaches a page state the way the WCAG suite does, collects what a user perceives
(visible text, accessible names, dialog titles, status messages) and checks it against the
same state in English. Wrong-language findings (WCAG 3.1.1, 3.1.2) fail the case unless the
baseline accepts them; translation findings (untranslated, raw keys, placeholders, broken
letters, bokmål in nynorsk) are recorded for the worklist and never fail a case.
"""

from __future__ import annotations

import pytest

from leganto_qa.scanning.text_capture import capture_text, collect_text
from suites.a11y.states import FeatureAbsent
from suites.pages.app import Leganto


def test_page_state_text_is_translated(
    case, shared_page, leganto_run, live_sandbox, anonymous_role, allowlist, english_inventories
):
    locale, state = case
    sandbox = live_sandbox.config
    if state.role != anonymous_role and state.role not in sandbox.role_names:
        pytest.skip(f"sandbox {sandbox.id!r} has no role {state.role!r}")
    if state.needs and not getattr(sandbox.targets, state.needs):
        pytest.skip(f"sandboxes.toml names no {state.needs} for sandbox {sandbox.id!r}")

    def reach(in_locale: str) -> Leganto:
        app = Leganto(shared_page(state.role, in_locale), live_sandbox.base_url, in_locale)
        try:
            state.reach(app, sandbox.targets, sandbox.institution)
        except FeatureAbsent as absent:
            pytest.skip(f"release {sandbox.release} has no {absent}")
        return app

    english = english_inventories.get((state.id, state.role))
    if english is None and locale != "en":  # run out of order (e.g. shuffled): collect it now
        app = reach("en")
        english = collect_text(leganto_run, app.page, state.id, state.role, "en", allowlist)
        english_inventories[(state.id, state.role)] = english
    app = reach(locale)
    result = capture_text(leganto_run, app.page, state.id, state.role, locale, allowlist, english)
    if locale == "en":
        english_inventories[(state.id, state.role)] = result.inventory
    assert not result.new, result.describe_new()
