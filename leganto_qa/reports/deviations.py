"""The accessibility deviation report: WCAG deviations by criterion, then by page state.

Reads a run record, its screenshots and (when the sandbox has one) the baseline comparison.
Each deviation carries its status against the baseline, the release it was first seen in, the
steps that reach its page state and outlined crops of its elements. Self-contained HTML.
"""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from leganto_qa.compare.baseline import baseline_path, load_baseline
from leganto_qa.compare.comparison import Comparison, compare
from leganto_qa.compare.known_issues import load_known_issues
from leganto_qa.model.element_crops import Box, crop_with_outline
from leganto_qa.model.errors import HarnessError
from leganto_qa.model.findings import Finding, problem_key
from leganto_qa.model.records import PageStateRecord, RunLayout, RunRecord, load_record
from leganto_qa.model.state_key import StateKey
from leganto_qa.model.storage import slug, write_text_atomic
from leganto_qa.model.viewport import VIEWPORT
from leganto_qa.reports.coverage import coverage
from leganto_qa.reports.findings_report import IMPACT_ORDER, environment, labels
from leganto_qa.reports.wcag import Catalogue, catalogue, wcag_labels

CROP_LIMIT = 4
"""Most elements per deviation shown with a crop; the rest are listed."""
ELEMENT_LIMIT = 12
"""Most elements per deviation listed; the raw axe results have them all."""
TEXT_LIMIT = 240
"""Page-provided text (titles, descriptions, selectors) is cut to this many characters."""


def shorten(text: str, limit: int = TEXT_LIMIT) -> str:
    """One line of page-provided text, cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Deviation:
    """One finding that breaks a WCAG A/AA criterion, with what a reader needs to act on it."""

    finding: Finding
    criteria: tuple[str, ...]
    status: str
    """new, persisting, known, unconfirmed, or none (no baseline to compare with)."""
    known_ref: str | None
    first_seen: str
    state: PageStateRecord | None

    @property
    def state_key(self) -> StateKey:
        return self.finding.key


@dataclass(frozen=True)
class RunDocuments:
    """Everything the accessibility documents of one run are built from."""

    record: RunRecord
    layout: RunLayout
    comparison: Comparison | None = None
    first_seen: Mapping[str, str] = field(default_factory=dict)
    """Release each problem (rule, role, element) was first seen in, from earlier runs."""
    catalogue: Catalogue = field(default_factory=catalogue)

    @property
    def baseline_release(self) -> str | None:
        return self.comparison.baseline_release if self.comparison else None

    @property
    def release(self) -> str:
        return str(self.record.sandbox.get("release", ""))

    def state(self, page_state: str, role: str, locale: str) -> PageStateRecord | None:
        return next(
            (s for s in self.record.page_states if s.key == (page_state, role, locale)),
            None,
        )

    @cached_property
    def crops(self) -> Crops:
        """Element crops, made once for every document and package of this run."""
        return Crops(self.layout)

    @cached_property
    def deviations(self) -> tuple[Deviation, ...]:
        """Every WCAG A/AA deviation of the run (translation and best practice left out)."""
        statuses = _statuses(self.comparison)
        result = []
        for finding in self.record.findings:
            criteria = self.catalogue.criteria_of(finding)
            if not criteria:
                continue
            status, ref = statuses.get((finding.fingerprint, finding.locale), ("none", None))
            if self.comparison is not None and status == "none":
                status = "persisting"
            result.append(
                Deviation(
                    finding=finding,
                    criteria=criteria,
                    status=status,
                    known_ref=ref,
                    first_seen=self.first_seen.get(finding.problem, self.release),
                    state=self.state(finding.page_state, finding.role, finding.locale),
                )
            )
        return tuple(result)


def _statuses(comparison: Comparison | None) -> dict[tuple[str, str], tuple[str, str | None]]:
    if comparison is None:
        return {}
    statuses: dict[tuple[str, str], tuple[str, str | None]] = {}
    for finding in comparison.persisting:
        statuses[(finding.fingerprint, finding.locale)] = ("persisting", None)
    for finding in comparison.new:
        statuses[(finding.fingerprint, finding.locale)] = ("new", None)
    for finding in comparison.unconfirmed:
        statuses[(finding.fingerprint, finding.locale)] = ("unconfirmed", None)
    for finding, issue in comparison.known:
        statuses[(finding.fingerprint, finding.locale)] = ("known", issue.vendor_ref)
    return statuses


def first_seen_releases(reports_dir: Path, record: RunRecord) -> dict[str, str]:
    """The release each problem was first seen in, over this sandbox's earlier complete runs."""
    runs = reports_dir / "runs" / slug(str(record.sandbox.get("id", "")))
    seen: dict[str, str] = {}
    for path in sorted(runs.glob("*/record.json")):
        if path.parent.name >= slug(record.run_id):
            break
        try:
            earlier = load_record(path)
        except HarnessError:
            continue  # an unreadable old run says nothing about first appearances
        if earlier.status != "complete":
            continue
        release = str(earlier.sandbox.get("release", ""))
        for finding in earlier.findings:
            seen.setdefault(problem_key(finding.rule, finding.role, finding.identity), release)
    return seen


def run_documents(
    run_dir: Path, reports_dir: Path, known_issues_path: Path | None = None
) -> RunDocuments:
    """Load a run and compare it with its sandbox's baseline, when there is one."""
    record = load_record(run_dir)
    layout = RunLayout(run_dir if run_dir.is_dir() else run_dir.parent)
    baseline = load_baseline(baseline_path(reports_dir, str(record.sandbox.get("id", ""))))
    comparison = None
    if baseline is not None:
        known = load_known_issues(known_issues_path) if known_issues_path else None
        comparison = compare(record, baseline, known, layout.root)
    return RunDocuments(record, layout, comparison, first_seen_releases(reports_dir, record))


