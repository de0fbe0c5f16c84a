"""The library's BOLK worklist: one row per digitised excerpt of the run, its BOLK fields and what
is wrong (``copyright-worklist.csv`` beside the run's reports).

Written for Excel as Norwegian libraries open it: UTF-8 with a byte order mark (so æ, ø, å and
Sami letters survive), fields separated by ``;`` (Norwegian Excel's list separator, since the
comma is its decimal sign), CRLF line ends, percentages with a decimal comma (``16,9``). A cell
that would start with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'`` so Excel never runs
a citation's text as a formula. Rows with problems come first, then by list, section and title.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from leganto_qa.model.records import RunLayout, RunRecord
from leganto_qa.model.storage import write_text_atomic

__all__ = ["CSV_COLUMNS", "FILE_NAME", "read_csv", "to_csv", "write_copyright_worklist"]

FILE_NAME = "copyright-worklist.csv"
DELIMITER = ";"
CSV_COLUMNS = (
    "citation_id",
    "list",
    "section",
    "title",
    "work",
    "rights_status",
    "isbn",
    "issn",
    "pages",
    "excerpt_pages",
    "work_pages",
    "percent",
    "limit_percent",
    "needs_fixing",
    "problems",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _number(value: Any) -> str:
    """A number the Norwegian way: ``16,9``; "" for none."""
    if value is None or value == "":
        return ""
    return f"{float(value):g}".replace(".", ",")


def _field(entry: Mapping[str, Any], name: str) -> str:
    field = entry.get("fields", {}).get(name)
    return str(field.get("value", "")) if isinstance(field, Mapping) else ""


def _row(entry: Mapping[str, Any]) -> list[str]:
    problems = [str(p) for p in entry.get("problems", [])]
    return [
        _cell(entry.get("key")),
        _cell(entry.get("list_code") or entry.get("list")),
        _cell(entry.get("section")),
        _cell(entry.get("title")),
        _cell(entry.get("work")),
        *(_cell(_field(entry, f)) for f in ("rights_status", "isbn", "issn", "pages")),
        _number(entry.get("excerpt_pages")),
        _cell(_field(entry, "work_pages")),
        _number(entry.get("percent")),
        _number(entry.get("limit_percent")),
        "yes" if problems else "no",
        _cell("; ".join(problems)),
    ]


def _order(entry: Mapping[str, Any]) -> tuple[bool, str, str, str, str]:
    return (
        not entry.get("problems"),
        str(entry.get("list_code") or entry.get("list") or ""),
        str(entry.get("section") or ""),
        str(entry.get("title") or ""),
        str(entry.get("key")),
    )


def to_csv(entries: Iterable[Mapping[str, Any]]) -> str:
    """The worklist as CSV text: a header row, then one row per excerpt (no BOM: see write)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in sorted(entries, key=_order):
        writer.writerow(_row(entry))
    return out.getvalue()


def write_copyright_worklist(record: RunRecord, layout: RunLayout) -> Path | None:
    """Write the run's worklist; None when the run recorded no copyright entries."""
    entries = record.integrations.get("copyright")
    if not entries:
        return None
    path = layout.root / FILE_NAME
    write_text_atomic(path, "\ufeff" + to_csv(entries))
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    """A worklist read back (UTF-8 with or without BOM, ``;``-separated)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=DELIMITER))
