"""Baselines: the accepted state of a sandbox, kept as reviewable text a team can commit.

``reports/baselines/<sandbox>.json`` holds one JSON value per line for the lists (outcomes,
page states, findings) in a stable order, so a review diff shows exactly what was accepted.
Accepting a new baseline never loses the old one: it moves to ``baselines/history/``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from leganto_qa.i18n.release_view import baseline_texts, coverage
from leganto_qa.model.errors import HarnessError
from leganto_qa.model.file_lock import exclusive_lock
from leganto_qa.model.findings import Finding, problem_key
from leganto_qa.model.records import Outcome, PageStateRecord, RunRecord, load_record, utc_now
from leganto_qa.model.state_key import state_key
from leganto_qa.model.storage import slug, write_text_atomic

SCHEMA = "leganto-qa/baseline"
SCHEMA_VERSION = 1
FINDING_SUITES = frozenset({"a11y", "i18n", "scan"})
"""Suites whose pass/fail only mirrors their findings; findings are compared instead."""
_FINDINGS_FAILURE = re.compile(r"\d+ new WCAG (language )?finding\(s\) in ")
"""How a finding-suite test words a failure caused by its findings (``describe_new``)."""
HEALTHY = frozenset({"ok", "healthy", "retried"})
"""Page-health verdicts of a page state that was really checked (``PageStateRecord.health``)."""


def is_healthy(state: PageStateRecord) -> bool:
    """The capture showed the page itself, not an error, maintenance or login page."""
    return str(getattr(state, "health", "ok") or "ok") in HEALTHY


def judged_by_findings(outcome: Outcome, capturing_tests: frozenset[str]) -> bool:
    """A finding-suite test that reached its page state: its findings, not its outcome, count.

    It fails exactly when it shows findings the baseline lacks, so accepting the run accepts
    them and the test passes from then on (it is stored as ``passed``, never later "fixed").
    """
    return outcome.suite in FINDING_SUITES and (
        outcome.test in capturing_tests or bool(_FINDINGS_FAILURE.search(outcome.message))
    )


def stored_outcomes(record: RunRecord) -> dict[str, str]:
    """Outcomes as a baseline keeps them: a failure only because of findings is accepted."""
    capturing = frozenset(s.test for s in record.page_states)
    return {
        o.test: "passed" if judged_by_findings(o, capturing) else o.outcome
        for o in record.outcomes
        if o.outcome != "skipped"
    }


def baseline_path(reports_dir: Path, sandbox_id: str) -> Path:
    return reports_dir / "baselines" / f"{slug(sandbox_id)}.json"


@dataclass(frozen=True)
class Baseline:
    """An accepted run of one sandbox: what passed, what was scanned, which findings exist."""

    sandbox: str
    release: str
    run_id: str
    accepted_at: str
    versions: dict[str, str]
    outcomes: dict[str, str]
    page_states: tuple[str, ...]
    findings: tuple[dict[str, Any], ...]
    api_shapes: dict[str, dict[str, Any]] = field(default_factory=dict)
    aria: dict[str, str] = field(default_factory=dict)
    """ARIA snapshot text per page state key, for the UI change inventory."""
    i18n_strings: dict[str, str] = field(default_factory=dict)
    """Translatable English strings → the release they were first seen in (suites/i18n)."""
    i18n_coverage: dict[str, list[int]] = field(default_factory=dict)
    """[translated, translatable] strings per page state key (suites/i18n)."""
    integrations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """The run record's integration entries per area (links, copyright data, exports)."""

    @cached_property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(str(f["fingerprint"]) for f in self.findings)

    @cached_property
    def problems(self) -> frozenset[str]:
        """Accepted problems (rule, role, element identity), wherever they were seen."""
        return frozenset(
            problem_key(str(f["rule"]), str(f["role"]), str(f["identity"])) for f in self.findings
        )

    def accepts(self, finding: Finding) -> bool:
        return finding.fingerprint in self.fingerprints or finding.problem in self.problems

    def to_text(self) -> str:
        """Stable, line-oriented JSON: one outcome, page state or finding per line."""
        head = {
            "schema": SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "sandbox": self.sandbox,
            "release": self.release,
            "run_id": self.run_id,
            "accepted_at": self.accepted_at,
            "versions": dict(sorted(self.versions.items())),
        }
        sections = (
            (
                "outcomes",
                ("{", "}"),
                [f"{_json(t)}: {_json(o)}" for t, o in sorted(self.outcomes.items())],
            ),
            ("page_states", ("[", "]"), [_json(state) for state in sorted(self.page_states)]),
            ("findings", ("[", "]"), [_json(f) for f in sorted(self.findings, key=_finding_order)]),
            (
                "api_shapes",
                ("{", "}"),
                [f"{_json(n)}: {_json(v)}" for n, v in sorted(self.api_shapes.items())],
            ),
            ("aria", ("{", "}"), [f"{_json(k)}: {_json(v)}" for k, v in sorted(self.aria.items())]),
            (
                "i18n_strings",
                ("{", "}"),
                [f"{_json(k)}: {_json(v)}" for k, v in sorted(self.i18n_strings.items())],
            ),
            (
                "i18n_coverage",
                ("{", "}"),
                [f"{_json(k)}: {_json(v)}" for k, v in sorted(self.i18n_coverage.items())],
            ),
            (
                "integrations",
                ("{", "}"),
                [f"{_json(k)}: {_json(v)}" for k, v in sorted(self.integrations.items())],
            ),
        )
        lines = ["{", *(f"  {_json(key)}: {_json(value)}," for key, value in head.items())]
        for index, (name, (opening, closing), entries) in enumerate(sections):
            lines.append(f"  {_json(name)}: {opening}")
            lines += [
                f"    {entry}{',' if i < len(entries) - 1 else ''}"
                for i, entry in enumerate(entries)
            ]
            lines.append(f"  {closing}{',' if index < len(sections) - 1 else ''}")
        lines.append("}")
        return "\n".join(lines) + "\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _finding_order(finding: dict[str, Any]) -> tuple[str, ...]:
    keys = ("page_state", "role", "locale", "rule", "fingerprint")
    return tuple(str(finding[k]) for k in keys)


