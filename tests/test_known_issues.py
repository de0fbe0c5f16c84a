"""Tests for the known-issue registry known-issues.toml (leganto_qa.compare.known_issues)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from leganto_qa.compare.known_issues import KnownIssues, load_known_issues
from leganto_qa.model.errors import ConfigError
from leganto_qa.model.findings import Finding, StateContext, findings_from_axe

REPO = Path(__file__).resolve().parents[1]

ENTRY = """\
[[issue]]
id = "KI-1"
match.rule = "button-name"
vendor_ref = "Case 07212345"
status = "open"
reported = 2024-06-12
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "known-issues.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str) -> KnownIssues:
    return load_known_issues(write(tmp_path, text))


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        load(tmp_path, text)
    return str(info.value)


def issue(
    id: str = "KI-1",
    rule: str = "button-name",
    extra: str = "",
    status: str = "open",
) -> str:
    return (
        f'[[issue]]\nid = "{id}"\nmatch.rule = "{rule}"\n{extra}'
        f'vendor_ref = "Case 07212345"\nstatus = "{status}"\nreported = 2024-06-12\n\n'
    )


def finding(
    rule: str = "button-name",
    state: str = "list/student",
    targets: tuple[str, ...] = ("lg-sidebar > button.icon",),
    role: str = "student",
) -> Finding:
    violation = {
        "id": rule,
        "impact": "critical",
        "tags": ["wcag2a", "wcag412"],
        "help": "Buttons must have discernible text",
        "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/button-name",
        "nodes": [{"target": [t], "html": "<button>", "failureSummary": "x"} for t in targets],
    }
    where = StateContext(page_state=state, locale="nb", role=role, url="http://x/l/1")
    [result] = findings_from_axe([violation], where)
    return result


# --------------------------------------------------------------------------- loading


def test_missing_file_is_an_empty_registry(tmp_path):
    registry = load_known_issues(tmp_path / "known-issues.toml")
    assert len(registry) == 0
    assert registry.match(finding()) is None


def test_example_file_in_the_repository_loads_empty():
    registry = load_known_issues(REPO / "known-issues.toml")
    assert list(registry) == []


def test_example_entries_in_the_repository_file_are_valid(tmp_path):
    text = (REPO / "known-issues.toml").read_text(encoding="utf-8")
    uncommented = "\n".join(
        line[2:] for line in text.splitlines() if line.startswith("# ") and "=" in line
    )
    uncommented = uncommented.replace('id = "KI-', '[[issue]]\nid = "KI-')
    registry = load(tmp_path, uncommented)
    assert [i.id for i in registry] == ["KI-1", "KI-2"]


def test_a_full_entry_is_read(tmp_path):
    registry = load(
        tmp_path,
        ENTRY.replace('status = "open"', 'status = "reported"')
        + 'match.page_state = "list/*"\nmatch.element = "lg-sidebar*"\nnote = " Icons "\n',
    )
    [known] = registry
    assert known.id == "KI-1"
    assert known.rule == "button-name"
    assert known.page_state == "list/*"
    assert known.element == "lg-sidebar*"
    assert known.vendor_ref == "Case 07212345"
    assert known.status == "reported"
    assert known.reported == dt.date(2024, 6, 12)
    assert known.note == "Icons"
    assert known.entry == 1
    assert registry.get("KI-1") is known and registry.get("KI-9") is None


def test_defaults(tmp_path):
    [known] = load(tmp_path, ENTRY)
    assert (known.page_state, known.element, known.note) == ("*", None, None)


@pytest.mark.parametrize(
    ("ref", "canonical"),
    [
        ("Case 07212345", "Case 07212345"),
        ("case #07212345", "Case 07212345"),
        ("Idea Exchange 123", "Idea Exchange 123"),
        ("NERS 8421", "NERS 8421"),
        ("ners8421", "NERS 8421"),
    ],
)
def test_vendor_refs_are_normalised(tmp_path, ref, canonical):
    [known] = load(tmp_path, ENTRY.replace("Case 07212345", ref))
    assert known.vendor_ref == canonical


def test_bad_toml_names_the_line(tmp_path):
    message = error_for(tmp_path, ENTRY + "note = \n")
    assert message.startswith("known-issues.toml: line 7: ")
    assert message.endswith("; fix the TOML syntax")


