"""The HTML translation report: release view and worklist (jinja2, autoescaped, en or nb)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from leganto_qa.i18n.release_view import ReleaseView
from leganto_qa.model.records import RunRecord
from leganto_qa.reports.findings_report import environment

if TYPE_CHECKING:
    from leganto_qa.reports.translations_worklist import WorkRow

LABELS = Path(__file__).resolve().parent / "templates" / "i18n_labels.toml"


@cache
def labels(lang: str) -> dict[str, str]:
    """Report strings in ``lang`` (en or nb)."""
    table: dict[str, dict[str, str]] = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    return table[lang]


def render_translations(
    record: RunRecord, rows: list[WorkRow], view: ReleaseView, lang: str = "en"
) -> str:
    """HTML of the release view and the worklist, grouped by locale."""
    by_locale: dict[str, list[WorkRow]] = {}
    for row in rows:
        by_locale.setdefault(row.locale, []).append(row)
    return (
        environment()
        .get_template("translations.html.j2")
        .render(record=record, view=view, by_locale=by_locale, rows=rows, t=labels(lang), lang=lang)
    )