def read_aria(record: RunRecord, run_dir: Path | None) -> dict[str, str]:
    """ARIA snapshot texts of a run's page states, by page state key (empty without files)."""
    if run_dir is None:
        return {}
    snapshots = {}
    for state in record.page_states:
        path = run_dir / state.aria_snapshot if state.aria_snapshot else None
        if path is not None and path.is_file():
            snapshots[state_key(state.id, state.role, state.locale)] = path.read_text("utf-8")
    return snapshots


def baseline_from_record(
    record: RunRecord, run_dir: Path | None = None, previous: Baseline | None = None
) -> Baseline:
    """What accepting ``record`` stores: compact findings, outcomes, states, ARIA snapshots."""
    return Baseline(
        sandbox=str(record.sandbox["id"]),
        release=str(record.sandbox["release"]),
        run_id=record.run_id,
        accepted_at=utc_now(),
        versions=dict(record.versions),
        outcomes=stored_outcomes(record),
        page_states=tuple(state_key(s.id, s.role, s.locale) for s in record.page_states),
        findings=tuple(
            {
                "fingerprint": f.fingerprint,
                "rule": f.rule,
                "kind": f.kind,
                "page_state": f.page_state,
                "role": f.role,
                "locale": f.locale,
                "identity": f.identity,
                "elements": len(f.elements),
            }
            for f in record.findings
        ),
        api_shapes=dict(record.api_shapes),
        aria=read_aria(record, run_dir),
        i18n_strings=baseline_texts(record, previous.i18n_strings if previous else None),
        i18n_coverage={k: list(v) for k, v in coverage(record).items()},
        integrations={k: list(v) for k, v in record.integrations.items()},
    )


