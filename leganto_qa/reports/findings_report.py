"""The findings report of one run: jinja2 templates with autoescape, English or bokmål."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from leganto_qa.model.findings import Finding
from leganto_qa.model.records import RunLayout, RunRecord
from leganto_qa.model.state_key import StateKey
from leganto_qa.model.storage import write_text_atomic
from leganto_qa.reports.coverage import coverage

LANGUAGES = ("en", "nb")
IMPACT_ORDER = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("leganto_qa.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def labels(lang: str) -> dict[str, str]:
    """Report strings in ``lang`` (en or nb)."""
    text = (Path(__file__).parent / "templates" / "labels.toml").read_text(encoding="utf-8")
    table: dict[str, dict[str, str]] = tomllib.loads(text)
    return table[lang]


def render_findings_report(record: RunRecord, lang: str = "en") -> str:
    """HTML of the run's outcomes and findings, grouped by page state."""
    by_state: dict[StateKey, list[Finding]] = defaultdict(list)
    for finding in record.findings:
        by_state[finding.key].append(finding)
    gaps = coverage(record).by_state()
    gap_total = sum(len(g) for g in gaps.values())
    states = []
    for state in record.page_states:
        found = sorted(
            by_state.get(state.key, []),
            key=lambda f: (f.kind != "wcag", IMPACT_ORDER.get(f.impact, 9), f.rule),
        )
        states.append({"state": state, "findings": found, "gaps": gaps.get(state.key, [])})
    outcomes = sorted(
        record.outcomes,
        key=lambda o: (["failed", "inconclusive", "skipped", "passed"].index(o.outcome), o.test),
    )
    context: dict[str, Any] = {
        "record": record,
        "summary": record.summary(),
        "states": states,
        "gap_total": gap_total,
        "outcomes": outcomes,
        "t": labels(lang),
        "lang": lang,
    }
    return environment().get_template("findings.html.j2").render(**context)


def write_findings_report(record: RunRecord, layout: RunLayout, lang: str = "en") -> Path:
    write_text_atomic(layout.findings_report, render_findings_report(record, lang))
    return layout.findings_report
