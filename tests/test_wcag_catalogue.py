"""The WCAG catalogue (leganto_qa/wcag): criteria, the Norwegian profile and rule mappings."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from leganto_qa.model.findings import criteria_from_tags
from leganto_qa.reports.wcag import HERE, catalogue

NORWEGIAN_48 = re.findall(
    r"\S+",
    """
    1.1.1 1.2.1 1.2.2 1.2.5 1.3.1 1.3.2 1.3.3 1.3.4 1.3.5 1.4.1 1.4.2 1.4.3
    1.4.4 1.4.5 1.4.10 1.4.11 1.4.12 1.4.13 2.1.1 2.1.2 2.1.4 2.2.1 2.2.2 2.3.1
    2.4.1 2.4.2 2.4.3 2.4.4 2.4.5 2.4.6 2.4.7 2.5.1 2.5.2 2.5.3 2.5.4 3.1.1
    3.1.2 3.2.1 3.2.2 3.2.3 3.2.4 3.3.1 3.3.2 3.3.3 3.3.4 4.1.1 4.1.2 4.1.3
    """,
)
WCAG22_NEW = {
    "2.4.11": "AA",
    "2.5.7": "AA",
    "2.5.8": "AA",
    "3.2.6": "A",
    "3.3.7": "A",
    "3.3.8": "AA",
}
HARNESS_RULES = {
    # shared-interfaces.md: browser checks (issue 7), translation checks (issue 6), embedding (5)
    ("check", "keyboard-unreachable"): ("2.1.1",),
    ("check", "key-activation"): ("2.1.1",),
    ("check", "keyboard-trap"): ("2.1.2",),
    ("check", "positive-tabindex"): ("2.4.3",),
    ("check", "focus-order"): ("2.4.3",),
    ("check", "dialog-focus"): ("2.1.2", "2.4.3"),
    ("check", "focus-return"): ("2.4.3",),
    ("check", "focus-visible"): ("2.4.7",),
    ("check", "focus-obscured"): ("2.4.11",),
    ("check", "reflow"): ("1.4.10",),
    ("check", "text-spacing"): ("1.4.12",),
    ("check", "resize-text"): ("1.4.4",),
    ("check", "target-size"): ("2.5.8",),
    ("check", "orientation"): ("1.3.4",),
    ("check", "status-message"): ("4.1.3",),
    ("check", "on-focus"): ("3.2.1",),
    ("check", "on-input"): ("3.2.2",),
    ("check", "link-purpose"): ("2.4.4",),
    ("check", "skip-link-target"): ("2.4.1",),
    ("check", "file-link-type"): ("2.4.4",),
    ("check", "table-headers"): ("1.3.1",),
    ("check", "layout-table"): ("1.3.1",),
    ("check", "error-association"): ("3.3.1", "1.3.1"),
    ("check", "required-indicator"): ("3.3.2", "1.3.1"),
    ("check", "group-name"): ("1.3.1",),
    ("check", "autocomplete-missing"): ("1.3.5",),
    ("check", "alt-quality"): ("1.1.1",),
    ("check", "css-content"): ("1.3.1",),
    ("check", "focus-removed"): ("2.4.7",),
    ("check", "page-title"): ("2.4.2",),
    ("check", "duplicate-id-ref"): ("4.1.2", "1.3.1"),
    ("check", "visible-label"): ("3.3.2",),
    ("check", "label-in-name"): ("2.5.3",),
    ("check", "custom-control-role"): ("4.1.2",),
    ("check", "font-size-vw"): ("1.4.4",),
    ("check", "accesskey-clash"): ("2.1.1",),
    ("check", "tabindex-noninteractive"): ("2.4.3",),
    ("check", "widget-keyboard"): ("2.1.1",),
    ("check", "dialog-escape"): ("2.1.2",),
    ("check", "hover-content"): ("1.4.13",),
    ("check", "hidden-focusable"): ("2.4.3",),
    ("i18n", "page-lang"): ("3.1.1",),
    ("i18n", "lang-of-parts"): ("3.1.2",),
    ("i18n", "untranslated"): (),
    ("i18n", "raw-key"): (),
    ("i18n", "placeholder"): (),
    ("i18n", "mojibake"): (),
    ("i18n", "mixed-forms"): (),
    ("frame", "frame-untested"): (),
    ("frame", "frame-title"): ("4.1.2",),
}


def test_every_wcag_21_and_22_a_aa_criterion_is_listed_in_wcag_order():
    cat = catalogue()
    ids = [c.id for c in cat.criteria]
    assert len(ids) == 56 == len(set(ids))  # 50 of WCAG 2.1 A/AA (incl. 4.1.1) + 6 new in 2.2
    assert set(NORWEGIAN_48) | {"1.2.3", "1.2.4"} | set(WCAG22_NEW) == set(ids)
    assert ids.index("1.4.5") < ids.index("1.4.10") < ids.index("1.4.13") < ids.index("2.1.1")
    for criterion_id, level in WCAG22_NEW.items():
        found = cat.criterion(criterion_id)
        assert found and found.level == level and found.wcag == "2.2" and not found.required


def test_the_norwegian_profile_is_the_48_criteria_with_bokmal_names():
    cat = catalogue()
    required = cat.norwegian()
    assert [c.id for c in required] == NORWEGIAN_48
    assert cat.criterion("1.2.3").norway == cat.criterion("1.2.4").norway == "excepted"
    assert [c.id for c in cat.criteria if c.manual_only] == ["4.1.1"]
    for c in required:
        assert c.nb.strip() and c.en.strip() and c.level in ("A", "AA")
        assert c.en301549 == f"9.{c.id}"
        assert c.groups and set(c.groups) <= set(cat.groups)
        assert all(re.fullmatch(rf"nett-{re.escape(c.id)}[a-f]", rule) for rule in c.uutilsynet)
    assert cat.criterion("1.4.3").nb == "Kontrast (minimum)"
    assert cat.criterion("2.4.7").nb == "Synlig fokus"
    assert cat.criterion("4.1.2").nb == "Navn, rolle, verdi"
    assert {g["nb"] for g in cat.groups.values()} >= {"Bruk uten syn", "Bruk med begrenset syn"}


def test_every_harness_rule_maps_to_the_agreed_criteria():
    cat = catalogue()
    for (prefix, rule), criteria in HARNESS_RULES.items():
        assert cat.rules[prefix][rule] == criteria, f"{prefix}:{rule}"


def test_every_mapped_criterion_is_in_the_catalogue():
    cat = catalogue()
    known = {c.id for c in cat.criteria}
    for prefix, table in cat.rules.items():
        for rule, criteria in table.items():
            assert set(criteria) <= known, f"{prefix}:{rule} maps to {criteria}"


def test_report_labels_have_the_same_keys_in_english_and_bokmal():
    table = tomllib.loads((HERE / "labels.toml").read_text(encoding="utf-8"))
    assert set(table["en"]) == set(table["nb"])


def test_catalogue_ships_with_the_package():
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    data = pyproject["tool"]["setuptools"]["package-data"]["leganto_qa"]
    assert "reports/wcag/*.toml" in data


@pytest.mark.browser
def test_every_rule_of_the_bundled_axe_core_is_mapped_by_its_wcag_tags():
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from leganto_qa.browser.browser_discovery import ensure_browser, launch_args

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(ensure_browser()))
        try:
            page = browser.new_page()
            page.set_content("<!DOCTYPE html><html lang='en'><title>t</title><p>x</p></html>")
            page.evaluate(Axe().axe_script)
            rules = page.evaluate("axe.getRules().map(r => ({id: r.ruleId, tags: r.tags}))")
        finally:
            browser.close()
    cat = catalogue()
    known = {c.id for c in cat.criteria}
    assert len(rules) > 90
    with_wcag = [r for r in rules if any(t.startswith("wcag") for t in r["tags"])]
    assert len(with_wcag) > 60
    for rule in rules:
        expected = tuple(c for c in criteria_from_tags(rule["tags"]) if c in known)
        mapped = cat.rules["axe"].get(rule["id"])
        assert mapped is not None, f"axe rule {rule['id']} is not in rules.toml"
        assert set(mapped) == set(expected), rule["id"]
    best_practice = [r["id"] for r in rules if not cat.rules["axe"][r["id"]]]
    assert "region" in best_practice and "color-contrast-enhanced" in best_practice
