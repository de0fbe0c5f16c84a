"""The regression report: "is this release OK for us?", then the evidence, in HTML and JSON.

Written beside the run record (``regression.html``, ``regression.json``) when the sandbox has a
baseline. Reads records, baselines and the known-issue registry only.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leganto_qa.compare.baseline import Baseline, baseline_path, load_baseline
from leganto_qa.compare.comparison import Comparison, compare
from leganto_qa.compare.known_issues import KnownIssues, load_known_issues
from leganto_qa.model.records import Outcome, RunLayout, RunRecord
from leganto_qa.model.state_key import state_key
from leganto_qa.model.storage import write_json_atomic, write_text_atomic
from leganto_qa.reports.coverage import coverage
from leganto_qa.reports.findings_report import environment, labels

SCREENSHOT_LIMIT = 12
"""Most before/after pairs embedded; the rest are listed (the report stays small enough to mail)."""


@dataclass(frozen=True)
class RegressionReport:
    comparison: Comparison
    html: Path
    json: Path


def verdict(comparison: Comparison) -> str:
    """``not-ok`` (regressions, new failing tests, new WCAG findings), ``inconclusive`` or ``ok``.

    The same verdict decides the exit code (``Comparison.verdict``).
    """
    return comparison.verdict


def to_json(record: RunRecord, baseline: Baseline, comparison: Comparison) -> dict[str, Any]:
    """The machine-readable twin of the report."""
    # Longer than 60 lines on purpose: one literal is the whole schema of regression.json, read
    # top to bottom; split across helpers it would no longer show the document's shape.
    return {
        "schema": "leganto-qa/regression",
        "schema_version": 1,
        "sandbox": record.sandbox.get("id"),
        "run_id": record.run_id,
        "release": comparison.run_release,
        "baseline_release": comparison.baseline_release,
        "baseline_run_id": baseline.run_id,
        "verdict": verdict(comparison),
        "headline": comparison.headline(),
        "regressions": [_failure(o, comparison) for o in comparison.regressions],
        "failing_not_in_baseline": [_failure(o, comparison) for o in comparison.new_failures],
        "fixed": [o.test for o in comparison.fixed],
        "inconclusive": [o.to_dict() for o in comparison.inconclusive],
        "not_checked": {
            "page_states": list(comparison.not_checked_states),
            "unhealthy_page_states": [
                {"page_state": key, "cause": cause} for key, cause in comparison.unhealthy_states
            ],
            "findings": list(comparison.not_checked),
        },
        "coverage_gaps": coverage(record).to_json(),
        "new_findings": [f.to_dict() for f in comparison.new],
        "unconfirmed_findings": [f.to_dict() for f in comparison.unconfirmed],
        "changed_scope": [
            {
                "fingerprint": f.fingerprint,
                "locale": f.locale,
                "rule": f.rule,
                "elements_before": before,
                "elements_now": len(f.elements),
            }
            for f, before in comparison.changed_scope
        ],
        "resolved_findings": list(comparison.resolved),
        "known": [
            {"fingerprint": f.fingerprint, "issue": i.id, "vendor_ref": i.vendor_ref}
            for f, i in comparison.known
        ],
        "known_not_seen": [
            {"issue": i.id, "vendor_ref": i.vendor_ref} for i in comparison.not_seen
        ],
        "new_tests": list(comparison.new_tests),
        "removed_tests": list(comparison.removed_tests),
        "version_changes": [vars(v) for v in comparison.version_changes],
        "api_changes": [
            {"shape": name, **change.to_dict()} for name, change in comparison.api_changes
        ],
        "integration_changes": [c.to_dict() for c in comparison.integration_changes],
        "ui_changes": [
            {
                "locale": g.locale,
                "kind": g.change.kind,
                "role": g.change.role,
                "name": g.change.name,
                "old_name": g.change.old_name,
                "where": g.change.where,
                "sentence": g.sentence(),
                "page_states": list(g.page_states),
            }
            for g in comparison.ui_changes
        ],
    }


def _failure(outcome: Outcome, comparison: Comparison) -> dict[str, Any]:
    """A failing test with its kind: ``ui-changed`` (locator drift) or ``feature-broken``."""
    kind = "ui-changed" if outcome in comparison.ui_drift else "feature-broken"
    return {**outcome.to_dict(), "kind": kind}


def _image(path: Path) -> str | None:
    if not path.is_file():
        return None
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _screenshot_pairs(
    record: RunRecord, layout: RunLayout, baseline_dir: Path, comparison: Comparison
) -> list[dict[str, Any]]:
    """Before/after pictures of the page states whose findings changed."""
    changed = {state_key(f.page_state, f.role, f.locale) for f in comparison.new}
    changed |= {
        state_key(str(f["page_state"]), str(f["role"]), str(f["locale"]))
        for f in comparison.resolved
    }
    baseline_layout = RunLayout(baseline_dir)
    pairs = []
    for state in record.page_states:
        key = state_key(state.id, state.role, state.locale)
        if key not in changed or state.screenshot is None:
            continue
        before = baseline_layout.state_dir(state.id, state.locale, state.role) / "screenshot.png"
        pairs.append(
            {
                "state": key,
                "before": _image(before),
                "after": _image(layout.root / state.screenshot),
            }
        )
    return pairs[:SCREENSHOT_LIMIT]


def render(
    record: RunRecord,
    baseline: Baseline,
    comparison: Comparison,
    layout: RunLayout,
    reports_dir: Path,
    lang: str = "en",
) -> str:
    baseline_dir = RunLayout.for_run(reports_dir, baseline.sandbox, baseline.run_id).root
    failures = {
        o.test: [_image(layout.root / a) for a in o.artifacts if a.endswith(".png")]
        for o in (*comparison.regressions, *comparison.new_failures)
    }
    return (
        environment()
        .get_template("regression.html.j2")
        .render(
            record=record,
            baseline=baseline,
            c=comparison,
            verdict=verdict(comparison),
            new_wcag=[f for f in comparison.new if f.kind == "wcag"],
            ui_count=len(comparison.ui_changes_in_first_locale),
            pairs=_screenshot_pairs(record, layout, baseline_dir, comparison),
            failures=failures,
            coverage=coverage(record),
            t=labels(lang),
            lang=lang,
        )
    )


def write_regression_report(
    record: RunRecord,
    layout: RunLayout,
    reports_dir: Path,
    known_issues_path: Path,
    lang: str = "en",
) -> RegressionReport | None:
    """Compare with the sandbox's baseline and write both files; None without a baseline."""
    baseline = load_baseline(baseline_path(reports_dir, str(record.sandbox["id"])))
    if baseline is None:
        return None
    known: KnownIssues = load_known_issues(known_issues_path)
    comparison = compare(record, baseline, known, layout.root)
    html = layout.root / "regression.html"
    data = layout.root / "regression.json"
    write_json_atomic(data, to_json(record, baseline, comparison))
    write_text_atomic(html, render(record, baseline, comparison, layout, reports_dir, lang))
    return RegressionReport(comparison, html, data)


