"""Deviation report, conformance summary and case drafts of a small synthetic run.

Golden files (tests/data/golden/) hold the documents' structure (headings, table captions and
columns, statuses, crops), not their bytes: `UPDATE_GOLDEN=1 pytest tests/test_a11y_documents.py`
rewrites them after an intended change.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from leganto_qa.reports.accessibility_documents import write_documents
from leganto_qa.reports.case_drafts import case_groups, render_case
from leganto_qa.reports.conformance import headline, summarise, to_csv, to_json
from leganto_qa.reports.deviations import render_deviation_report
from tests.a11y_records import LONG, two_releases

GOLDEN = Path(__file__).parent / "data" / "golden"


class Outline(HTMLParser):
    """Headings, captions, column headers, statuses and images of an HTML report."""

    KEEP = frozenset({"h1", "h2", "h3", "h4", "caption", "th", "dd"})

    def __init__(self) -> None:
        super().__init__()
        self.items: list[str] = []
        self.texts: list[str] = []
        self.scripts = 0
        self.handlers = 0
        self._style = False
        self._open: list[tuple[str, list[str], str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.handlers += sum(1 for name, _ in attrs if name.startswith("on"))
        if tag == "script":
            self.scripts += 1
        if tag == "style":
            self._style = True
        if tag == "img":
            kind = "data" if str(attributes.get("src", "")).startswith("data:image/png") else "link"
            self.items.append(f"img.{attributes.get('class')}:{kind}")
        if tag in self.KEEP:
            self._open.append((tag, [], str(attributes.get("class") or "")))

    def handle_data(self, data):
        if not self._style:
            self.texts.append(data)
        for _, parts, _ in self._open:
            parts.append(data)

    def handle_endtag(self, tag):
        if tag == "style":
            self._style = False
        if self._open and self._open[-1][0] == tag:
            name, parts, cls = self._open.pop()
            text = " ".join("".join(parts).split())
            if name == "dd" and not cls.startswith("status-"):
                return
            if name == "th" and not text:
                return
            self.items.append(f"{name}{'.' + cls if cls else ''}: {text}")


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def _golden(name: str, actual: list[str]) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected, f"structure of {name} changed; UPDATE_GOLDEN=1 if intended"


@pytest.fixture()
def docs(tmp_path):
    return two_releases(tmp_path)


def test_deviation_report_structure_matches_golden_file(docs):
    html = render_deviation_report(docs, "en")
    _golden("deviations.en.json", outline(html).items)


def test_deviation_report_in_bokmal_structure_matches_golden_file(docs):
    html = render_deviation_report(docs, "nb")
    assert '<html lang="nb">' in html
    _golden("deviations.nb.json", outline(html).items)


def test_deviations_are_grouped_by_criterion_in_wcag_order_and_leave_out_other_kinds(docs):
    items = outline(render_deviation_report(docs, "en")).items
    criteria = [i.split(": ", 1)[1] for i in items if i.startswith("h2: ") and i[4].isdigit()]
    assert criteria == [
        "1.4.3 Contrast (Minimum)",
        "2.4.4 Link Purpose (In Context)",
        "2.4.7 Focus Visible",
        "4.1.2 Name, Role, Value",
    ]
    rules = {d.finding.rule for d in docs.deviations}
    assert rules == {"color-contrast", "link-name", "focus-visible"}  # no region, no untranslated
    statuses = [i for i in items if i.startswith("dd.status-")]
    assert "dd.status-new: New" in statuses
    assert "dd.status-persisting: Persisting" in statuses
    assert "dd.status-known: Known (Known case: Case 07212345)" in statuses


def test_each_deviation_shows_steps_url_first_release_and_an_outlined_crop(docs):
    html = render_deviation_report(docs, "en")
    assert "Open the reading list (/nui/lists/1)" in html
    assert "http://leganto.localhost/nui/lists/1" in html
    parsed = outline(html)
    assert parsed.items.count("img.crop:data") == 3  # color-contrast en + nb, focus-visible
    assert parsed.scripts == 0
    first_seen = re.findall(r"First seen in release</dt><dd>([\d-]+)<", html)
    assert set(first_seen) == {"2024-05", "2024-06"}


def test_hostile_page_content_is_inert_and_shortened(docs):
    for lang in ("en", "nb"):
        html = render_deviation_report(docs, lang)
        parsed = outline(html)
        assert parsed.scripts == 0 and parsed.handlers == 0
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(" in html
        assert "<img src=x" not in html
        assert LONG not in html
        assert max(len(t) for t in parsed.texts) < 1000
    group = next(g for g in case_groups(docs) if g.id == "wcag-link-name")
    draft = render_case(docs, group, "evidence.zip")
    assert LONG not in draft
    snippet = re.search(r"```html\n(.*?)\n```", draft, re.S)
    assert snippet and snippet.group(1).startswith("<script>") and len(snippet.group(1)) <= 300


def test_conformance_lists_the_48_criteria_with_status_and_counts(docs):
    summary = summarise(docs)
    assert summary.total == 48
    status = {row.criterion.id: row.status for row in summary.rows}
    assert [r.criterion.id for r in summary.rows][:3] == ["1.1.1", "1.2.1", "1.2.2"]
    assert "1.2.3" not in status and "1.2.4" not in status
    assert status["1.4.3"] == status["2.4.4"] == status["4.1.2"] == status["2.4.7"] == "deviation"
    assert status["1.1.1"] == "no-deviation"  # axe's image-alt checks it
    assert status["4.1.1"] == "manual"
    assert status["2.1.2"] == "manual"  # nothing in this run checked keyboard traps
    assert summary.violated == 4
    assert headline(summary, "en") == "4 of 48 criteria violated"
    assert headline(summary, "nb") == "Brudd på 4 av 48 krav"
    data = to_json(docs, summary)
    row = next(c for c in data["criteria"] if c["id"] == "1.4.3")
    assert row["name"]["nb"] == "Kontrast (minimum)"
    assert {g["id"] for g in row["user_groups"]} == {"limited-vision", "without-colour"}
    rows = list(csv.reader(io.StringIO(to_csv(docs, summary, "nb"))))
    assert len(rows) == 49 and rows[0][0] == "Suksesskriterium"
    assert rows[1][:4] == [
        "1.1.1",
        "Ikke-tekstlig innhold",
        "A",
        "ingen avvik funnet av automatiske tester",
    ]


def test_conformance_html_structure_matches_golden_file(tmp_path, docs):
    paths = write_documents(docs, ["conformance"], "nb")
    assert "Brudd på 4 av 48 krav" in paths[0]
    html = (docs.layout.root / "conformance.nb.html").read_text()
    _golden("conformance.nb.json", outline(html).items)
    assert json.loads((docs.layout.root / "conformance.nb.json").read_text())["violated"] == 4


def test_case_drafts_for_new_deviations_and_the_regression(docs):
    groups = {g.id: g for g in case_groups(docs)}
    # focus-visible is known (Case 07212345) and color-contrast persists: no case for them
    assert set(groups) == {"wcag-link-name", "regression-test_student_prints_list"}
    draft = render_case(docs, groups["wcag-link-name"], "evidence-demo.zip")
    headings = [line for line in draft.splitlines() if line.startswith("#")]
    _golden(
        "case.wcag.json",
        headings + [line for line in draft.splitlines() if line.startswith("- **")],
    )
    for text in (
        "**Asset:** Leganto",
        "**Affected environment:** Sandbox (47BIBSYS_DEMO)",
        "**Case type:** Defect/Regression",
        "Last good release: 2024-05",
        "First bad release: 2024-06",
        "Browser: Chromium 120.0",
        "UI language: en",
        "WCAG 2.4.4 Link Purpose (In Context) (level A); Norwegian regulation: required",
        "EN 301 549 9.4.1.2",
        "- axe/anonymous/en/public-list.anonymous.json",
        "- screenshots/anonymous/en/public-list.anonymous.png",
    ):
        assert text in draft, text
    regression = render_case(docs, groups["regression-test_student_prints_list"], "e.zip")
    assert "workflow 'test_student_prints_list' fails (worked in 2024-05)" in regression
    assert "TimeoutError: waiting for #lg-menu-action-print" in regression
    assert (
        "- traces/suites.workflows.test_student.py--test_student_prints_list/trace.zip"
        in regression
    )


def test_without_a_baseline_every_deviation_is_drafted_without_status(tmp_path):
    from leganto_qa.reports.deviations import run_documents
    from tests.a11y_records import make_record, store

    layout = store(tmp_path / "reports", make_record("2024-06", "20261201T000000Z-cccc"))
    docs = run_documents(layout.root, tmp_path / "reports")
    assert {d.status for d in docs.deviations} == {"none"}
    assert {g.id for g in case_groups(docs)} == {
        "wcag-color-contrast",
        "wcag-focus-visible",
        "wcag-link-name",
    }
    assert "No baseline" in render_deviation_report(docs)
