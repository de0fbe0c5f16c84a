"""Generated run records of one sandbox over 12 monthly releases (2024-01 … 2024-12), for the
run index and trend tests. Built with the records API, written as ``leganto-qa run`` writes them.

What the releases show (so tests can assert it):

- ``color-contrast`` (1.4.3, serious) on fewer page states over time: 6 findings in 01-04,
  4 in 05-09, 2 in 10-12 (en and nb each);
- ``button-name`` (4.1.2, critical) new in 2024-06, resolved in 2024-09;
- ``image-alt`` (1.1.1, critical) in 2024-01 … 2024-04 only: known issue KI-2 (closed from 05);
- ``focus-visible`` (2.4.7, serious, a browser check) in every release: known issue KI-1 (open);
- the print workflow passes, fails in 2024-07 (a regression against 2024-06), passes again;
- nb coverage grows from 50 % to 100 % (one more string of 12 translated each release), nn
  from 0 % to 50 %.
"""

from __future__ import annotations

from pathlib import Path

from leganto_qa.model.findings import Element, Finding, fingerprint
from leganto_qa.model.records import Outcome, PageStateRecord, RunLayout, RunRecord
from leganto_qa.model.storage import write_json_atomic

RELEASES = tuple(f"2024-{m:02d}" for m in range(1, 13))
KNOWN_ISSUES = """[[issue]]
id = "KI-1"
match.rule = "focus-visible"
vendor_ref = "Case 07212345"
status = "reported"
reported = 2024-01-10

[[issue]]
id = "KI-2"
match.rule = "image-alt"
vendor_ref = "NERS 8421"
status = "fixed"
reported = 2024-02-01
"""
STRINGS = 12
"""English UI strings on the list page."""
STATES = ("list/student", "list/student/citation-full", "list/instructor")


def _finding(
    rule: str,
    source: str,
    criteria: tuple[str, ...],
    impact: str,
    state: str,
    locale: str,
    identity: str,
) -> Finding:
    return Finding(
        source=f"{source}:{rule}",
        kind="wcag",
        rule=rule,
        criteria=criteria,
        level="AA",
        impact=impact,
        description=f"{rule} description",
        help_url="",
        page_state=state,
        locale=locale,
        role=state.split("/")[1],
        url=f"https://sandbox.example/{state}",
        identity=identity,
        fingerprint=fingerprint(f"{source}:{rule}", state, state.split("/")[1], identity),
        elements=(Element((), identity, f'<x class="{identity}">', f"Fix {rule}"),),
    )


def _findings(month: int) -> list[Finding]:
    found = []
    for locale in ("en", "nb"):
        for state in STATES[: max(1, 3 - month // 5)]:
            found.append(
                _finding(
                    "color-contrast", "axe", ("1.4.3",), "serious", state, locale, ".status-grey"
                )
            )
        found.append(
            _finding("focus-visible", "check", ("2.4.7",), "serious", STATES[0], locale, "#search")
        )
        if 6 <= month <= 8:
            found.append(
                _finding(
                    "button-name",
                    "axe",
                    ("4.1.2",),
                    "critical",
                    STATES[0],
                    locale,
                    ".sidebar-button",
                )
            )
        if month <= 4:
            found.append(
                _finding("image-alt", "axe", ("1.1.1",), "critical", STATES[1], locale, "img.cover")
            )
    return found


def _entry(index: int, text: str) -> dict[str, object]:
    return {
        "key": f"#s{index}|text",
        "source": "text",
        "kind": "text",
        "text": text,
        "role": "button",
        "element": f"#s{index}",
        "lang": "",
        "content": False,
        "box": None,
    }


def _inventory(month: int) -> list[dict[str, object]]:
    english = [_entry(i, f"Action number {i}") for i in range(STRINGS)]
    translated = {"nb": min(STRINGS, 5 + month), "nn": month // 2}
    inventories = [
        {
            "page_state": STATES[0],
            "role": "student",
            "locale": "en",
            "url": "u",
            "html_lang": "en",
            "screenshot": None,
            "entries": english,
        }
    ]
    for locale, count in translated.items():
        entries = [_entry(i, f"Handling nummer {i}") for i in range(count)]
        inventories.append(
            {
                "page_state": STATES[0],
                "role": "student",
                "locale": locale,
                "url": "u",
                "html_lang": locale,
                "screenshot": None,
                "entries": entries,
            }
        )
    return inventories


def record_for(month: int, sandbox: str = "uio") -> RunRecord:
    release = RELEASES[month - 1]
    passed = "failed" if month == 7 else "passed"
    outcomes = (
        Outcome(
            "suites/workflows/test_print.py::test_student_prints_list",
            "workflows",
            passed,
            1.5,
            "print button gone" if passed == "failed" else "",
        ),
        Outcome("suites/a11y/test_pages.py::test_list_page", "a11y", "failed", 2.0),
    )
    states = tuple(
        PageStateRecord(
            state,
            state.split("/")[1],
            locale,
            f"https://sandbox.example/{state}",
            "List",
            "suites/a11y/test_pages.py::test_list_page",
        )
        for state in STATES
        for locale in ("en", "nb")
    )
    return RunRecord(
        run_id=f"2024{month:02d}15T080000Z-{month:04x}",
        status="complete",
        sandbox={
            "id": sandbox,
            "institution": "47BIBSYS_UIO",
            "release": release,
            "locales": ["en", "nb", "nn"],
        },
        versions={"harness": "0.1.0", "axe_core": "4.10.2", "browser": "chromium 131"},
        command=["leganto-qa", "run", "--sandbox", sandbox],
        started_at=f"{release}-15T08:00:00Z",
        finished_at=f"{release}-15T08:20:00Z",
        outcomes=outcomes,
        page_states=states,
        findings=tuple(_findings(month)),
        text_inventory=tuple(_inventory(month)),
    )


def write_releases(reports_dir: Path, sandbox: str = "uio", months: int = 12) -> list[RunLayout]:
    """Write ``months`` monthly runs of ``sandbox``; their layouts, oldest first."""
    layouts = []
    for month in range(1, months + 1):
        record = record_for(month, sandbox)
        layout = RunLayout.for_run(reports_dir, sandbox, record.run_id)
        write_json_atomic(layout.record_path, record.to_dict())
        layouts.append(layout)
    return layouts
