"""The conformance summary for the accessibility statement: the 48 Norwegian criteria.

Each required criterion gets a status: "deviation found", "not fully tested" (a check that
decides it did not complete on some page state and nothing else covers it there: a coverage gap,
never "no deviation"), "no deviation found by automated tests" (some automated rule of this run
checks it) or "needs manual testing" (none does, or the criterion can only be judged by hand, as
4.1.1). Exports: HTML, CSV and JSON.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from leganto_qa.model.storage import write_json_atomic, write_text_atomic
from leganto_qa.reports.coverage import coverage
from leganto_qa.reports.deviations import RunDocuments, template_context
from leganto_qa.reports.findings_report import environment, labels
from leganto_qa.reports.wcag import NORWEGIAN_COUNT, Criterion, wcag_labels

Status = Literal["deviation", "not-fully-tested", "no-deviation", "manual"]
SCHEMA = "leganto-qa/conformance"


@dataclass(frozen=True)
class Row:
    """One required criterion and what this run's automated tests found for it."""

    criterion: Criterion
    status: Status
    deviations: int
    rules: tuple[str, ...]
    """Rules whose deviations break the criterion in this run."""
    not_completed: int = 0
    """Page states where a check deciding it did not complete and nothing else covers it."""

    def status_text(self, t: dict[str, str]) -> str:
        """The status in the labels ``t`` (en or nb), with its page-state count."""
        text = t[f"status_{self.status.replace('-', '_')}"]
        return text % self.not_completed if self.status == "not-fully-tested" else text


@dataclass(frozen=True)
class Conformance:
    rows: tuple[Row, ...]

    @property
    def violated(self) -> int:
        return sum(1 for r in self.rows if r.status == "deviation")

    @property
    def total(self) -> int:
        return len(self.rows)


def ran_prefixes(docs: RunDocuments) -> set[str]:
    """Finding sources that ran: axe when page states were scanned, plus any that reported."""
    prefixes = {s.split(":", 1)[0] for f in docs.record.findings for s in f.sources if ":" in s}
    if any(s.axe_raw for s in docs.record.page_states):
        prefixes.add("axe")
    return prefixes


def covered(docs: RunDocuments) -> set[str]:
    """Criteria an automated rule of this run checked.

    axe runs every rule on every page state; another source's rule counts only when it reported
    a finding (a check that ran silently is not known to have run).
    """
    cat = docs.catalogue
    result = cat.automated(["axe"]) if "axe" in ran_prefixes(docs) else set()
    for finding in docs.record.findings:
        result |= set(cat.criteria_of(finding))
    return result


def summarise(docs: RunDocuments) -> Conformance:
    """Status of each criterion the Norwegian regulation requires, in WCAG order."""
    checked = covered(docs)
    gaps = coverage(docs.record, docs.catalogue)
    counted = [d for d in docs.deviations if d.status != "unconfirmed"]
    rows = []
    for criterion in docs.catalogue.norwegian():
        matching = [d for d in counted if criterion.id in d.criteria]
        untested = len(gaps.untested_states(criterion.id))
        status: Status
        if criterion.manual_only:
            status = "manual"
        elif matching:
            status = "deviation"
        elif untested:
            status = "not-fully-tested"
        elif criterion.id in checked:
            status = "no-deviation"
        else:
            status = "manual"
        rows.append(
            Row(
                criterion=criterion,
                status=status,
                deviations=len(matching),
                rules=tuple(sorted({d.finding.rule for d in matching})),
                not_completed=untested,
            )
        )
    return Conformance(tuple(rows))


def headline(conformance: Conformance, lang: str = "en") -> str:
    """'3 of 48 criteria violated' / 'Brudd på 3 av 48 krav'."""
    return wcag_labels(lang)["violated_of"] % (conformance.violated, conformance.total)


def to_json(docs: RunDocuments, conformance: Conformance, lang: str = "en") -> dict[str, Any]:
    cat = docs.catalogue
    return {
        "schema": SCHEMA,
        "schema_version": 1,
        "sandbox": docs.record.sandbox.get("id"),
        "institution": docs.record.sandbox.get("institution"),
        "release": docs.release,
        "run_id": docs.record.run_id,
        "finished_at": docs.record.finished_at,
        "required": conformance.total,
        "violated": conformance.violated,
        "headline": {"en": headline(conformance, "en"), "nb": headline(conformance, "nb")},
        "criteria": [
            {
                "id": row.criterion.id,
                "name": {"en": row.criterion.en, "nb": row.criterion.nb},
                "level": row.criterion.level,
                "status": row.status,
                "deviations": row.deviations,
                "not_completed_page_states": row.not_completed,
                "rules": list(row.rules),
                "en301549": row.criterion.en301549,
                "uutilsynet": list(row.criterion.uutilsynet),
                "user_groups": [
                    {"id": g, "en": cat.group_name(g, "en"), "nb": cat.group_name(g, "nb")}
                    for g in (row.criterion.groups if row.status == "deviation" else ())
                ],
            }
            for row in conformance.rows
        ],
    }


def to_csv(docs: RunDocuments, conformance: Conformance, lang: str = "en") -> str:
    t = {**labels(lang), **wcag_labels(lang)}
    cat = docs.catalogue
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keys = ("criterion", "name", "level", "status", "count", "rules", "groups")
    writer.writerow([t[k] for k in (*keys, "en301549", "uutilsynet")])
    for row in conformance.rows:
        groups = row.criterion.groups if row.status == "deviation" else ()
        writer.writerow(
            [
                row.criterion.id,
                row.criterion.name(lang),
                row.criterion.level,
                row.status_text(t),
                row.deviations,
                " ".join(row.rules),
                "; ".join(cat.group_name(g, lang) for g in groups),
                row.criterion.en301549,
                " ".join(row.criterion.uutilsynet),
            ]
        )
    return out.getvalue()


def render_html(docs: RunDocuments, conformance: Conformance, lang: str = "en") -> str:
    context = template_context(docs, lang)
    context.update(conformance=conformance, headline=headline(conformance, lang))
    return environment().get_template("conformance.html.j2").render(**context)


def write_conformance(docs: RunDocuments, lang: str = "en") -> dict[str, Path]:
    """conformance.html, .csv and .json beside the run record (``.nb`` before the suffix in nb)."""
    conformance = summarise(docs)
    if conformance.total != NORWEGIAN_COUNT:  # the catalogue is data: guard against a bad edit
        raise ValueError(f"catalogue lists {conformance.total} required criteria, not 48")
    stem = "conformance" if lang == "en" else f"conformance.{lang}"
    paths = {
        "html": docs.layout.root / f"{stem}.html",
        "csv": docs.layout.root / f"{stem}.csv",
        "json": docs.layout.root / f"{stem}.json",
    }
    write_text_atomic(paths["html"], render_html(docs, conformance, lang))
    write_text_atomic(paths["csv"], to_csv(docs, conformance, lang))
    write_json_atomic(paths["json"], to_json(docs, conformance, lang))
    return paths
