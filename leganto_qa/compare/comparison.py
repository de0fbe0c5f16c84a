"""Comparing a run record with the sandbox's baseline: what is new, what broke, what was fixed.

Reads records and baselines only (no Playwright, no pytest), so any record can be compared
anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leganto_qa.compare.api_shapes import Shape, ShapeChange, diff_shapes
from leganto_qa.compare.aria_changes import UiChange, diff_snapshots
from leganto_qa.compare.baseline import FINDING_SUITES as FINDING_SUITES
from leganto_qa.compare.baseline import Baseline, is_healthy, judged_by_findings, read_aria
from leganto_qa.compare.drift import is_drift
from leganto_qa.compare.explored_changes import explored_changes, split_explored
from leganto_qa.compare.integration_change import IntegrationChange
from leganto_qa.compare.integration_changes import diff_integrations
from leganto_qa.compare.known_issues import KnownIssue, KnownIssues
from leganto_qa.i18n.translation_checks import RULES as TRANSLATION_RULES
from leganto_qa.model.findings import Finding, problem_key
from leganto_qa.model.records import Outcome, RunRecord
from leganto_qa.model.state_key import state_key

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
    """Run vs baseline. What this run could not check is kept apart, never counted either way.

    A page state counts as checked only when this run captured it, the page was healthy and its
    test was not inconclusive; accepted findings of any other page state are ``not_checked``,
    never resolved, and findings seen on an unhealthy page are not counted at all.
    """

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
    not_checked: tuple[dict[str, object], ...] = ()
    """Accepted findings of page states this run did not check: neither resolved nor seen."""
    not_checked_states: tuple[str, ...] = ()
    """Page states of the baseline this run did not check (not captured, unhealthy, stopped)."""
    unhealthy_states: tuple[tuple[str, str], ...] = ()
    """(page state, cause): captured, but the page was an error, maintenance or login page."""
    new_failures: tuple[Outcome, ...] = ()
    """Tests failing now that the baseline did not run (a new test, a suite it left out)."""
    integration_changes: tuple[IntegrationChange, ...] = ()
    """Links, copyright data and exports that broke or were fixed since the baseline."""
    interrupted: bool = False

    @property
    def has_news(self) -> bool:
        """True when the run shows regressions, new failing tests, new WCAG findings or broken
        integrations."""
        return (
            bool(self.regressions or self.new_failures)
            or any(f.kind == "wcag" for f in self.new)
            or bool(self.integration_breaks)
        )

    @property
    def integration_breaks(self) -> tuple[IntegrationChange, ...]:
        """Integrations that stopped working since the baseline (news, like a regression)."""
        return tuple(c for c in self.integration_changes if c.breaks)

    @property
    def is_inconclusive(self) -> bool:
        """Some compared test or page state could not be checked (or the run stopped early)."""
        return bool(self.inconclusive or self.unhealthy_states or self.interrupted)

    @property
    def verdict(self) -> str:
        """``not-ok`` (news, even if some of the run was inconclusive), ``inconclusive``, ``ok``."""
        if self.has_news:
            return "not-ok"
        return "inconclusive" if self.is_inconclusive else "ok"

    @property
    def ui_drift(self) -> tuple[Outcome, ...]:
        """Failures because a page object's stable id is gone: the UI changed under the test."""
        return tuple(o for o in (*self.regressions, *self.new_failures) if is_drift(o.message))

    @property
    def broken(self) -> tuple[Outcome, ...]:
        """Failures of the feature itself (everything failing that is not locator drift)."""
        return tuple(o for o in (*self.regressions, *self.new_failures) if not is_drift(o.message))

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
        if self.new_failures:
            parts.insert(1, f"{len(self.new_failures)} failing, not in the baseline")
        if self.unhealthy_states:
            parts.append(f"{len(self.unhealthy_states)} page state(s) unhealthy")
        if self.not_checked_states:
            parts.append(f"{len(self.not_checked_states)} page state(s) not checked")
        if self.ui_changes:
            parts.append(f"{len(self.ui_changes_in_first_locale)} UI change(s)")
        if self.api_changes:
            parts.append(f"{len(self.api_changes)} API change(s)")
        if self.integration_changes:
            fixed = len(self.integration_changes) - len(self.integration_breaks)
            parts.append(f"{len(self.integration_breaks)} integration break(s), {fixed} fixed")
        return f"{self.run_release} vs baseline {self.baseline_release}: " + ", ".join(parts)