# --- screenshots --------------------------------------------------------------------------


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


class Crops:
    """Outlined element crops from page state screenshots, read once per screenshot."""

    def __init__(self, layout: RunLayout) -> None:
        self.layout = layout
        self._shots: dict[str, bytes | None] = {}
        self._crops: dict[tuple[str, tuple[float, ...]], bytes | None] = {}

    def screenshot(self, state: PageStateRecord | None) -> bytes | None:
        if state is None or not state.screenshot:
            return None
        if state.screenshot not in self._shots:
            path = self.layout.root / state.screenshot
            self._shots[state.screenshot] = path.read_bytes() if path.is_file() else None
        return self._shots[state.screenshot]

    def crop(self, deviation: Deviation, index: int) -> bytes | None:
        """The PNG of element ``index`` outlined; None when unmeasured or off-screen."""
        element = deviation.finding.elements[index]
        png = self.screenshot(deviation.state)
        if png is None or element.box is None or element.frame_path or deviation.state is None:
            return None
        key = (str(deviation.state.screenshot), tuple(element.box))
        if key not in self._crops:
            self._crops[key] = crop_with_outline(png, Box.from_list(element.box), VIEWPORT["width"])
        return self._crops[key]


# --- the report -------------------------------------------------------------------------


def _element_rows(deviation: Deviation, crops: Crops | None) -> list[dict[str, Any]]:
    rows = []
    for index, element in enumerate(deviation.finding.elements[:ELEMENT_LIMIT]):
        png = crops.crop(deviation, index) if crops and index < CROP_LIMIT else None
        rows.append(
            {
                "frames": [shorten(f, 120) for f in element.frame_path],
                "selector": shorten(element.selector),
                "html": shorten(element.html, 300),
                "summary": shorten(element.summary, 400),
                "crop": data_uri(png) if png else None,
                "cropped": index < CROP_LIMIT,
            }
        )
    return rows


def _summary(docs: RunDocuments) -> dict[str, Any]:
    by_criterion: Counter[str] = Counter()
    by_state: Counter[StateKey] = Counter()
    by_impact: Counter[str] = Counter()
    for deviation in docs.deviations:
        by_state[deviation.state_key] += 1
        by_impact[deviation.finding.impact] += 1
        for criterion in deviation.criteria:
            by_criterion[criterion] += 1
    return {
        "criteria": [
            (c, by_criterion[c.id]) for c in docs.catalogue.criteria if by_criterion[c.id]
        ],
        "states": sorted(by_state.items()),
        "impacts": sorted(by_impact.items(), key=lambda kv: IMPACT_ORDER.get(kv[0], 9)),
        "total": len(docs.deviations),
    }


def sections(docs: RunDocuments, crops: Crops | None) -> list[dict[str, Any]]:
    """Criteria in WCAG order, each with its page states and their deviations."""
    result = []
    for criterion in docs.catalogue.criteria:
        matching = [d for d in docs.deviations if criterion.id in d.criteria]
        if not matching:
            continue
        states: dict[StateKey, list[Deviation]] = {}
        for deviation in sorted(
            matching,
            key=lambda d: (d.state_key, IMPACT_ORDER.get(d.finding.impact, 9), d.finding.rule),
        ):
            states.setdefault(deviation.state_key, []).append(deviation)
        result.append(
            {
                "criterion": criterion,
                "states": [
                    {
                        "key": key,
                        "state": items[0].state,
                        "deviations": [
                            {
                                "d": d,
                                "f": d.finding,
                                "description": shorten(d.finding.description),
                                "others": [c for c in d.criteria if c != criterion.id],
                                "elements": _element_rows(d, crops),
                                "hidden": max(0, len(d.finding.elements) - ELEMENT_LIMIT),
                            }
                            for d in items
                        ],
                    }
                    for key, items in states.items()
                ],
            }
        )
    return result


def template_context(docs: RunDocuments, lang: str) -> dict[str, Any]:
    """What every accessibility document template gets."""
    return {
        "record": docs.record,
        "docs": docs,
        "cat": docs.catalogue,
        "t": {**labels(lang), **wcag_labels(lang)},
        "lang": lang,
        "shorten": shorten,
    }


def render_deviation_report(
    docs: RunDocuments, lang: str = "en", crops: Crops | None = None
) -> str:
    """The report's HTML; ``crops`` may be shared with the evidence package (made once)."""
    context = template_context(docs, lang)
    context["summary"] = _summary(docs)
    context["coverage_note"] = coverage_note(docs, context["t"])
    context["sections"] = sections(docs, crops or docs.crops)
    return environment().get_template("deviations.html.j2").render(**context)


def coverage_note(docs: RunDocuments, t: Mapping[str, str]) -> str:
    """One sentence on what this run did not fully check ("" when it checked everything)."""
    counts = coverage(docs.record, docs.catalogue).counts()
    numbers = tuple(counts[kind]["gaps"] for kind in ("check", "unhealthy", "frame"))
    return t["coverage_note"] % numbers if any(numbers) else ""


def deviation_report_path(layout: RunLayout, lang: str = "en") -> Path:
    return layout.root / ("deviations.html" if lang == "en" else f"deviations.{lang}.html")


def write_deviation_report(docs: RunDocuments, lang: str = "en") -> Path:
    path = deviation_report_path(docs.layout, lang)
    write_text_atomic(path, render_deviation_report(docs, lang))
    return path
