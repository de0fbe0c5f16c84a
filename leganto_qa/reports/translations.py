"""``leganto-qa report --kind translations``: the worklist files and a few lines of summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leganto_qa.compare.baseline import Baseline, baseline_path, load_baseline
from leganto_qa.i18n.release_view import ReleaseView, release_view
from leganto_qa.model.records import RunLayout, RunRecord
from leganto_qa.model.storage import write_bytes_atomic, write_text_atomic
from leganto_qa.reports.translations_report import render_translations
from leganto_qa.reports.translations_worklist import WorkRow, to_csv, worklist

SHOWN_NEW = 12
"""New English strings printed in the terminal when there is a baseline (all are in the HTML)."""


@dataclass(frozen=True)
class WorklistFiles:
    csv: Path
    html: Path
    rows: list[WorkRow]
    view: ReleaseView


def write_worklist(
    record: RunRecord, layout: RunLayout, baseline: Baseline | None, lang: str = "en"
) -> WorklistFiles:
    """``translations.csv`` (UTF-8 with BOM, so spreadsheets show Sami letters) and
    ``translations.html`` beside the run record."""
    rows = worklist(record, baseline, layout.root)
    view = release_view(
        record,
        baseline.i18n_strings if baseline else None,
        baseline.i18n_coverage if baseline else None,
        baseline.release if baseline else None,
    )
    csv_path = layout.root / "translations.csv"
    html_path = layout.root / "translations.html"
    write_bytes_atomic(csv_path, to_csv(rows).encode("utf-8-sig"))
    write_text_atomic(html_path, render_translations(record, rows, view, lang))
    return WorklistFiles(csv_path, html_path, rows, view)


def report_translations(
    record: RunRecord, layout: RunLayout, reports_dir: Path, lang: str = "en"
) -> list[str]:
    """Write translations.csv and translations.html; lines for the terminal."""
    if not record.text_inventory:
        return [
            f"Run {record.run_id} has no text inventory; run the i18n suite "
            f"('leganto-qa run --sandbox {record.sandbox['id']} --suite i18n')"
        ]
    baseline = load_baseline(baseline_path(reports_dir, str(record.sandbox["id"])))
    if baseline is not None and baseline.run_id == record.run_id:
        baseline = None  # a run compared with itself shows nothing new
    files = write_worklist(record, layout, baseline, lang)
    view = files.view
    against = f"baseline {view.baseline_release}" if view.baseline_release else "no baseline"
    lines = [
        f"Translations of {record.sandbox['id']} release {view.release} ({against}): "
        f"{len(files.rows)} worklist row(s), {sum(r.new for r in files.rows)} new; "
        f"{len(view.new_strings)} new English string(s)"
    ]
    for locale in view.locales:
        now = view.by_locale.get(locale)
        old = view.by_locale_before.get(locale)
        change = f" ({now - old:+.1f})" if now is not None and old is not None else ""
        shown = f"{now:.1f} %" if now is not None else "n/a"
        lines.append(f"  coverage {locale}: {shown}{change}")
    shown_new = view.new_strings[:SHOWN_NEW] if view.baseline_release else ()
    if view.baseline_release:
        counts = untranslated_new(view)
        lines.append(
            "  new untranslated string(s): "
            + ", ".join(f"{locale} {counts[locale]}" for locale in view.locales if locale != "en")
        )
    for new in shown_new:
        status = ", ".join(f"{loc} {st}" for loc, st in new.status.items())
        lines.append(f"  NEW {new.english!r}: {status}")
    if shown_new and len(view.new_strings) > SHOWN_NEW:
        lines.append(f"  … and {len(view.new_strings) - SHOWN_NEW} more new string(s)")
    lines += [f"Worklist (CSV):  {files.csv}", f"Worklist (HTML): {files.html}"]
    return lines


def untranslated_new(view: ReleaseView) -> dict[str, int]:
    """New English strings (since the baseline) not translated, per locale."""
    return {
        locale: sum(
            1 for new in view.new_strings if new.status.get(locale, "translated") != "translated"
        )
        for locale in view.locales
    }
