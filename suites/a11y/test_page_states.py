"""axe-core on every page state, in every configured locale.

A state fails when it shows WCAG findings the sandbox's baseline does not accept; with no
baseline every finding is new. Best-practice findings are recorded but never fail a state.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from suites.a11y.states import STATES, FeatureAbsent, PageState
from suites.pages.app import Leganto


# One xdist worker per role: it logs the role in once and switches its language locale by
# locale, in order. On a real tenant the UI language may be a per-user preference, so two workers
# switching one user's language at once could scan the wrong locale.
@pytest.mark.parametrize(
    "state", [pytest.param(s, id=s.id, marks=pytest.mark.xdist_group(s.role)) for s in STATES]
)
def test_page_state_has_no_new_wcag_findings(
    state: PageState, locale, shared_page, capture_state, live_sandbox, anonymous_role, explorer_for
):
    sandbox = live_sandbox.config
    if state.role != anonymous_role and state.role not in sandbox.role_names:
        pytest.skip(f"sandbox {sandbox.id!r} has no role {state.role!r}")
    if state.needs and not getattr(sandbox.targets, state.needs):
        pytest.skip(f"sandboxes.toml names no {state.needs} for sandbox {sandbox.id!r}")
    page = shared_page(state.role, locale)
    app = Leganto(page, live_sandbox.base_url, locale)
    try:
        state.reach(app, sandbox.targets, sandbox.institution)
    except FeatureAbsent as absent:
        pytest.skip(f"release {sandbox.release} has no {absent}")
    # The UI language may be a per-user setting on a real tenant: never scan the wrong locale.
    expect(page.locator("html")).to_have_attribute("lang", locale)

    def reach_again(fresh):
        state.reach(
            Leganto(fresh, live_sandbox.base_url, locale), sandbox.targets, sandbox.institution
        )

    steps = app.steps.as_tuple()
    # The state explorer (leganto_qa.explore): what a user can open here, beyond the page objects.
    explorer = explorer_for(state.explore, steps=steps, reach_again=reach_again)
    result = capture_state(page, state.id, state.role, locale, steps, reach_again, also=explorer)
    assert not result.new, result.describe_new()
    assert not explorer.new, explorer.describe_new()
