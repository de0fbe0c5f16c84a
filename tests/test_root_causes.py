"""One finding per root cause: grouping of measured texts, merging of sources, and the checks on
small pages whose barriers used to become several findings (real Chromium, ``set_content``)."""

from __future__ import annotations

import json

import pytest

from leganto_qa.checks.check_runner import run_checks
from leganto_qa.checks.registry import parse_checks
from leganto_qa.checks.root_causes import grouped, merged_sources, named, text_cause
from leganto_qa.model.findings import Element, Finding, StateContext

WHERE = StateContext("list/student/citation-full", "en", "student", "http://x/l/1")


def _finding(
    source: str,
    selector: str,
    criteria: tuple[str, ...] = ("2.5.8",),
    where: StateContext = WHERE,
    box: tuple[float, float, float, float] | None = (261.0, 176.0, 16.0, 16.0),
    kind: str = "wcag",
) -> Finding:
    rule = source.split(":", 1)[1]
    return Finding.seen(
        where,
        source=source,
        kind=kind,
        rule=rule,
        criteria=criteria,
        level="AA",
        impact="serious",
        description=f"{rule} on {selector}",
        help_url="",
        identity=selector,
        elements=(Element((), selector, f"<button id={selector[1:]}>", selector, box),),
    )


def test_axe_and_a_check_on_one_element_and_criterion_are_one_finding_with_both_sources():
    axe = _finding("axe:target-size", "#show")
    check = _finding("check:target-size", "#show")
    [merged] = merged_sources([axe, check])
    assert merged.source == "axe:target-size" and merged.also_seen_by == ("check:target-size",)
    assert merged.fingerprint == axe.fingerprint
    assert merged.sources == ("axe:target-size", "check:target-size")
    # the surviving source and fingerprint do not depend on the order of arrival
    assert merged_sources([check, axe]) == [merged]


def test_sources_match_by_box_when_their_selectors_differ():
    axe = _finding("axe:target-size", "#show")
    check = _finding("check:target-size", "div.details > button:nth-of-type(1)")
    [merged] = merged_sources([check, axe])
    assert merged.source == "axe:target-size"
    assert [e.selector for e in merged.elements] == [
        "#show",
        "div.details > button:nth-of-type(1)",
    ]


@pytest.mark.parametrize(
    "other",
    [
        _finding("check:target-size", "#hide", box=(279.0, 176.0, 16.0, 16.0)),
        _finding("check:reflow", "#show", criteria=("1.4.10",)),
        _finding("axe:other-rule", "#show"),
        _finding("check:target-size", "#show", where=StateContext("lists/student", "en", "s", "u")),
    ],
    ids=["other element", "other criterion", "same source family", "other page state"],
)
def test_different_barriers_stay_apart(other):
    axe = _finding("axe:target-size", "#show")
    assert merged_sources([axe, other]) == [axe, other]


def test_a_finding_without_other_sources_serialises_as_before_and_old_records_load():
    plain = _finding("axe:target-size", "#show")
    data = plain.to_dict()
    assert "also_seen_by" not in data
    assert Finding.from_dict(json.loads(json.dumps(data))) == plain
    [merged] = merged_sources([plain, _finding("check:target-size", "#show")])
    again = Finding.from_dict(json.loads(json.dumps(merged.to_dict())))
    assert again == merged and again.also_seen_by == ("check:target-size",)


def test_texts_are_grouped_by_the_too_wide_element_then_by_clipper_or_container():
    hits = [
        ("overlap", {"selector": "p.a", "within": 0, "common": "main"}, {"selector": "span.x"}),
        ("overlap", {"selector": "span.y", "within": -1, "common": "main"}, {"within": 0}),
        ("clipped", {"selector": "p.c", "by": "div.box", "within": -1}, None),
        ("clipped", {"selector": "p.d", "by": "div.box", "within": -1}, None),
        ("overlap", {"selector": "h2", "within": -1, "common": "header"}, {"within": -1}),
    ]
    groups = grouped(hits, lambda h: text_cause(*h))
    assert [[h[1]["selector"] for h in g] for g in groups] == [
        ["p.a", "span.y"],
        ["p.c", "p.d"],
        ["h2"],
    ]


