"""Findings from axe results: criteria, grouping, and fingerprints that survive noise."""

from __future__ import annotations

from dataclasses import replace

from leganto_qa.model.findings import (
    Finding,
    StateContext,
    criteria_from_tags,
    findings_from_axe,
    level_from_tags,
    normalise_selector,
)

WHERE = StateContext(page_state="list/student", locale="nb", role="student", url="http://x/l/1")


def _violation(
    rule="button-name", targets=("#a",), tags=("wcag2a", "wcag412", "cat.name-role-value")
):
    return {
        "id": rule,
        "impact": "critical",
        "tags": list(tags),
        "help": "Buttons must have discernible text",
        "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/button-name",
        "nodes": [
            {
                "target": [t] if isinstance(t, str) else list(t),
                "html": f"<button id='{t}'>",
                "failureSummary": "Fix any of the following: no name",
            }
            for t in targets
        ],
    }


def test_criteria_and_level_come_from_axe_tags():
    assert criteria_from_tags(["wcag2aa", "wcag1410", "wcag143", "best-practice"]) == (
        "1.4.3",
        "1.4.10",
    )
    assert criteria_from_tags(["wcag2411"]) == ("2.4.11",)
    assert level_from_tags(["wcag2aa", "wcag143"]) == "AA"
    assert level_from_tags(["best-practice"]) is None


def test_selector_noise_is_normalised_away():
    noisy = (
        "#lg-menu-button-section-menu-8812345670104711 > button[_ngcontent-ng-c4123]:nth-child(3)"
    )
    assert normalise_selector(noisy) == "#lg-menu-button-section-menu-# > button"
    assert normalise_selector("#mat-mdc-checkbox-17-input") == normalise_selector(
        "#mat-mdc-checkbox-4-input"
    )
    assert normalise_selector(".cdk-describedby-message-ng-1-19") == ".cdk-describedby-message-ng-#"


def test_fingerprint_survives_generated_ids_and_other_list_ids():
    first = findings_from_axe([_violation(targets=("#citation-menu-8812345671014711",))], WHERE)
    other = findings_from_axe([_violation(targets=("#citation-menu-9912345671014799",))], WHERE)
    assert first[0].fingerprint == other[0].fingerprint


def test_fingerprint_differs_by_rule_state_and_role_but_not_locale():
    base = findings_from_axe([_violation()], WHERE)[0]
    other_rule = findings_from_axe([_violation(rule="link-name")], WHERE)[0]
    other_state = findings_from_axe(
        [_violation()], StateContext("list/student/list-menu", "nb", "student", "u")
    )[0]
    other_role = findings_from_axe(
        [_violation()], StateContext("list/student", "nb", "instructor", "u")
    )[0]
    other_locale = findings_from_axe(
        [_violation()], StateContext("list/student", "en", "student", "u")
    )[0]
    assert (
        len(
            {
                base.fingerprint,
                other_rule.fingerprint,
                other_state.fingerprint,
                other_role.fingerprint,
            }
        )
        == 4
    )
    assert base.fingerprint == other_locale.fingerprint


def test_same_shaped_elements_group_into_one_finding():
    violation = _violation(
        targets=(
            "lg-sidebar > div:nth-child(1) > button",
            "lg-sidebar > div:nth-child(2) > button",
            "#top-panel-help",
        )
    )
    findings = findings_from_axe([violation], WHERE)
    assert len(findings) == 2
    sidebar = next(f for f in findings if "lg-sidebar" in f.identity)
    assert len(sidebar.elements) == 2
    assert sidebar.kind == "wcag" and sidebar.criteria == ("4.1.2",) and sidebar.level == "A"


def test_best_practice_rules_are_kept_apart():
    finding = findings_from_axe([_violation(rule="region", tags=("best-practice",))], WHERE)[0]
    assert finding.kind == "best-practice" and finding.criteria == ()


def test_iframe_targets_keep_their_frame_path():
    finding = findings_from_axe(
        [_violation(targets=(["iframe#tool_content", "#add-item"],))], WHERE
    )[0]
    assert finding.elements[0].frame_path == ("iframe#tool_content",)
    assert finding.elements[0].selector == "#add-item"


def test_finding_round_trips_through_dict():
    from leganto_qa.model.findings import Finding

    finding = findings_from_axe([_violation()], WHERE)[0]
    assert Finding.from_dict(finding.to_dict()) == finding


def test_element_box_survives_the_round_trip_and_is_optional():
    where = StateContext(page_state="list/student", locale="en", role="student", url="u")
    node = {"target": ["#a"], "html": "<a id=a></a>", "failureSummary": "x"}
    violation = {"id": "link-name", "tags": ["wcag2a", "wcag244"], "nodes": [node]}
    (finding,) = findings_from_axe([violation], where)
    with_box = replace(
        finding, elements=tuple(replace(e, box=(1.0, 2.0, 3.0, 4.0)) for e in finding.elements)
    )
    assert Finding.from_dict(with_box.to_dict()) == with_box
    assert Finding.from_dict(finding.to_dict()).elements[0].box is None
    old = finding.to_dict()
    for element in old["elements"]:
        del element["box"]  # records written before boxes existed
    assert Finding.from_dict(old) == finding
