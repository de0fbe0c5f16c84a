"""The translator worklist of a run: one row per string and problem, as CSV and HTML.

Rows group the findings of the i18n checks by locale, status and shown text (a raw key shown
for "17 items" and "18 items" is one row, with the first English text); the page states and
elements where the string appears are listed in the row. ``lang-of-parts`` findings are folded
into their ``untranslated`` row (its ``wcag`` column says 3.1.2). A row is new when one of its
findings is not accepted by the baseline.
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from leganto_qa.compare.baseline import Baseline
from leganto_qa.i18n.release_view import (
    STATUS_ORDER,
    finding_index,
    inventories,
)
from leganto_qa.i18n.translation_checks import ENGLISH, raw_key
from leganto_qa.model.element_crops import Box, crop_with_outline
from leganto_qa.model.findings import Finding
from leganto_qa.model.records import RunRecord
from leganto_qa.model.viewport import VIEWPORT

CSV_COLUMNS = (
    "english",
    "locale",
    "status",
    "shown",
    "page_states",
    "elements",
    "first_seen",
    "new",
    "suggested_key",
    "wcag",
)
LOCALE_ORDER = ("nb", "nn", "se", "en")
ROW_STATUSES = (*STATUS_ORDER, "page-lang")


@dataclass
class WorkRow:
    """One string with one problem in one locale, wherever it appears."""

    english: str
    locale: str
    status: str
    shown: str
    page_states: list[str] = field(default_factory=list)
    elements: list[str] = field(default_factory=list)
    first_seen: str = ""
    new: bool = False
    suggested_key: str = ""
    wcag: list[str] = field(default_factory=list)
    crop: str | None = None
    """A data: URI of the string outlined in its page state's screenshot, when there is one."""

    def csv_row(self) -> list[str]:
        return [
            self.english,
            self.locale,
            self.status,
            self.shown,
            "; ".join(self.page_states),
            "; ".join(self.elements),
            self.first_seen,
            "yes" if self.new else "no",
            self.suggested_key,
            ", ".join(self.wcag),
        ]


def worklist(
    record: RunRecord, baseline: Baseline | None, run_dir: Path | None = None
) -> list[WorkRow]:
    """The rows, by locale (nb, nn, se, en), new strings first, then by status and text."""
    invs = {i.key: i for i in inventories(record)}
    release = str(record.sandbox.get("release", ""))
    index = finding_index(record.findings)
    wcag: dict[tuple[str, str, str, str], set[str]] = {}
    page_lang: list[Finding] = []
    for f in record.findings:
        if f.rule == "lang-of-parts" and f.source.startswith("i18n:"):
            place = (f.page_state, f.role, f.locale, f.identity.split(":", 1)[1])
            wcag.setdefault(place, set()).update(f.criteria)
        elif f.rule == "page-lang" and f.source.startswith("i18n:"):
            page_lang.append(f)
    rows: dict[tuple[str, str, str], WorkRow] = {}

    def add(row_key: tuple[str, str, str], english: str, finding: Finding, state: str) -> WorkRow:
        locale, rule, shown = row_key
        row = rows.setdefault(row_key, WorkRow(english, locale, rule, shown))
        if state not in row.page_states:
            row.page_states.append(state)
        is_new = baseline is None or not baseline.accepts(finding)
        row.new = row.new or is_new
        known = baseline.i18n_strings.get(row.english) if baseline else None
        row.first_seen = known or (release if row.new else baseline_release(baseline))
        return row

    for inv_key in sorted(invs):
        inv = invs[inv_key]
        source = invs.get(inv.key._replace(locale=ENGLISH))
        english = source.by_key() if source else {}
        state = f"{inv.page_state} [{inv.role}]"
        for entry in inv.entries:
            found = index.get((inv.page_state, inv.role, inv.locale, entry.text), {})
            for rule, finding in sorted(found.items()):
                source_text = english[entry.key].text if entry.key in english else entry.text
                row = add((inv.locale, rule, entry.text), source_text, finding, state)
                element = f"{entry.role} {entry.element}"
                if element not in row.elements:
                    row.elements.append(element)
                if rule == "raw-key":
                    row.suggested_key = raw_key(entry.text) or ""
                where = (inv.page_state, inv.role, inv.locale, entry.key)
                row.wcag = sorted(set(row.wcag) | wcag.get(where, set()))
                if row.crop is None and run_dir is not None and inv.screenshot and entry.box:
                    row.crop = _crop(run_dir / inv.screenshot, entry.box)
    for f in sorted(page_lang, key=lambda f: (f.page_state, f.role)):
        shown = f.elements[0].html if f.elements else ""
        row = add((f.locale, f.rule, shown), "", f, f"{f.page_state} [{f.role}]")
        row.elements, row.wcag = ["html"], list(f.criteria)
    return sorted(rows.values(), key=_row_order)


def baseline_release(baseline: Baseline | None) -> str:
    return baseline.release if baseline else ""


def _row_order(row: WorkRow) -> tuple[int, bool, int, str, str]:
    locale = LOCALE_ORDER.index(row.locale) if row.locale in LOCALE_ORDER else len(LOCALE_ORDER)
    return (locale, not row.new, ROW_STATUSES.index(row.status), row.english, row.shown)


def _crop(png_path: Path, box: tuple[float, float, float, float]) -> str | None:
    if not png_path.is_file():
        return None
    png = crop_with_outline(png_path.read_bytes(), Box(*box), float(VIEWPORT["width"]))
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii") if png else None


def to_csv(rows: Iterable[WorkRow]) -> str:
    """The worklist as CSV text (one header row, then one row per string)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(row.csv_row())
    return out.getvalue()


def read_csv(path: Path) -> list[dict[str, str]]:
    """A worklist CSV read back (UTF-8, with or without byte order mark)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
