"""The consortium overview's content: many sandboxes' runs of one release side by side.

A matrix of sandboxes and verdicts with counts, and the problems split by where they were seen:
in every sandbox that checked them (a vendor defect: one case to Ex Libris for all) apart from in
one or a few (likely local configuration: for that institution's own admins). A finding is
grouped across sandboxes, roles and page states by its source, rule and element identity (one
vendor case however many roles see it), a failing test by its id. A sandbox "checked" a finding's
problem when it looked where another saw it: scanned that page state (axe), ran the browser
checks there (``check:``) or read its text (``i18n:``).

Reads run records and comparisons only; rendering: ``reports.consortium_report``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from leganto_qa.compare.baseline import FINDING_SUITES
from leganto_qa.compare.comparison import Comparison
from leganto_qa.model.findings import Finding
from leganto_qa.model.records import RunRecord

SCHEMA = "leganto-qa/consortium-overview"
SCHEMA_VERSION = 1
VERDICTS = ("ok", "not-ok", "inconclusive", "not-run")
"""A sandbox's verdict in the matrix: the run's own (``Comparison.verdict`` or the exit code's
meaning), or ``not-run`` when it failed before a browser opened."""
IMPACT_ORDER = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}


@dataclass(frozen=True)
class SandboxRun:
    """One sandbox of a consortium run: its record (and comparison), or why it did not run."""

    sandbox: str
    verdict: str
    record: RunRecord | None = None
    comparison: Comparison | None = None
    """The comparison with the sandbox's own baseline, when it has one."""
    not_run: str = ""
    """Why the sandbox was not run (one line), when ``verdict`` is ``not-run``."""
    documents: dict[str, str] = field(default_factory=dict)
    """The run's documents by kind (``findings``, ``regression``, ``report``): paths or links."""


@dataclass(frozen=True)
class MatrixRow:
    """A sandbox's line in the matrix."""

    sandbox: str
    institution: str
    release: str
    verdict: str
    passed: int = 0
    failed: int = 0
    inconclusive: int = 0
    wcag: int = 0
    regressions: int | None = None
    """None: no baseline to compare with (so no regressions or new problems can be told)."""
    new_problems: int | None = None
    not_run: str = ""
    documents: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """A finding or failing test grouped across the sandboxes that showed it."""

    kind: Literal["finding", "test"]
    key: str
    rule: str
    """The finding's rule, or the failing test's id."""
    description: str
    criteria: tuple[str, ...]
    impact: str
    identity: str
    """The element (normalised selector) a finding points at; empty for a test."""
    seen_in: tuple[str, ...]
    checked_in: tuple[str, ...]
    """Sandboxes that checked it (a superset of ``seen_in``): ran the test, scanned the place."""
    page_states: tuple[str, ...] = ()
    news_in: tuple[str, ...] = ()
    """Sandboxes where it is new against their own baseline (a regression, a new finding)."""
    message: str = ""
    """A failing test's message (as the first sandbox showing it gave it)."""
    html: str = ""
    """A finding's element as one sandbox showed it (shortened HTML)."""

    @property
    def everywhere(self) -> bool:
        """Seen in every sandbox that checked it, and more than one did (a vendor matter)."""
        return len(self.checked_in) > 1 and set(self.seen_in) == set(self.checked_in)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rule": self.rule,
            "description": self.description,
            "criteria": list(self.criteria),
            "impact": self.impact,
            "identity": self.identity,
            "seen_in": list(self.seen_in),
            "checked_in": list(self.checked_in),
            "page_states": list(self.page_states),
            "news_in": list(self.news_in),
            "message": self.message,
            "html": self.html,
        }


@dataclass(frozen=True)
class Overview:
    """Everything the overview shows."""

    run_id: str
    created_at: str
    rows: tuple[MatrixRow, ...]
    everywhere: tuple[Problem, ...]
    local: tuple[Problem, ...]

    @property
    def ran(self) -> tuple[str, ...]:
        return tuple(r.sandbox for r in self.rows if r.verdict != "not-run")

    @property
    def releases(self) -> tuple[str, ...]:
        return tuple(sorted({r.release for r in self.rows if r.release}))

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "run_id": self.run_id,
            "created_at": self.created_at,
            "releases": list(self.releases),
            "sandboxes": [vars(r) | {"documents": dict(r.documents)} for r in self.rows],
            "seen_in_every_sandbox": [p.to_dict() for p in self.everywhere],
            "seen_in_one_or_a_few": [p.to_dict() for p in self.local],
        }


def build_overview(runs: Sequence[SandboxRun], run_id: str, created_at: str) -> Overview:
    """The matrix and the split of ``runs`` (one per sandbox, in the order given)."""
    problems = [*_finding_problems(runs), *_test_problems(runs)]
    problems.sort(key=_problem_order)
    return Overview(
        run_id=run_id,
        created_at=created_at,
        rows=tuple(_row(r) for r in runs),
        everywhere=tuple(p for p in problems if p.everywhere),
        local=tuple(p for p in problems if not p.everywhere),
    )


