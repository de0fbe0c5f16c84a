"""Archived exports: a student exports the list in every format the Export list dialog offers,
and the print view, in every configured locale; each file must list every citation of the list.

The files are parsed (``integrations.export_parsing``) and checked against the titles the list
page shows, in section order. Each format and locale is recorded (``record_integration``,
area ``exports``); the comparison with the baseline reports a format that disappeared or lost
citations. This test fails only when exporting itself is unusable: no Export list dialog, no
format offered, no download, or a file that is not what its format says (recorded too, with its
error and no citations found). A file that lists too
few citations passes here and is a break in the comparison, so a vendor release that empties
one format shows up once, as an integration break, not also as a failed workflow.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Download

from leganto_qa.integrations.export_check import check_export
from leganto_qa.integrations.export_parsing import (
    FORMATS,
    MAX_EXPORT_BYTES,
    ExportContent,
    ExportUnreadable,
    format_of,
    parse_export,
)
from suites.pages.app import Leganto


def _read(download: Download) -> bytes:
    failure = download.failure()
    if failure is not None:
        raise ExportUnreadable(
            f"the download failed ({failure}): the server may have answered with an error; "
            "try the export by hand"
        )
    path: Path = download.path()
    with path.open("rb") as file:
        return file.read(MAX_EXPORT_BYTES + 1)  # parse_export refuses more


def _check(
    download: Download, value: str, label: str, expected: list[str], locale: str
) -> tuple[dict[str, Any], str | None]:
    """The file's ``exports`` entry, and what makes it unusable (None: it could be read).

    An unreadable file is recorded with ``error`` and no citations found. A format the harness
    has no reader for is recorded the same way but is no failure: the vendor added a format.
    """
    name = download.suggested_filename
    fmt = value if value in FORMATS else format_of(name)
    size, error, content = 0, None, None
    try:
        data = _read(download)
        size = len(data)
        if fmt is not None:
            content = parse_export(fmt, data)
    except ExportUnreadable as exc:
        error = str(exc)
    if content is None:  # unreadable, or no reader: an entry with nothing found
        content = ExportContent(fmt or value, None, "")
    result = check_export(content, expected, locale=locale, size=size)
    entry = {**result.entry(), "label": label, "file": name}
    if fmt is None:
        entry["error"] = f"no reader for {name!r}: a format new to the harness"
    elif error is not None:
        entry["error"] = error
    return entry, (f"{label}: {error}" if error else None)


@pytest.mark.role("student")  # role_page("student"): with --shard, on the student's shard
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

    entries: list[dict[str, Any]] = []
    problems: list[str] = []
    for value, label in offered:
        entry, problem = _check(reading_list.export(value, label), value, label, expected, locale)
        entries.append(entry)
        problems += [problem] if problem else []
    print_path = f"/leganto/rl/files/{locale}/print/list/{targets.list}/studentView"
    entry, problem = _check(
        reading_list.download(print_path), "print", "Print view", expected, locale
    )
    entries.append(entry)
    problems += [problem] if problem else []
    for entry in entries:
        app.steps.add(f"Read the {entry['label']} file: {entry['found']} of {len(expected)} found")
    record_integration("exports", [{**e, "release": sandbox.release} for e in entries])
    assert not problems, "; ".join(problems)
