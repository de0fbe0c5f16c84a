"""Write a run's accessibility documents: deviation report, conformance summary, case drafts."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from leganto_qa.reports.case_drafts import write_case_drafts
from leganto_qa.reports.conformance import headline, summarise, write_conformance
from leganto_qa.reports.deviations import RunDocuments, write_deviation_report

KINDS = ("deviations", "conformance", "cases")


def write_documents(
    docs: RunDocuments, kinds: Iterable[str] = KINDS, lang: str = "en"
) -> list[str]:
    """Write the documents of ``kinds`` beside the run record; one line per file for the user."""
    lines = []
    wanted = set(kinds)
    if "deviations" in wanted:
        path = write_deviation_report(docs, lang)
        lines.append(f"Deviation report ({len(docs.deviations)} deviation(s)): {path}")
    if "conformance" in wanted:
        paths = write_conformance(docs, lang)
        lines.append(f"Conformance summary ({headline(summarise(docs), lang)}): {paths['html']}")
        lines.append(f"  also {paths['csv'].name} and {paths['json'].name}")
    if "cases" in wanted:
        cases: list[Path] = write_case_drafts(docs)
        lines.append(f"Case drafts: {len(cases)}" + (f" in {cases[0].parent}" if cases else ""))
        lines += [f"  {p.stem}" for p in cases]
    return lines