def _row(run: SandboxRun) -> MatrixRow:
    record, comparison = run.record, run.comparison
    if record is None:
        return MatrixRow(
            run.sandbox, "", "", run.verdict, not_run=run.not_run, documents=run.documents
        )
    tests = record.summary()["tests"]
    return MatrixRow(
        sandbox=run.sandbox,
        institution=str(record.sandbox.get("institution", "")),
        release=str(record.sandbox.get("release", "")),
        verdict=run.verdict,
        passed=tests["passed"],
        failed=tests["failed"],
        inconclusive=tests["inconclusive"],
        wcag=sum(1 for f in record.findings if f.kind == "wcag"),
        regressions=len(comparison.regressions) if comparison else None,
        new_problems=len(comparison.new_problems) if comparison else None,
        documents=run.documents,
    )


def problem_of(finding: Finding) -> str:
    """What groups a finding across sandboxes: source, rule and element identity."""
    return f"{finding.source}\x1f{finding.identity}"


def _looked(record: RunRecord) -> dict[str, set[tuple[str, str]]]:
    """Where a record looked, per source family: (page state, role) pairs."""
    return {
        "axe": {(s.id, s.role) for s in record.page_states},
        "check": {(s.id, s.role) for s in record.page_states if s.check_seconds},
        "i18n": {(str(t["page_state"]), str(t["role"])) for t in record.text_inventory},
    }


def _finding_problems(runs: Sequence[SandboxRun]) -> list[Problem]:
    seen: dict[str, dict[str, list[Finding]]] = {}
    for run in runs:
        for finding in run.record.findings if run.record else ():
            seen.setdefault(problem_of(finding), {}).setdefault(run.sandbox, []).append(finding)
    looked = {run.sandbox: _looked(run.record) for run in runs if run.record is not None}
    new = {
        run.sandbox: {problem_of(f) for f in run.comparison.new}
        for run in runs
        if run.comparison is not None
    }
    problems = []
    for key, by_sandbox in seen.items():
        found = [f for fs in by_sandbox.values() for f in fs]
        places = {(f.page_state, f.role) for f in found}
        first = found[0]
        family = first.source.split(":", 1)[0]
        checked = (s for s, where in looked.items() if where.get(family, where["axe"]) & places)
        problems.append(
            Problem(
                kind="finding",
                key=key,
                rule=first.rule,
                description=first.description,
                criteria=first.criteria,
                impact=first.impact,
                identity=first.identity,
                seen_in=_in_order(runs, by_sandbox),
                checked_in=_in_order(runs, checked),
                page_states=tuple(sorted({f.page_state for f in found})),
                news_in=_in_order(runs, (s for s, keys in new.items() if key in keys)),
                html=first.elements[0].html if first.elements else "",
            )
        )
    return problems


def _test_problems(runs: Sequence[SandboxRun]) -> list[Problem]:
    failing: dict[str, dict[str, str]] = {}
    ran: dict[str, set[str]] = {}
    for run in runs:
        for outcome in run.record.outcomes if run.record else ():
            if outcome.suite in FINDING_SUITES:  # their findings are grouped instead
                continue
            if outcome.outcome in ("passed", "failed"):
                ran.setdefault(outcome.test, set()).add(run.sandbox)
            if outcome.outcome == "failed":
                failing.setdefault(outcome.test, {})[run.sandbox] = outcome.message
    news = {
        run.sandbox: {o.test for o in (*run.comparison.regressions, *run.comparison.new_failures)}
        for run in runs
        if run.comparison is not None
    }
    return [
        Problem(
            kind="test",
            key=test,
            rule=test,
            description="",
            criteria=(),
            impact="",
            identity="",
            seen_in=_in_order(runs, messages),
            checked_in=_in_order(runs, ran.get(test, set())),
            news_in=_in_order(runs, (s for s, tests in news.items() if test in tests)),
            message=next(iter(messages.values())),
        )
        for test, messages in failing.items()
    ]


def _in_order(runs: Sequence[SandboxRun], sandboxes: Iterable[str]) -> tuple[str, ...]:
    wanted = set(sandboxes)
    return tuple(r.sandbox for r in runs if r.sandbox in wanted)


def _problem_order(problem: Problem) -> tuple[int, int, int, str, str]:
    return (
        problem.kind != "test",  # failing workflows first: they stop people working
        -len(problem.seen_in),
        IMPACT_ORDER.get(problem.impact, 9),
        problem.rule,
        problem.identity,
    )


def split_lines(overview: Overview, limit: int = 8) -> list[str]:
    """The split for the terminal: vendor matters, then local ones, a few of each."""
    lines = []
    for title, problems in (
        ("Seen in every sandbox (vendor)", overview.everywhere),
        ("Seen in one or a few sandboxes (local)", overview.local),
    ):
        lines.append(f"{title}: {len(problems)}")
        for p in problems[:limit]:
            where = ", ".join(p.seen_in)
            what = f"{p.rule} {p.identity}".strip() if p.kind == "finding" else f"FAILED {p.rule}"
            lines.append(f"  {what} ({len(p.seen_in)} of {len(p.checked_in)}: {where})")
        if len(problems) > limit:
            lines.append(f"  … and {len(problems) - limit} more")
    return lines