@dataclass(frozen=True)
class _Checked:
    """Which page states this run really checked, and which it captured but could not check.

    ``checked``: captured, healthy, test not inconclusive (axe and the browser checks ran);
    ``read``: text collected by suites/i18n, which checks only the translation rules.
    """

    checked: frozenset[str]
    read: frozenset[str]
    unchecked: frozenset[str]
    unhealthy: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, record: RunRecord) -> _Checked:
        stopped = {o.test for o in record.outcomes if o.outcome == "inconclusive"}
        checked, unchecked, unhealthy = set(), set(), []
        for state in record.page_states:
            key = state_key(state.id, state.role, state.locale)
            if not is_healthy(state):
                cause = getattr(state, "health_cause", "") or getattr(state, "health", "")
                unhealthy.append((key, str(cause)))
                unchecked.add(key)
            elif state.test in stopped:
                unchecked.add(key)
            else:
                checked.add(key)
        read = {
            state_key(str(text["page_state"]), str(text["role"]), str(text["locale"]))
            for text in record.text_inventory
        }
        return cls(
            frozenset(checked),
            frozenset(read),
            frozenset(unchecked - checked),
            tuple(sorted(unhealthy)),
        )

    def explored_away(self, key: str) -> bool:
        """An explored child state (``<state> \u203a <control>``) this run's explorer did not keep
        although it checked the parent: the page offered other controls first, or the control is
        gone (a UI change), not a page state the run failed to check."""
        place, _, rest = key.rpartition(" [")
        split = split_explored(place)
        return split is not None and f"{split[0]} [{rest}" in self.checked

    def covers(self, accepted: dict[str, object]) -> bool:
        """Did this run check the page state where the baseline saw ``accepted``?"""
        place = state_key(
            str(accepted["page_state"]), str(accepted["role"]), str(accepted["locale"])
        )
        return place in (self.read if accepted["rule"] in TRANSLATION_RULES else self.checked)

    def counts(self, finding: Finding) -> bool:
        """A run finding counts unless it was seen on a page state this run could not check."""
        return state_key(finding.page_state, finding.role, finding.locale) not in self.unchecked


def compare(
    record: RunRecord,
    baseline: Baseline,
    known_issues: KnownIssues | None = None,
    run_dir: Path | None = None,
) -> Comparison:
    """Classify ``record`` against ``baseline``; known vendor issues are labelled, not new."""
    states = _Checked.of(record)
    findings = [f for f in record.findings if states.counts(f)]
    labelled = (known_issues or KnownIssues()).label(findings)
    unaccepted = [f for f in findings if not baseline.accepts(f) and f.confirmed is not False]
    seen = {f.fingerprint for f in findings} | {f.problem for f in findings}

    def gone(f: dict[str, object]) -> bool:
        problem = problem_key(str(f["rule"]), str(f["role"]), str(f["identity"]))
        return f["fingerprint"] not in seen and problem not in seen

    return Comparison(
        baseline_release=baseline.release,
        run_release=str(record.sandbox.get("release", "")),
        new=tuple(f for f in unaccepted if labelled.issue_for(f) is None),
        known=tuple((f, issue) for f in unaccepted if (issue := labelled.issue_for(f)) is not None),
        not_seen=tuple(labelled.not_seen),
        changed_scope=_changed_scope(findings, baseline),
        unconfirmed=tuple(f for f in findings if not baseline.accepts(f) and f.confirmed is False),
        ui_changes=ui_changes(record, baseline, run_dir, states.checked),
        persisting=tuple(f for f in findings if baseline.accepts(f)),
        resolved=_unique_by_fingerprint(
            tuple(f for f in baseline.findings if states.covers(f) and gone(f))
        ),
        not_checked=_unique_by_fingerprint(
            tuple(f for f in baseline.findings if not states.covers(f))
        ),
        not_checked_states=tuple(
            sorted(
                k for k in set(baseline.page_states) - states.checked if not states.explored_away(k)
            )
        ),
        unhealthy_states=states.unhealthy,
        interrupted=record.status != "complete",
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
        integration_changes=diff_integrations(baseline.integrations, record.integrations),
        **_outcome_buckets(record, baseline),
    )


