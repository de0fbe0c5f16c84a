"""The consortium overview on hand-built records: the matrix and the vendor/local split."""

from __future__ import annotations

import json
from dataclasses import replace

from leganto_qa.compare.baseline import baseline_from_record
from leganto_qa.compare.comparison import compare
from leganto_qa.model.findings import Finding, StateContext, findings_from_axe
from leganto_qa.model.records import Outcome, PageStateRecord, RunRecord
from leganto_qa.reports.consortium import SandboxRun, build_overview, split_lines
from leganto_qa.reports.consortium_report import write_overview

LIST = "list/student"
CITATION = "list/student/citation-full"


def _axe(rule: str, target: str, state: str = LIST, locale: str = "en") -> list[Finding]:
    where = StateContext(state, locale, "student", "http://x/leganto/nui/lists/8812345670004711")
    violation = {
        "id": rule,
        "impact": "critical",
        "tags": ["wcag2a", "wcag412"],
        "help": f"{rule} help",
        "helpUrl": f"https://dequeuniversity.com/rules/axe/4.12/{rule}",
        "nodes": [{"target": [target], "html": "<button></button>", "failureSummary": "Fix"}],
    }
    return findings_from_axe([violation], where)


def _record(sandbox: str, findings=(), outcomes=(), states=(LIST, CITATION)) -> RunRecord:
    return RunRecord(
        run_id=f"run-{sandbox}",
        status="complete",
        sandbox={"id": sandbox, "institution": sandbox.upper(), "release": "2024-06"},
        versions={},
        command=[],
        started_at="2024-06-01T00:00:00Z",
        finished_at="2024-06-01T00:10:00Z",
        outcomes=tuple(outcomes),
        page_states=tuple(
            PageStateRecord(id=s, role="student", locale="en", url="", title="", test="t")
            for s in states
        ),
        findings=tuple(findings),
    )


def _outcome(test: str, outcome: str = "passed") -> Outcome:
    return Outcome(test=test, suite="workflows", outcome=outcome, duration_s=1.0, message="boom")


PRINT = "suites/workflows/test_student.py::test_student_prints_list"
SEARCH = "suites/workflows/test_student.py::test_student_finds_list"


def _three_sandboxes() -> list[SandboxRun]:
    # The vendor's unnamed sidebar button: in every sandbox (with generated ids that differ).
    vendor = _axe("button-name", "#sidebar-1234 > button")
    hvl_vendor = _axe("button-name", "#sidebar-9876 > button")
    # HVL's own banner without alt text: only there.
    banner = _axe("image-alt", ".inst-banner > img")
    uio = _record("uio", vendor, [_outcome(PRINT, "failed"), _outcome(SEARCH)])
    hvl = _record("hvl", [*hvl_vendor, *banner], [_outcome(PRINT, "failed"), _outcome(SEARCH)])
    # NTNU failed its search (local), never reached the citation page: still "every" for
    # the list-page button, and the print failure is seen in every sandbox that ran it.
    ntnu = _record(
        "ntnu",
        _axe("button-name", "#sidebar-5555 > button"),
        [_outcome(PRINT, "failed"), _outcome(SEARCH, "failed")],
        states=(LIST,),
    )
    baseline = baseline_from_record(_record("uio", outcomes=[_outcome(PRINT)]))
    return [
        SandboxRun("uio", "not-ok", uio, compare(uio, baseline)),
        SandboxRun("hvl", "not-ok", hvl),
        SandboxRun("ntnu", "not-ok", ntnu),
        SandboxRun("uib", "not-run", not_run="sandbox 'uib' is unreachable (ConnectTimeout)"),
    ]


def test_a_problem_in_every_sandbox_is_the_vendors_one_in_a_few_is_local():
    overview = build_overview(_three_sandboxes(), "c1", "2024-06-02T00:00:00Z")
    everywhere = {(p.kind, p.rule) for p in overview.everywhere}
    local = {(p.kind, p.rule) for p in overview.local}
    assert everywhere == {("finding", "button-name"), ("test", PRINT)}
    assert local == {("finding", "image-alt"), ("test", SEARCH)}
    banner = next(p for p in overview.local if p.rule == "image-alt")
    assert (banner.seen_in, banner.checked_in) == (("hvl",), ("uio", "hvl", "ntnu"))
    printing = next(p for p in overview.everywhere if p.kind == "test")
    assert printing.news_in == ("uio",)  # a regression only where a baseline says it passed