def test_a_directory_is_an_error(tmp_path):
    (tmp_path / "known-issues.toml").mkdir()
    with pytest.raises(ConfigError, match="is a directory, not a file"):
        load_known_issues(tmp_path / "known-issues.toml")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            ENTRY.replace('status = "open"', 'status = "done"'),
            "known-issues.toml: issue 'KI-1' (entry 1): status is not a status; "
            "use one of: open, reported, accepted, fixed, wont-fix",
        ),
        (
            ENTRY.replace('id = "KI-1"\n', ""),
            "known-issues.toml: issue entry 1: missing required key 'id'; add id = \"KI-1\"",
        ),
        (
            ENTRY.replace('"KI-1"', '"KI 1"'),
            "known-issues.toml: issue entry 1: id is not an issue id",
        ),
        (
            ENTRY.replace('match.rule = "button-name"\n', ""),
            "issue 'KI-1' (entry 1): missing required key 'match.rule'",
        ),
        (
            ENTRY.replace('match.rule = "button-name"', 'match.page_state = "list/*"'),
            "issue 'KI-1' (entry 1): missing required key 'match.rule'; add match.rule = ",
        ),
        (
            ENTRY.replace('match.rule = "button-name"', 'match = "button-name"'),
            "issue 'KI-1' (entry 1): match must be a table; write match.rule = ",
        ),
        (
            ENTRY.replace('match.rule = "button-name"', "match.rule = 3"),
            "issue 'KI-1' (entry 1): match.rule must be a string, not a number; put it in quotes",
        ),
        (
            ENTRY.replace('match.rule = "button-name"', 'match.rule = " "'),
            "issue 'KI-1' (entry 1): match.rule is empty; give a value like",
        ),
        (
            ENTRY + 'match.elemnt = "x"\n',
            "issue 'KI-1' (entry 1): unknown key 'match.elemnt'; did you mean 'match.element'?",
        ),
        (
            ENTRY + 'match.zzz = "x"\n',
            "unknown key 'match.zzz'; use one of: match.rule, match.page_state, match.element",
        ),
        (
            ENTRY + 'vendor_rf = "x"\n',
            "issue 'KI-1' (entry 1): unknown key 'vendor_rf'; did you mean 'vendor_ref'?",
        ),
        (
            ENTRY.replace('vendor_ref = "Case 07212345"\n', ""),
            "issue 'KI-1' (entry 1): missing required key 'vendor_ref'; add vendor_ref = ",
        ),
        (
            ENTRY.replace("Case 07212345", "SF-1234"),
            "issue 'KI-1' (entry 1): vendor_ref is not a vendor reference; "
            "write 'Case 07212345', 'Idea Exchange 123' or 'NERS 8421'",
        ),
        (
            ENTRY.replace('status = "open"\n', ""),
            "issue 'KI-1' (entry 1): missing required key 'status'; add status = \"open\"",
        ),
        (
            ENTRY.replace("reported = 2024-06-12\n", ""),
            "issue 'KI-1' (entry 1): missing required key 'reported'; add reported = 2024-06-12",
        ),
        (
            ENTRY.replace("reported = 2024-06-12", 'reported = "2024-06-12"'),
            "issue 'KI-1' (entry 1): reported is not a date; write a bare TOML "
            "date like reported = 2024-06-12 (no quotes, no time)",
        ),
        (
            ENTRY.replace("reported = 2024-06-12", "reported = 2024-06-12T10:00:00"),
            "reported is not a date",
        ),
        (
            ENTRY + "note = 5\n",
            "issue 'KI-1' (entry 1): note must be a string, not a number; put it in quotes",
        ),
        (
            ENTRY + ENTRY,
            "known-issues.toml: issue 'KI-1' (entry 2): duplicate id, already used by entry 1; "
            "give each issue its own id",
        ),
        (
            ENTRY.replace("[[issue]]", "[[isue]]"),
            "known-issues.toml: unknown top-level key 'isue'; did you mean 'issue'?",
        ),
        (
            "issue = 3\n",
            "known-issues.toml: issue must be an array of tables; write each entry as [[issue]]",
        ),
        (
            ENTRY.replace("[[issue]]", "[issue]"),
            "issue must be an array of tables",
        ),
    ],
)
def test_every_problem_is_one_clear_line(tmp_path, text, fragment):
    message = error_for(tmp_path, text)
    assert fragment in message
    assert "\n" not in message


def test_an_invalid_later_entry_is_named_by_id_and_position(tmp_path):
    text = issue("KI-1") + issue("KI-2") + issue("KI-3", status="done")
    assert error_for(tmp_path, text).startswith(
        "known-issues.toml: issue 'KI-3' (entry 3): status is not a status"
    )


# --------------------------------------------------------------------------- matching


def test_rule_matches_exactly_or_by_wildcard_or_by_source(tmp_path):
    f = finding()
    assert load(tmp_path, issue(rule="button-name")).match(f) is not None
    assert load(tmp_path, issue(rule="button-*")).match(f) is not None
    assert load(tmp_path, issue(rule="axe:button-name")).match(f) is not None
    assert load(tmp_path, issue(rule="link-name")).match(f) is None
    assert load(tmp_path, issue(rule="button")).match(f) is None  # no substring for rules