def headline_lines(report: RegressionReport) -> list[str]:
    c = report.comparison
    lines = [f"{verdict(c).upper()}: {c.headline()}"]
    lines += [
        f"  NOTE {v.name} changed {v.baseline} -> {v.run}: counts may change by that alone"
        for v in c.version_changes
    ]
    lines += [f"  REGRESSION {o.test}: {o.message}" for o in c.regressions]
    lines += [f"  FAILING, NOT IN THE BASELINE {o.test}: {o.message}" for o in c.new_failures]
    lines += [f"  UNHEALTHY {key}: {cause}" for key, cause in c.unhealthy_states]
    if c.not_checked_states:
        lines.append(
            f"  NOT CHECKED {len(c.not_checked_states)} page state(s) of the baseline "
            f"({len(c.not_checked)} accepted finding(s) neither resolved nor seen)"
        )
    first_locale = c.ui_changes[0].locale if c.ui_changes else ""
    lines += [
        f"  UI {g.sentence()} ({len(g.page_states)} page state(s))"
        for g in c.ui_changes
        if g.locale == first_locale
    ]
    lines += [
        f"  INTEGRATION {'BROKE' if ch.breaks else 'FIXED'} {ch.sentence()}"
        for ch in c.integration_changes
    ]
    lines += [
        f"  KNOWN ISSUE NOT SEEN {i.id} ({i.vendor_ref}): verify and close the case"
        for i in c.not_seen
    ]
    lines.append(f"Regression report: {report.html}")
    return lines
