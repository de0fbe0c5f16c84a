"""Archived exports: a student exports the list in every format the Export list dialog offers,
and the print view, in every configured locale; each file must list every citation of the list.

The files are parsed (``integrations.export_parsing``) and checked against the titles the list
page shows, in section order. Each format and locale is recorded (``record_integration``,
area ``exports``); the comparison with the baseline reports a format that disappeared or lost
citations. This test fails only when exporting itself is unusable: no Export list dialog, no
format offered, no download, or a file that is not what its format says. A file that lists too
few citations passes here and is a break in the comparison, so a vendor release that empties
one format shows up once, as an integration break, not also as a failed workflow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leganto_qa.integrations.export_check import ExportCheck, check_export
from leganto_qa.integrations.export_parsing import (
    FORMATS,
    MAX_EXPORT_BYTES,
    ExportUnreadable,
    format_of,
    parse_export,
)
from suites.pages.app import Leganto


def _read(path: Path | None) -> bytes:
    if path is None:
        raise ExportUnreadable("the download has no file (it failed or was cancelled)")
    with path.open("rb") as file:
        return file.read(MAX_EXPORT_BYTES + 1)  # parse_export refuses more


def test_student_exports_list_in_every_format(
    locale, role_page, live_sandbox, targets, record_integration
):
    sandbox = live_sandbox.config
    if "student" not in sandbox.role_names:
        pytest.skip(f"sandbox {sandbox.id!r} has no role 'student'")
    app = Leganto(role_page("student", locale), live_sandbox.base_url, locale)
    reading_list = app.reading_list
    reading_list.open(targets.list)
    reading_list.load_all_citations()
    expected = reading_list.citation_titles()
    assert expected, f"list {targets.list} shows no citations to a student"
    offered = reading_list.export_formats()
    assert offered, "the Export list dialog offers no format"

    checks: list[tuple[ExportCheck, str, str]] = []
    problems: list[str] = []
    files = [
        (value, label, lambda v=value, lb=label: reading_list.export(v, lb))
        for value, label in offered
    ]
    print_path = f"/leganto/rl/files/{locale}/print/list/{targets.list}/studentView"
    files.append(("print", "Print view", lambda: reading_list.download(print_path)))
    for value, label, fetch in files:
        download = fetch()
        fmt = value if value in FORMATS else format_of(download.suggested_filename)
        if fmt is None:
            problems.append(f"{label}: no reader for {download.suggested_filename!r}")
            continue
        try:
            data = _read(download.path())
            content = parse_export(fmt, data)
        except ExportUnreadable as exc:
            problems.append(f"{label}: {exc}")
            continue
        result = check_export(content, expected, locale=locale, size=len(data))
        checks.append((result, label, download.suggested_filename))
        app.steps.add(f"Read the {label} file: {result.describe()}")

    record_integration(
        "exports",
        [
            {**check.entry(), "label": label, "file": name, "release": sandbox.release}
            for check, label, name in checks
        ],
    )
    assert not problems, "; ".join(problems)