def test_page_state_pattern(tmp_path):
    registry = load(tmp_path, issue(extra='match.page_state = "list/*"\n'))
    assert registry.match(finding(state="list/student")) is not None
    assert registry.match(finding(state="list/instructor/add-item-dialog")) is not None
    assert registry.match(finding(state="lms/canvas/tool-frame")) is None
    exact = load(tmp_path, issue(extra='match.page_state = "list/student"\n'))
    assert exact.match(finding(state="list/student/citation-full")) is None


def test_element_pattern_matches_identity_or_selector_anywhere(tmp_path):
    registry = load(tmp_path, issue(extra='match.element = "lg-sidebar*"\n'))
    assert registry.match(finding(targets=("lg-sidebar > button",))) is not None
    assert registry.match(finding(targets=("lg-root lg-sidebar button",))) is not None
    assert registry.match(finding(targets=("lg-header > button",))) is None
    plain = load(tmp_path, issue(extra='match.element = "#lg-menu-action"\n'))
    assert plain.match(finding(targets=("button#lg-menu-action-print",))) is not None


def test_element_pattern_sees_the_raw_selector_too(tmp_path):
    # The identity drops :nth-child(); a pattern naming it still matches the raw selector.
    registry = load(tmp_path, issue(extra='match.element = "li:nth-child(3)*"\n'))
    f = finding(targets=("ul > li:nth-child(3) > button",))
    assert "nth-child" not in f.identity
    assert registry.match(f) is not None


def test_first_match_in_file_order_wins(tmp_path):
    text = (
        issue("KI-broad", rule="*")
        + issue("KI-narrow", extra='match.element = "lg-sidebar"\n')
        + issue("KI-other", rule="color-contrast")
    )
    registry = load(tmp_path, text)
    assert [i.id for i in registry] == ["KI-broad", "KI-narrow", "KI-other"]
    assert registry.match(finding()).id == "KI-broad"
    swapped = load(
        tmp_path,
        issue("KI-narrow", extra='match.element = "lg-sidebar"\n') + issue("KI-broad", rule="*"),
    )
    assert swapped.match(finding()).id == "KI-narrow"


def test_plain_dicts_from_run_records_match_too(tmp_path):
    registry = load(tmp_path, issue(extra='match.element = "lg-sidebar"\n'))
    f = finding()
    as_dict = f.to_dict()
    assert registry.match(as_dict) is registry.match(Finding.from_dict(as_dict)) is not None
    assert registry.label([as_dict]).issue_for(f.fingerprint).id == "KI-1"


# --------------------------------------------------------------------------- labelling


def test_label_maps_fingerprints_and_lists_issues_not_seen(tmp_path):
    text = (
        issue("KI-1", extra='match.element = "lg-sidebar"\n')
        + issue("KI-2", rule="color-contrast")
        + issue("KI-3", rule="link-name", status="reported")
        + issue("KI-4", rule="label", status="accepted")
        + issue("KI-5", rule="region", status="fixed")
        + issue("KI-6", rule="list", status="wont-fix")
        + issue("KI-7", rule="image-alt", status="wont-fix")
    )
    registry = load(tmp_path, text)
    sidebar = finding(targets=("lg-sidebar > button",))
    header = finding(targets=("lg-header > button",))
    contrast = finding(rule="color-contrast")
    alt = finding(rule="image-alt")
    labelled = registry.label([sidebar, header, contrast, alt])
    assert labelled.by_fingerprint == {
        sidebar.fingerprint: registry.get("KI-1"),
        contrast.fingerprint: registry.get("KI-2"),
        alt.fingerprint: registry.get("KI-7"),
    }
    assert labelled.issue_for(header) is None
    assert labelled.issue_for(sidebar).id == "KI-1"
    assert [i.id for i in labelled.not_seen] == ["KI-3", "KI-4"]
    assert labelled.reappeared == []


def test_a_fixed_issue_seen_again_is_labelled_and_reported_as_reappeared(tmp_path):
    registry = load(tmp_path, issue("KI-9", status="fixed"))
    labelled = registry.label([finding()])
    assert labelled.issue_for(finding()).id == "KI-9"
    assert [i.id for i in labelled.reappeared] == ["KI-9"]
    assert labelled.not_seen == []


def test_label_of_no_findings_lists_every_open_issue(tmp_path):
    registry = load(tmp_path, issue("KI-1") + issue("KI-2", status="fixed"))
    labelled = registry.label([])
    assert labelled.by_fingerprint == {}
    assert [i.id for i in labelled.not_seen] == ["KI-1"]