def _outcome_buckets(record: RunRecord, baseline: Baseline) -> dict[str, Any]:
    """Regressions, fixes, new failures, inconclusive, new and removed tests.

    Finding-suite tests that reached their page state are judged by their findings; "fixed"
    is a workflow (not a finding-suite test) that failed in the baseline and passes now.
    """
    before = baseline.outcomes
    capturing = frozenset(s.test for s in record.page_states)
    outcomes = [o for o in record.outcomes if o.outcome != "skipped"]
    judged = [
        o for o in outcomes if o.outcome != "inconclusive" and not judged_by_findings(o, capturing)
    ]
    compared = [o for o in judged if o.test in before]
    new_failures = tuple(o for o in judged if o.test not in before and o.outcome == "failed")
    ran = {o.suite for o in record.outcomes}
    return {
        "regressions": tuple(
            o for o in compared if o.outcome == "failed" and before[o.test] == "passed"
        ),
        "fixed": tuple(
            o
            for o in compared
            if o.outcome == "passed"
            and before[o.test] == "failed"
            and o.suite not in FINDING_SUITES
        ),
        "inconclusive": tuple(o for o in outcomes if o.outcome == "inconclusive"),
        "new_failures": new_failures,
        "new_tests": tuple(sorted(o.test for o in outcomes if o.test not in before)),
        "removed_tests": tuple(
            sorted(t for t in set(before) - {o.test for o in record.outcomes} if suite_of(t) in ran)
        ),
    }


def suite_of(test: str) -> str:
    """The suite of a test id (``suites/<suite>/…::test``), as the pytest plugin names it."""
    parts = test.split("::")[0].split("/")
    return parts[parts.index("suites") + 1] if "suites" in parts[:-1] else parts[0]


def _unique_by_fingerprint(items: tuple[dict[str, object], ...]) -> tuple[dict[str, object], ...]:
    kept: dict[str, dict[str, object]] = {}
    for item in items:
        kept.setdefault(str(item["fingerprint"]), item)
    return tuple(kept[k] for k in sorted(kept))


def ui_changes(
    record: RunRecord,
    baseline: Baseline,
    run_dir: Path | None,
    checked: frozenset[str] | None = None,
) -> tuple[UiChangeGroup, ...]:
    """Diff each checked page state's ARIA snapshot with the baseline's; group equal changes."""
    current = read_aria(record, run_dir)
    groups: dict[tuple[str, str], tuple[UiChange, list[str]]] = {}
    for state in record.page_states:
        key = state_key(state.id, state.role, state.locale)
        if key not in current or key not in baseline.aria:
            continue
        if checked is not None and key not in checked:
            continue
        for change in diff_snapshots(baseline.aria[key], current[key], state.id):
            group = (state.locale, change.sentence())
            groups.setdefault(group, (change, []))[1].append(state.id)
    # what the state explorer opened that it did not open on the baseline (a new dialog, menu)
    for state, change in explored_changes(record.page_states, current, baseline.aria, checked):
        group = (state.locale, change.sentence())
        groups.setdefault(group, (change, []))[1].append(change.page_state)
    return tuple(
        UiChangeGroup(change, locale, tuple(sorted(set(states))))
        for (locale, _), (change, states) in sorted(groups.items())
    )


def _changed_scope(findings: list[Finding], baseline: Baseline) -> tuple[tuple[Finding, int], ...]:
    """'3 of 5 icon buttons still unlabeled': element counts of persisting findings that moved."""
    before = {
        (str(f["fingerprint"]), str(f["locale"])): int(f.get("elements", 0))
        for f in baseline.findings
    }
    return tuple(
        (f, before[(f.fingerprint, f.locale)])
        for f in findings
        if (f.fingerprint, f.locale) in before
        and before[(f.fingerprint, f.locale)] != len(f.elements)
    )
