"""Comparing a run record with the sandbox's baseline: what is new, what broke, what was fixed.

Reads records and baselines only (no Playwright, no pytest), so any record can be compared
anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from leganto_qa.compare.api_shapes import Shape, ShapeChange, diff_shapes
from leganto_qa.compare.aria_changes import UiChange, diff_snapshots
from leganto_qa.compare.baseline import Baseline, read_aria
from leganto_qa.compare.known_issues import KnownIssue, KnownIssues
from leganto_qa.model.findings import Finding, problem_key
from leganto_qa.model.records import Outcome, RunRecord
from leganto_qa.model.state_key import state_key

FINDING_SUITES = frozenset({"a11y", "i18n"})
"""Suites whose pass/fail only mirrors their findings; findings are compared instead."""
VERSION_KEYS = ("axe_core", "browser", "harness")


@dataclass(frozen=True)
class VersionChange:
    name: str
    baseline: str
    run: str


@dataclass(frozen=True)
class UiChangeGroup:
    """One UI change as seen in one locale, and the page states that show it."""

    change: UiChange
    locale: str
    page_states: tuple[str, ...]

    def sentence(self, lang: str = "en") -> str:
        return self.change.sentence(lang)


@dataclass(frozen=True)
class Comparison:
    """Run vs baseline. Inconclusive tests are kept apart, never counted either way."""

    baseline_release: str
    run_release: str
    new: tuple[Finding, ...] = ()
    persisting: tuple[Finding, ...] = ()
    resolved: tuple[dict[str, object], ...] = ()
    regressions: tuple[Outcome, ...] = ()
    fixed: tuple[Outcome, ...] = ()
    inconclusive: tuple[Outcome, ...] = ()
    new_tests: tuple[str, ...] = ()
    removed_tests: tuple[str, ...] = ()
    version_changes: tuple[VersionChange, ...] = field(default_factory=tuple)
    api_changes: tuple[tuple[str, ShapeChange], ...] = ()
    """(shape name, change) for every API contract difference."""
    known: tuple[tuple[Finding, KnownIssue], ...] = ()
    """Findings the baseline lacks that match a registered vendor issue (not counted as new)."""
    not_seen: tuple[KnownIssue, ...] = ()
    """Registered open issues no finding matched: verify and close the case."""
    changed_scope: tuple[tuple[Finding, int], ...] = ()
    """Persisting findings whose number of affected elements changed: (finding, count before)."""
    unconfirmed: tuple[Finding, ...] = ()
    """Findings the baseline lacks that a fresh page did not show again (flaky, not new)."""
    ui_changes: tuple[UiChangeGroup, ...] = ()
    """What changed in the UI, one entry per change and locale, with the states showing it."""

    @property
    def has_news(self) -> bool:
        """True when the run shows regressions or WCAG findings the baseline lacks."""
        return bool(self.regressions) or any(f.kind == "wcag" for f in self.new)

    @property
    def new_problems(self) -> tuple[str, ...]:
        """Distinct new WCAG problems (rule and element), however many states show them."""
        return tuple(sorted({f"{f.rule} {f.identity}" for f in self.new if f.kind == "wcag"}))

    @property
    def resolved_problems(self) -> tuple[str, ...]:
        return tuple(sorted({f"{f['rule']} {f['identity']}" for f in self.resolved}))

    @property
    def ui_changes_in_first_locale(self) -> tuple[UiChangeGroup, ...]:
        """The UI changes as seen in one locale (the others repeat them in other words)."""
        first = self.ui_changes[0].locale if self.ui_changes else ""
        return tuple(g for g in self.ui_changes if g.locale == first)

    def headline(self) -> str:
        parts = [
            f"{len(self.regressions)} regression(s)",
            f"{len(self.new_problems)} new WCAG problem(s)",
            f"{len(self.resolved_problems)} resolved",
            f"{len({i.id for _, i in self.known})} known",
            f"{len(self.fixed)} fixed",
            f"{len(self.inconclusive)} inconclusive",
        ]
        if self.ui_changes:
            parts.append(f"{len(self.ui_changes_in_first_locale)} UI change(s)")
        if self.api_changes:
            parts.append(f"{len(self.api_changes)} API change(s)")
        return f"{self.run_release} vs baseline {self.baseline_release}: " + ", ".join(parts)


def compare(
    record: RunRecord,
    baseline: Baseline,
    known_issues: KnownIssues | None = None,
    run_dir: Path | None = None,
) -> Comparison:
    """Classify ``record`` against ``baseline``; known vendor issues are labelled, not new."""
    labelled = (known_issues or KnownIssues()).label(record.findings)
    unaccepted = [
        f for f in record.findings if not baseline.accepts(f) and f.confirmed is not False
    ]
    seen = {f.fingerprint for f in record.findings} | {f.problem for f in record.findings}
    scanned = {state_key(s.id, s.role, s.locale) for s in record.page_states}
    resolved = tuple(
        f
        for f in baseline.findings
        if f["fingerprint"] not in seen
        and problem_key(str(f["rule"]), str(f["role"]), str(f["identity"])) not in seen
        and state_key(str(f["page_state"]), str(f["role"]), str(f["locale"])) in scanned
    )
    before = baseline.outcomes
    outcomes = [o for o in record.outcomes if o.outcome != "skipped"]
    compared = [o for o in outcomes if o.suite not in FINDING_SUITES and o.test in before]
    return Comparison(
        baseline_release=baseline.release,
        run_release=str(record.sandbox.get("release", "")),
        new=tuple(f for f in unaccepted if labelled.issue_for(f) is None),
        known=tuple((f, issue) for f in unaccepted if (issue := labelled.issue_for(f)) is not None),
        not_seen=tuple(labelled.not_seen),
        changed_scope=_changed_scope(record, baseline),
        unconfirmed=tuple(
            f for f in record.findings if not baseline.accepts(f) and f.confirmed is False
        ),
        ui_changes=ui_changes(record, baseline, run_dir),
        persisting=tuple(f for f in record.findings if baseline.accepts(f)),
        resolved=_unique_by_fingerprint(resolved),
        regressions=tuple(
            o for o in compared if o.outcome == "failed" and before[o.test] == "passed"
        ),
        fixed=tuple(o for o in compared if o.outcome == "passed" and before[o.test] == "failed"),
        inconclusive=tuple(o for o in outcomes if o.outcome == "inconclusive"),
        new_tests=tuple(sorted(o.test for o in outcomes if o.test not in before)),
        removed_tests=tuple(sorted(set(before) - {o.test for o in record.outcomes})),
        version_changes=tuple(
            VersionChange(key, baseline.versions.get(key, "?"), record.versions.get(key, "?"))
            for key in VERSION_KEYS
            if baseline.versions.get(key, "?") != record.versions.get(key, "?")
        ),
        api_changes=tuple(
            (name, change)
            for name in sorted(set(baseline.api_shapes) & set(record.api_shapes))
            for change in diff_shapes(
                Shape.from_dict(baseline.api_shapes[name]), Shape.from_dict(record.api_shapes[name])
            )
        ),
    )


def _unique_by_fingerprint(items: tuple[dict[str, object], ...]) -> tuple[dict[str, object], ...]:
    kept: dict[str, dict[str, object]] = {}
    for item in items:
        kept.setdefault(str(item["fingerprint"]), item)
    return tuple(kept[k] for k in sorted(kept))


def ui_changes(
    record: RunRecord, baseline: Baseline, run_dir: Path | None
) -> tuple[UiChangeGroup, ...]:
    """Diff each page state's ARIA snapshot with the baseline's; group equal changes."""
    current = read_aria(record, run_dir)
    groups: dict[tuple[str, str], tuple[UiChange, list[str]]] = {}
    for state in record.page_states:
        key = state_key(state.id, state.role, state.locale)
        if key not in current or key not in baseline.aria:
            continue
        for change in diff_snapshots(baseline.aria[key], current[key], state.id):
            group = (state.locale, change.sentence())
            groups.setdefault(group, (change, []))[1].append(state.id)
    return tuple(
        UiChangeGroup(change, locale, tuple(sorted(set(states))))
        for (locale, _), (change, states) in sorted(groups.items())
    )


def _changed_scope(record: RunRecord, baseline: Baseline) -> tuple[tuple[Finding, int], ...]:
    """'3 of 5 icon buttons still unlabeled': element counts of persisting findings that moved."""
    before = {
        (str(f["fingerprint"]), str(f["locale"])): int(f.get("elements", 0))
        for f in baseline.findings
    }
    return tuple(
        (f, before[(f.fingerprint, f.locale)])
        for f in record.findings
        if (f.fingerprint, f.locale) in before
        and before[(f.fingerprint, f.locale)] != len(f.elements)
    )