def test_named_lists_a_few_elements_and_counts_the_rest():
    spots = [Element((), f"#e{i}", "", f"text {i}") for i in range(6)]
    assert named(spots[:1]) == "text 0"
    assert named(spots[:3]) == "text 0, text 1 and text 2"
    assert named(spots) == "text 0, text 1, text 2, text 3 and 2 more"


ONE_WIDE_CONTAINER = """<main style="position:relative"><h1>Reading list</h1>
<div id="wide" style="width:640px">
<p id="t1">Sosiologiens grunnlag, Aakvaag, Abstrakt forlag, 2008, chapters one to four</p>
<p id="t2">Samfunnsvitenskapelige metoder, Grønmo, Fagbokforlaget, 2016, the whole book</p>
<p id="t3">Introduksjon til statsvitenskap, Heidar, Universitetsforlaget, 2017, part two</p>
</div>
<span id="l1" style="position:absolute;right:0;top:62px">Due soon</span>
<span id="l2" style="position:absolute;right:0;top:98px">Due later</span>
<span id="l3" style="position:absolute;right:0;top:134px">Optional</span></main>"""

SMALL_PAIR = """<main><div><button id="a" style="width:16px;height:16px;padding:0" aria-label="Up">
</button><button id="b" style="width:16px;height:16px;padding:0;margin-left:2px"
aria-label="Down"></button></div></main>"""

BROWSER_DEFAULTS = """<main><form>
<label>Title <input type="text" id="title"></label><br>
<label>Author <input id="author"></label><br>
<label>Year <select id="year"><option>2024</option><option>2025</option></select></label><br>
<label>Notes <input type="search" id="notes"></label><br>
<label><input type="checkbox" id="c1"> Required</label><label><input type="radio" id="r1">
Optional</label></form>
<p>Read <span><a href="#g">the guide</a></span>, <a href="#h">help</a> and
<a href="#f">the FAQ</a> before you start.</p></main>"""

STYLED_SMALL_FIELDS = """<main><form>
<input id="f1" aria-label="From" style="height:14px;font-size:10px"><br>
<input id="f2" aria-label="To" style="height:14px;font-size:10px"></form></main>"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from leganto_qa.browser.browser_discovery import find_browser, launch_args

    choice = find_browser()
    if choice is None:
        pytest.skip("no Chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(**launch_args(choice))
        yield launched
        launched.close()


@pytest.fixture
def check(browser):
    """``check(html, names)`` → findings of those checks on a fresh 1280x800 page."""
    opened = []

    def run(html: str, names: str) -> list[Finding]:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        opened.append(page)
        page.set_content(html)
        outcome = run_checks(page, WHERE, parse_checks(names))
        assert not outcome.errors and not outcome.not_completed, outcome.not_completed
        return outcome.findings

    yield run
    for page in opened:
        page.close()


@pytest.mark.browser
def test_one_too_wide_container_is_one_reflow_finding_naming_the_text_it_covers(check):
    [finding] = check(ONE_WIDE_CONTAINER, "reflow")
    selectors = [e.selector for e in finding.elements]
    assert selectors[0] == "#wide"
    assert {"#l1", "#l2", "#l3"} <= set(selectors) or {"#t1", "#t2", "#t3"} <= set(selectors)
    assert "640 px wide" in finding.description and "Because of it" in finding.description


@pytest.mark.browser
def test_two_small_targets_too_close_to_each_other_are_one_finding(check):
    [finding] = check(SMALL_PAIR, "target-size")
    assert [e.selector for e in finding.elements] == ["#a", "#b"]
    assert "both small" in finding.description


@pytest.mark.browser
def test_browser_default_controls_and_links_in_a_sentence_are_exempt(check):
    assert check(BROWSER_DEFAULTS, "target-size") == []


@pytest.mark.browser
def test_fields_the_author_made_small_are_still_reported(check):
    [finding] = check(STYLED_SMALL_FIELDS, "target-size")
    assert {e.selector for e in finding.elements} == {"#f1", "#f2"}
