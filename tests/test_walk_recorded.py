"""The Tab walk read back in batches from recorders in the page equals the walk that asks the
page after every press: same stops, same order, same traps, same navigation, same details."""

from __future__ import annotations

import pytest

from leganto_qa.checks import walk as walk_module
from leganto_qa.checks.base import CheckContext, find_scope
from tests import checks_pages as pages
from tests.test_checks import WHERE, browser  # noqa: F401 - the module's browser fixture

pytestmark = pytest.mark.browser

PAGES = [
    name
    for name in dir(pages)
    if name.isupper() and not name.startswith("_") and isinstance(getattr(pages, name), str)
]
LEGANTO_LIKE = """<main><iframe class="ot-text-resize" aria-hidden="true" title=""
style="position:absolute; top:-50000px" src="about:blank"></iframe>
<button>One</button><a href="#a">Two</a><iframe srcdoc="<button>In the frame</button>"></iframe>
<input aria-label="Three"><button>Four</button></main>"""


def _walked(browser, html: str, recorded: bool, monkeypatch):  # noqa: F811
    monkeypatch.setattr(walk_module, "RECORDED", recorded)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.set_content(html)
        page.wait_for_load_state("load")
        ctx = CheckContext(page=page, where=WHERE, scope=find_scope(page))
        found = walk_module.walks(ctx)
        outcome = []
        for one in (found.forward, found.backward):
            if one is None:
                outcome.append(None)
                continue
            outcome.append(
                (
                    one.order,
                    one.complete,
                    one.trap,
                    one.confined,
                    one.navigated_from,
                    one.new_url,
                    {
                        s: (d.get("selector"), d.get("sig"), d.get("cover"))
                        for s, d in one.info.items()
                    },
                )
            )
        return outcome, page.evaluate("document.activeElement && document.activeElement.outerHTML")
    finally:
        page.close()


@pytest.mark.parametrize("name", [*PAGES, "LEGANTO_LIKE"])
def test_recorded_walk_equals_the_walk_asked_press_by_press(browser, name, monkeypatch):  # noqa: F811
    html = LEGANTO_LIKE if name == "LEGANTO_LIKE" else getattr(pages, name)
    assert _walked(browser, html, True, monkeypatch) == _walked(browser, html, False, monkeypatch)
