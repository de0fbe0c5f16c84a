"""Small synthetic runs for the accessibility document tests (built with the records API)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from leganto_qa.compare.baseline import accept
from leganto_qa.model.findings import Element, Finding, StateContext, findings_from_axe, fingerprint
from leganto_qa.model.records import Outcome, PageStateRecord, RunLayout, RunRecord
from leganto_qa.model.storage import write_bytes_atomic, write_json_atomic, write_text_atomic
from leganto_qa.reports.deviations import RunDocuments, run_documents

LONG = "x" * 5000
HOSTILE = '<script>alert("pwned")</script>"\'><img src=x onerror=alert(1)>' + LONG
KNOWN_ISSUES = """[[issue]]
id = "KI-1"
match.rule = "focus-visible"
vendor_ref = "Case 07212345"
status = "reported"
reported = 2024-06-12
"""


def screenshot_png() -> bytes:
    image = Image.new("RGB", (1280, 800), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 300, 140), fill=(200, 200, 200))
    draw.text((110, 110), "Grey text", fill=(170, 170, 170))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _axe(rule: str, tags: list[str], where: StateContext, html: str, target: str) -> list[Finding]:
    violation = {
        "id": rule,
        "impact": "serious",
        "tags": tags,
        "help": f"{rule} help",
        "helpUrl": f"https://dequeuniversity.com/rules/axe/4.12/{rule}",
        "nodes": [{"target": [target], "html": html, "failureSummary": f"Fix {rule}"}],
    }
    return findings_from_axe([violation], where)


def _boxed(findings: list[Finding], box: tuple[float, float, float, float]) -> list[Finding]:
    from dataclasses import replace

    return [replace(f, elements=tuple(replace(e, box=box) for e in f.elements)) for f in findings]


def _check(
    rule: str, criteria: tuple[str, ...], where: StateContext, kind: str = "wcag"
) -> Finding:
    source = f"check:{rule}" if kind == "wcag" else f"i18n:{rule}"
    identity = "#search" if kind == "wcag" else f"{where.locale}:Reading list"  # as issue 6 does
    return Finding(
        source=source,
        kind=kind,
        rule=rule,
        criteria=criteria,
        level="AA" if criteria else None,
        impact="serious",
        description=f"{rule} description",
        help_url="",
        page_state=where.page_state,
        locale=where.locale,
        role=where.role,
        url=where.url,
        identity=identity,
        fingerprint=fingerprint(source, where.page_state, where.role, identity),
        elements=(
            Element((), "#search", '<input id="search">', "no focus ring", (500, 60, 200, 30)),
        ),
    )


def make_record(release: str, run_id: str, hostile: bool = True) -> RunRecord:
    """A run of two page states in en and one in nb with axe, check and translation findings."""
    list_en = StateContext("list/student", "en", "student", "http://leganto.localhost/nui/lists/1")
    list_nb = StateContext("list/student", "nb", "student", "http://leganto.localhost/nui/lists/1")
    public = StateContext(
        "public-list/anonymous", "en", "anonymous", "http://leganto.localhost/p/1"
    )
    findings: list[Finding] = []
    for where in (list_en, list_nb):
        findings += _boxed(
            _axe("color-contrast", ["wcag2aa", "wcag143"], where, "<span>Grey</span>", ".grey"),
            (100, 100, 200, 40),
        )
    findings += _axe("region", ["best-practice"], list_en, "<div>x</div>", "div.loose")
    findings.append(_check("untranslated", (), list_nb, kind="translation"))
    if release != "2024-05":
        findings += _axe(
            "link-name",
            ["wcag2a", "wcag244", "wcag412"],
            public,
            HOSTILE if hostile else "<a href='#'></a>",
            "a.hostile" + ("-" + LONG if hostile else ""),
        )
        findings.append(_check("focus-visible", ("2.4.7",), list_en))
    states = [
        PageStateRecord(
            id="list/student",
            role="student",
            locale=locale,
            url=list_en.url,
            title="Reading list",
            test="suites/a11y/test_page_states.py::test_state",
            steps=("Open the reading list (/nui/lists/1)", "Scroll to the end"),
            screenshot=f"states/student/{locale}/list.student/screenshot.png",
            axe_raw=f"states/student/{locale}/list.student/axe.json",
        )
        for locale in ("en", "nb")
    ]
    states.append(
        PageStateRecord(
            id="public-list/anonymous",
            role="anonymous",
            locale="en",
            url=public.url,
            title=HOSTILE if hostile else "Public list",
            test="suites/a11y/test_page_states.py::test_state",
            steps=(HOSTILE,) if hostile else ("Open the public list",),
            screenshot="states/anonymous/en/public-list.anonymous/screenshot.png",
            axe_raw="states/anonymous/en/public-list.anonymous/axe.json",
        )
    )
    failed = release != "2024-05"
    test = "suites/workflows/test_student.py::test_student_prints_list"
    return RunRecord(
        run_id=run_id,
        status="complete",
        sandbox={
            "id": "demo",
            "release": release,
            "institution": "47BIBSYS_DEMO",
            "locales": ["en", "nb"],
        },
        versions={"axe_core": "4.12.1", "browser": "Chromium 120.0", "harness": "0.1.0"},
        command=["pytest", "suites", "--sandbox", "demo"],
        started_at="2026-11-28T10:00:00Z",
        finished_at="2026-11-28T10:05:00Z",
        outcomes=(
            Outcome(
                test,
                "workflows",
                "failed" if failed else "passed",
                3.0,
                "TimeoutError: waiting for #lg-menu-action-print" if failed else "",
                ("tests/print/failure.png", "tests/print/trace.zip") if failed else (),
            ),
        ),
        page_states=tuple(states),
        findings=tuple(findings),
    )


def store(reports: Path, record: RunRecord) -> RunLayout:
    """Write the record and its files (axe JSON, screenshots, a failure trace)."""
    layout = RunLayout.for_run(reports, "demo", record.run_id)
    write_json_atomic(layout.record_path, record.to_dict())
    png = screenshot_png()
    for state in record.page_states:
        assert state.screenshot and state.axe_raw
        write_bytes_atomic(layout.root / state.screenshot, png)
        write_text_atomic(layout.root / state.axe_raw, '{"violations": []}\n')
    for outcome in record.outcomes:
        for artifact in outcome.artifacts:
            path = layout.root / artifact
            if artifact.endswith(".png"):
                write_bytes_atomic(path, png)
            else:
                import zipfile

                path.parent.mkdir(parents=True, exist_ok=True)
                with zipfile.ZipFile(path, "w") as trace:
                    trace.writestr("trace.trace", '{"type":"before","method":"click"}\n')
                    trace.writestr("trace.network", '{"type":"resource-snapshot"}\n')
    return layout


def two_releases(tmp_path: Path, hostile: bool = True) -> RunDocuments:
    """2024-05 accepted as the baseline, 2024-06 compared with it (known issue registered)."""
    reports = tmp_path / "reports"
    store(reports, make_record("2024-05", "20261101T000000Z-aaaa", hostile))
    accept(reports, "demo")
    layout = store(reports, make_record("2024-06", "20261201T000000Z-bbbb", hostile))
    known = tmp_path / "known-issues.toml"
    known.write_text(KNOWN_ISSUES)
    return run_documents(layout.root, reports, known)