def test_the_matrix_counts_each_sandbox_and_says_why_one_did_not_run():
    overview = build_overview(_three_sandboxes(), "c1", "2024-06-02T00:00:00Z")
    rows = {r.sandbox: r for r in overview.rows}
    assert [r.sandbox for r in overview.rows] == ["uio", "hvl", "ntnu", "uib"]
    assert (rows["uio"].passed, rows["uio"].failed, rows["uio"].wcag) == (1, 1, 1)
    assert (rows["uio"].regressions, rows["uio"].new_problems) == (1, 1)
    assert rows["hvl"].regressions is None  # no baseline: nothing can be called new there
    assert rows["hvl"].wcag == 2
    assert rows["uib"].verdict == "not-run" and "unreachable" in rows["uib"].not_run
    assert overview.ran == ("uio", "hvl", "ntnu")


def test_one_sandbox_alone_has_nothing_seen_everywhere():
    only = [SandboxRun("uio", "ok", _record("uio", _axe("button-name", "#b")))]
    overview = build_overview(only, "c1", "now")
    assert overview.everywhere == () and [p.rule for p in overview.local] == ["button-name"]


def test_the_split_prints_vendor_then_local():
    lines = split_lines(build_overview(_three_sandboxes(), "c1", "now"))
    assert lines[0] == "Seen in every sandbox (vendor): 2"
    assert any(line.startswith("  button-name") and "3 of 3" in line for line in lines)
    local = lines.index("Seen in one or a few sandboxes (local): 2")
    assert any("image-alt .inst-banner > img (1 of 3: hvl)" in line for line in lines[local:])


def test_overview_files_are_written_in_english_bokmal_and_json(tmp_path):
    runs = _three_sandboxes()
    findings = tmp_path / "runs" / "uio" / "run-uio" / "findings.html"
    runs[0] = SandboxRun("uio", "not-ok", runs[0].record, documents={"findings": str(findings)})
    files = write_overview(runs, tmp_path)
    assert files.folder.parent == tmp_path / "consortium"
    assert sorted(p.name for p in files.folder.iterdir()) == [
        "overview.html",
        "overview.json",
        "overview.nb.html",
    ]
    data = json.loads(files.json.read_text())
    assert data["schema"] == "leganto-qa/consortium-overview"
    assert [p["rule"] for p in data["seen_in_every_sandbox"]] == [PRINT, "button-name"]
    assert data["sandboxes"][3]["not_run"].startswith("sandbox 'uib' is unreachable")
    english = files.html["en"].read_text()
    assert 'href="../../runs/uio/run-uio/findings.html"' in english
    assert "Seen in every sandbox (vendor)" in english and 'lang="en"' in english
    assert "Sett i alle sandkasser (leverandør)" in files.html["nb"].read_text()


def test_hostile_text_in_a_record_is_escaped(tmp_path):
    evil = '<script>alert("x")</script>'
    record = _record("uio", _axe("button-name", f"#{evil}"), [_outcome(evil, "failed")])
    files = write_overview([SandboxRun("uio", "not-ok", record)], tmp_path)
    assert "<script>alert" not in files.html["en"].read_text()


def test_one_problem_however_many_roles_see_it_and_checks_count_only_where_they_ran():
    instructor = StateContext(LIST, "en", "instructor", "http://x/")
    both_roles = [*_axe("button-name", "#sidebar-1"), *_axe("button-name", "#sidebar-1")]
    both_roles[1] = replace(both_roles[1], role=instructor.role)
    trap = Finding.seen(
        StateContext(LIST, "en", "student", "http://x/"),
        source="check:keyboard-trap",
        kind="wcag",
        rule="keyboard-trap",
        criteria=("2.1.2",),
        level="A",
        impact="critical",
        description="Focus is trapped",
        help_url="",
        identity="#dialog",
        elements=(),
    )
    checked = _record("uio", [*both_roles, trap])
    checked = replace(
        checked,
        page_states=tuple(replace(s, check_seconds={"keyboard": 1.0}) for s in checked.page_states),
    )
    unchecked = _record("hvl", _axe("button-name", "#sidebar-1"))  # ran no browser checks
    overview = build_overview(
        [SandboxRun("uio", "not-ok", checked), SandboxRun("hvl", "not-ok", unchecked)], "c", "now"
    )
    assert [(p.rule, p.seen_in) for p in overview.everywhere] == [("button-name", ("uio", "hvl"))]
    [trapped] = overview.local
    assert (trapped.rule, trapped.checked_in) == ("keyboard-trap", ("uio",))
