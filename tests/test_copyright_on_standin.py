"""BOLK copyright data on the stand-in: the api suite records the three digitised book chapters
of SOS1001, and 2024-06 vs 2024-05 is exactly one break, the page range
(fixtures/sandbox/RELEASES.md #10), with the library's worklist beside the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from leganto_qa.compare.baseline import baseline_from_record
from leganto_qa.compare.comparison import compare
from leganto_qa.model.records import RunLayout, RunRecord
from leganto_qa.reports.copyright_worklist import read_csv, write_copyright_worklist
from tests.conftest import DEMO_PASSWORD, load, run_suites, write_config

CHAPTERS = ["8812345671034711", "8812345671074711", "8812345671144711"]
"""The book chapters (BOOK_SEGMENT) of list 8812345670004711, by id."""
ENV = {"LEGANTO_QA_DEMO_PASSWORD": DEMO_PASSWORD}


class CopyrightRuns:
    """The api suite's copyright test alone (no browser), once per release."""

    def __init__(self, root: Path) -> None:
        self.config = write_config(root)
        self.done: dict[str, RunRecord] = {}

    def get(self, release: str) -> RunRecord:
        if release not in self.done:
            name = f"copyright-{release}"
            result = run_suites(
                self.config,
                name,
                *("--leganto-release", release, "-k", "copyright"),
                suites=("api",),
                env=ENV,
            )
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
            self.done[release] = RunRecord.from_dict(load(self.config, name))
        return self.done[release]

    def layout(self, release: str) -> RunLayout:
        return RunLayout(self.config.parent / "reports" / "runs" / "demo" / f"copyright-{release}")


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> CopyrightRuns:
    return CopyrightRuns(tmp_path_factory.mktemp("copyright-runs"))


def test_the_three_chapters_are_recorded_with_their_bolk_fields(runs):
    record = runs.get("2024-05")
    assert [o.outcome for o in record.outcomes] == ["passed"]
    entries = record.integrations["copyright"]
    assert [e["key"] for e in entries] == CHAPTERS
    assert [e["section"] for e in entries] == ["Obligatorisk", "Obligatorisk", "Anbefalt"]
    assert {e["list_code"] for e in entries} == {"SOS1001-H24"}
    for e in entries:
        assert {k: f["status"] for k, f in e["fields"].items() if f["status"] != "ok"} == {
            "issn": "missing"  # book chapters: the ISBN is what BOLK needs
        }
    pages = [e["fields"]["pages"]["value"] for e in entries]
    assert pages == ["45\u201368", "112\u2013139", "77\u201398"]
    assert [e["percent"] for e in entries] == [5.8, 10.4, 16.9]
    assert [e["problems"] for e in entries] == [
        [],
        [],
        ["the excerpt is 16.9 % of the work, over 15 %"],  # in both releases: never news
    ]


def test_2024_06_drops_exactly_the_page_range_one_break_naming_three_citations(runs):
    old, new = runs.get("2024-05"), runs.get("2024-06")
    result = compare(new, baseline_from_record(old))
    assert [(c.area, c.kind, c.key, c.breaks) for c in result.integration_changes] == [
        ("copyright", "field-lost", "pages", True)
    ]
    change = result.integration_changes[0]
    assert change.sentence().startswith(
        "BOLK field 'pages' (page range) missing since 2024-05 on 3 digitised citation(s): "
        "'Klasse og kultur i det norske samfunnet' (SOS1001-H24 \u203a Obligatorisk), "
        "'Migrasjon, arbeid og integrering' (SOS1001-H24 \u203a Obligatorisk), "
        "'Byen som sosialt rom' (SOS1001-H24 \u203a Anbefalt)"
    )
    assert [c["key"] for c in change.detail["citations"]] == CHAPTERS
    assert result.verdict == "not-ok"
    assert compare(old, baseline_from_record(old)).integration_changes == ()


def test_the_worklist_lists_every_chapter_and_what_the_library_must_fix(runs):
    record = runs.get("2024-06")
    path = write_copyright_worklist(record, runs.layout("2024-06"))
    assert path is not None and path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = {r["citation_id"]: r for r in read_csv(path)}
    assert sorted(rows) == CHAPTERS
    assert {r["problems"] for r in rows.values()} == {"page range missing"}
    assert {r["needs_fixing"] for r in rows.values()} == {"yes"}
    assert rows["8812345671034711"]["isbn"] == "978-82-05-50198-0"
    assert rows["8812345671034711"]["work_pages"] == "412"


def test_leganto_qa_run_writes_the_worklist_beside_the_run(tmp_path):
    from click.testing import CliRunner

    from leganto_qa.cli.main import main

    config = write_config(tmp_path)
    args = ["run", "--suite", "api", "--release", "2024-06", "--config", str(config)]
    result = CliRunner().invoke(main, [*args, "--", "-k", "copyright"], env=ENV)
    assert "BOLK worklist (digitised excerpts): " in result.output, result.output[-3000:]
    (path,) = (tmp_path / "reports" / "runs" / "demo").glob("*/copyright-worklist.csv")
    assert sorted(r["citation_id"] for r in read_csv(path)) == CHAPTERS