def load_baseline(path: Path) -> Baseline | None:
    """The baseline at ``path``; None when there is none yet."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != SCHEMA or data.get("schema_version") != SCHEMA_VERSION:
            raise KeyError("schema")
        return Baseline(
            sandbox=data["sandbox"],
            release=data["release"],
            run_id=data["run_id"],
            accepted_at=data["accepted_at"],
            versions=dict(data["versions"]),
            outcomes=dict(data["outcomes"]),
            page_states=tuple(data["page_states"]),
            findings=tuple(data["findings"]),
            api_shapes=dict(data.get("api_shapes", {})),
            aria=dict(data.get("aria", {})),
            i18n_strings=dict(data.get("i18n_strings", {})),
            i18n_coverage=dict(data.get("i18n_coverage", {})),
            integrations=dict(data.get("integrations", {})),
        )
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
        raise HarnessError(
            f"{path}: not a readable leganto-qa baseline; restore it from version control or "
            "accept a run again with 'leganto-qa baseline accept'"
        ) from None


def accepted_fingerprints(reports_dir: Path, sandbox_id: str) -> frozenset[str]:
    """Fingerprints and problem keys the baseline accepts; empty when there is no baseline."""
    baseline = load_baseline(baseline_path(reports_dir, sandbox_id))
    return baseline.fingerprints | baseline.problems if baseline else frozenset()


def latest_run(reports_dir: Path, sandbox_id: str) -> Path:
    runs = sorted((reports_dir / "runs" / slug(sandbox_id)).glob("*/record.json"))
    if not runs:
        raise HarnessError(
            f"no runs of sandbox {sandbox_id!r} under {reports_dir / 'runs'}; "
            f"run 'leganto-qa run --sandbox {sandbox_id}' first"
        )
    return runs[-1].parent


def accept(
    reports_dir: Path, sandbox_id: str, run: Path | None = None, *, wait_s: float = 5.0
) -> tuple[Path, Baseline]:
    """Make a run the sandbox's baseline; the previous baseline moves to history/.

    One accept per sandbox at a time: it holds ``baselines/.<sandbox>.lock`` (waiting at most
    ``wait_s`` seconds for another accept), so two never interleave their reads and writes.
    """
    lock = baseline_path(reports_dir, sandbox_id).with_name(f".{slug(sandbox_id)}.lock")
    with exclusive_lock(lock, f"the baseline of sandbox {sandbox_id!r}", wait_s):
        return _accept_locked(reports_dir, sandbox_id, run)


def _accept_locked(reports_dir: Path, sandbox_id: str, run: Path | None) -> tuple[Path, Baseline]:
    run_dir = run if run is not None else latest_run(reports_dir, sandbox_id)
    record = load_record(run_dir)
    _check_acceptable(record, sandbox_id, run_dir)
    path = baseline_path(reports_dir, sandbox_id)
    previous = load_baseline(path)
    baseline = baseline_from_record(record, run_dir, previous)
    if previous is not None:
        kept = (
            path.parent
            / "history"
            / f"{slug(sandbox_id)}-{slug(previous.release)}-{previous.run_id}.json"
        )
        write_text_atomic(kept, path.read_text(encoding="utf-8"))
    write_text_atomic(path, baseline.to_text())
    return path, baseline


def _check_acceptable(record: RunRecord, sandbox_id: str, run_dir: Path) -> None:
    if record.sandbox.get("id") != sandbox_id:
        raise HarnessError(
            f"run {record.run_id} ({run_dir}) is of sandbox {record.sandbox.get('id')!r}, not "
            f"{sandbox_id!r}; pick a run of {sandbox_id!r} with --run"
        )
    inconclusive = [o.test for o in record.outcomes if o.outcome == "inconclusive"]
    unhealthy = [s for s in record.page_states if not is_healthy(s)]
    if record.status != "complete" or inconclusive or unhealthy:
        why = (
            f"{len(inconclusive)} inconclusive test(s)"
            if inconclusive
            else f"{len(unhealthy)} page state(s) could not be checked "
            f"({getattr(unhealthy[0], 'health', '')})"
            if unhealthy
            else "it was interrupted"
        )
        raise HarnessError(
            f"run {record.run_id} cannot be a baseline: {why}; fix the sandbox or login and "
            "run again"
        )


def describe(baseline: Baseline) -> Iterable[str]:
    """Lines for ``leganto-qa baseline show``."""
    wcag = sum(1 for f in baseline.findings if f.get("kind") == "wcag")
    yield (
        f"Baseline of {baseline.sandbox}: release {baseline.release}, run {baseline.run_id}, "
        f"accepted {baseline.accepted_at}"
    )
    yield "Versions: " + ", ".join(f"{k} {v}" for k, v in sorted(baseline.versions.items()))
    passed = sum(1 for o in baseline.outcomes.values() if o == "passed")
    yield f"Tests: {len(baseline.outcomes)} ({passed} passed)"
    yield f"Page states: {len(baseline.page_states)}"
    yield f"Findings accepted: {len(baseline.findings)} ({wcag} WCAG)"
