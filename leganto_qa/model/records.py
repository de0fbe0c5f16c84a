"""Run records: one JSON document per sandbox per run, plus the artifacts beside it.

Layout of a run folder (every path derives from run id + page state + locale + role)::

    reports/runs/<sandbox>/<run-id>/
        record.json                      the run record (schema below, versioned)
        report.html                      pytest-html, self-contained
        states/<role>/<locale>/<state>/  screenshot.png, axe.json, aria.yaml
        tests/<test>/                    failure.png, trace.zip (failed workflows)
        parts/<worker>/*.json            what each worker contributed (merged into record.json)

Readers (comparison, reports, evidence) use :func:`load_record`; they never need pytest.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from leganto_qa.model.errors import HarnessError
from leganto_qa.model.findings import Finding, sort_key
from leganto_qa.model.redaction import Redactor
from leganto_qa.model.state_key import StateKey
from leganto_qa.model.storage import read_json, slug, write_json_atomic

SCHEMA = "leganto-qa/run-record"
SCHEMA_VERSION = 1

OutcomeKind = Literal["passed", "failed", "inconclusive", "skipped"]


_XDIST_GROUP = re.compile(r"@[\w.-]+$")


def test_id(nodeid: str) -> str:
    """A test's id without the ``@group`` suffix pytest-xdist adds, so ids match across runs."""
    return _XDIST_GROUP.sub("", nodeid)


def new_run_id(now: _dt.datetime | None = None) -> str:
    """A sortable, unique run id such as ``20261128T181502Z-3fa1``."""
    now = now or _dt.datetime.now(_dt.UTC)
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(2)}"


def utc_now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class RunLayout:
    """Where everything of one run lives."""

    root: Path

    @classmethod
    def for_run(cls, reports_dir: Path, sandbox_id: str, run_id: str) -> RunLayout:
        return cls(reports_dir / "runs" / slug(sandbox_id) / slug(run_id))

    @property
    def record_path(self) -> Path:
        return self.root / "record.json"

    @property
    def html_report(self) -> Path:
        return self.root / "report.html"

    @property
    def findings_report(self) -> Path:
        return self.root / "findings.html"

    @property
    def parts_dir(self) -> Path:
        return self.root / "parts"

    def state_dir(self, page_state: str, locale: str, role: str) -> Path:
        return self.root / "states" / slug(role) / slug(locale) / slug(page_state.replace("/", "."))

    def test_dir(self, nodeid: str) -> Path:
        return self.root / "tests" / slug(nodeid.replace("/", ".").replace("::", "--"))

    def part_path(self, worker: str) -> Path:
        return self.parts_dir / slug(worker) / f"{secrets.token_hex(8)}.json"

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


@dataclass(frozen=True)
class PageStateRecord:
    """One page state as scanned: where it was, how it was reached and what was kept."""

    id: str
    role: str
    locale: str
    url: str
    title: str
    test: str
    steps: tuple[str, ...] = ()
    screenshot: str | None = None
    axe_raw: str | None = None
    aria_snapshot: str | None = None
    finding_count: int = 0
    check_seconds: dict[str, float] = field(default_factory=dict)
    """Seconds each browser check (leganto_qa.checks) took on this page state."""
    checks_not_completed: list[dict[str, str]] = field(default_factory=list)
    """Browser checks abandoned on this page state (``check``, ``phase``, ``reason``): coverage
    gaps, never passes."""
    frames_not_scanned: list[dict[str, Any]] = field(default_factory=list)
    """Frames axe-core could not scan on this page state (``frame_path``, ``selector``, ``url``,
    ``reason``): coverage gaps, never WCAG findings."""
    health: str = "ok"
    """The page-health gate's verdict on the capture: ``ok``, or ``retried`` (moved once)."""
    health_cause: str = ""
    """Why the verdict is not plain ``ok``, as one line."""

    @property
    def key(self) -> StateKey:
        """This page state's id, role and locale."""
        return StateKey(self.id, self.role, self.locale)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["steps"] = list(self.steps)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PageStateRecord:
        return cls(**{**data, "steps": tuple(data.get("steps", ()))})


@dataclass(frozen=True)
class Outcome:
    """A test's result. ``inconclusive``: the sandbox, network or login failed."""

    test: str
    suite: str
    outcome: OutcomeKind
    duration_s: float
    message: str = ""
    artifacts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["artifacts"] = list(self.artifacts)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Outcome:
        return cls(**{**data, "artifacts": tuple(data.get("artifacts", ()))})


@dataclass(frozen=True)
class RunRecord:
    """Everything one run learned about one sandbox (see design.md, "run record")."""

    run_id: str
    status: Literal["complete", "interrupted"]
    sandbox: dict[str, Any]
    versions: dict[str, str]
    command: list[str]
    started_at: str
    finished_at: str
    outcomes: tuple[Outcome, ...] = ()
    page_states: tuple[PageStateRecord, ...] = ()
    findings: tuple[Finding, ...] = ()
    artifacts: dict[str, str] = field(default_factory=dict)
    api_shapes: dict[str, dict[str, Any]] = field(default_factory=dict)
    """API contract shapes by name (``compare.api_shapes.Shape.to_dict()``), from suites/api."""
    embedding: dict[str, Any] = field(default_factory=dict)
    """LMS embedding observations by check (framing headers, cookies per mode), suites/embedding."""
    text_inventory: tuple[dict[str, Any], ...] = ()
    integrations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """What the integration checks saw, per area (``links``, ``copyright``, ``exports``): one
    entry per checked thing, each with a unique ``key`` (see compare/integration_changes.py)."""
    """Text per page state and locale (``i18n.text_inventory.TextInventory``), suites/i18n."""

    def summary(self) -> dict[str, Any]:
        counts = {k: 0 for k in ("passed", "failed", "inconclusive", "skipped")}
        for outcome in self.outcomes:
            counts[outcome.outcome] += 1
        return {
            "tests": counts,
            "page_states": len(self.page_states),
            "findings": {
                "wcag": sum(1 for f in self.findings if f.kind == "wcag"),
                "best_practice": sum(
                    1 for f in self.findings if f.kind not in ("wcag", "translation")
                ),
                "translation": sum(1 for f in self.findings if f.kind == "translation"),
            },
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "run_id": self.run_id,
            "status": self.status,
            "sandbox": self.sandbox,
            "versions": self.versions,
            "command": self.command,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "summary": self.summary(),
            "outcomes": [o.to_dict() for o in self.outcomes],
            "page_states": [p.to_dict() for p in self.page_states],
            "findings": [f.to_dict() for f in self.findings],
            "artifacts": self.artifacts,
            "api_shapes": self.api_shapes,
            "embedding": self.embedding,
            "text_inventory": list(self.text_inventory),
            "integrations": self.integrations,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RunRecord:
        return cls(
            run_id=data["run_id"],
            status=data["status"],
            sandbox=dict(data["sandbox"]),
            versions=dict(data["versions"]),
            command=list(data["command"]),
            started_at=data["started_at"],
            finished_at=data["finished_at"],
            outcomes=tuple(Outcome.from_dict(o) for o in data["outcomes"]),
            page_states=tuple(PageStateRecord.from_dict(p) for p in data["page_states"]),
            findings=tuple(Finding.from_dict(f) for f in data["findings"]),
            artifacts=dict(data.get("artifacts", {})),
            api_shapes=dict(data.get("api_shapes", {})),
            embedding=dict(data.get("embedding", {})),
            text_inventory=tuple(data.get("text_inventory", ())),
            integrations={k: list(v) for k, v in data.get("integrations", {}).items()},
        )


def load_record(path: Path) -> RunRecord:
    """Read a run record, refusing files that are not one or use an unknown schema version."""
    if path.is_dir():
        path = path / "record.json"
    try:
        data = read_json(path)
    except FileNotFoundError:
        raise HarnessError(
            f"{path}: no run record there; pass a run folder under reports/runs/"
        ) from None
    except json.JSONDecodeError as exc:
        raise HarnessError(
            f"{path}: not valid JSON ({exc.msg}); the run was interrupted "
            "or the file was edited — run again"
        ) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise HarnessError(f"{path}: not a leganto-qa run record")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise HarnessError(
            f"{path}: run record schema version {data.get('schema_version')!r} is not "
            f"{SCHEMA_VERSION}; use the leganto-qa version that wrote it"
        )
    return RunRecord.from_dict(data)


# --- parts: what workers contribute while tests run ------------------------------------------


def write_part(
    layout: RunLayout,
    worker: str,
    kind: str,
    payload: Mapping[str, Any],
    redactor: Redactor,
) -> None:
    """Store one contribution (a scanned page state, a test's artifacts) from a worker.

    Every string of ``payload`` passes the run's ``redactor`` before it is stored: nothing from
    a page reaches the record unredacted.
    """
    write_json_atomic(layout.part_path(worker), redactor.json({"kind": kind, **payload}))


def read_parts(layout: RunLayout) -> list[dict[str, Any]]:
    if not layout.parts_dir.exists():
        return []
    parts = [read_json(p) for p in sorted(layout.parts_dir.glob("*/*.json"))]
    return [p for p in parts if isinstance(p, dict)]


def assemble(
    layout: RunLayout,
    *,
    base: Mapping[str, Any],
    outcomes: Iterable[Outcome],
) -> RunRecord:
    """Merge worker parts and controller outcomes into one deterministic record."""
    # A little over 60 lines: one pass over the parts per record field, in the record's order.
    parts = read_parts(layout)
    states = sorted(
        (PageStateRecord.from_dict(p["state"]) for p in parts if p["kind"] == "page_state"),
        key=lambda s: s.key,
    )
    findings = sorted(
        (
            Finding.from_dict(f)
            for p in parts
            if p["kind"] in ("page_state", "text_inventory")
            for f in p["findings"]
        ),
        key=sort_key,
    )
    artifacts_by_test: dict[str, list[str]] = {}
    for part in parts:
        if part["kind"] == "test_artifacts":
            artifacts_by_test.setdefault(part["test"], []).extend(part["artifacts"])
    merged = tuple(
        Outcome(**{**o.to_dict(), "artifacts": tuple(sorted(artifacts_by_test.get(o.test, [])))})
        for o in sorted(outcomes, key=lambda o: o.test)
    )
    versions = dict(base["versions"])
    for part in parts:
        if part["kind"] == "versions":
            versions.update(part["versions"])
    return RunRecord(
        run_id=base["run_id"],
        status=base["status"],
        sandbox=dict(base["sandbox"]),
        versions=versions,
        command=list(base["command"]),
        started_at=base["started_at"],
        finished_at=base["finished_at"],
        outcomes=merged,
        page_states=tuple(states),
        findings=tuple(findings),
        artifacts=dict(base.get("artifacts", {})),
        api_shapes={
            str(p["name"]): dict(p["shape"])
            for p in sorted(parts, key=lambda p: str(p.get("name", "")))
            if p["kind"] == "api_shape"
        },
        embedding={
            str(p["check"]): dict(p["observed"])
            for p in sorted(parts, key=lambda p: str(p.get("check", "")))
            if p["kind"] == "embedding"
        },
        text_inventory=tuple(
            sorted(
                (p["inventory"] for p in parts if p["kind"] == "text_inventory"),
                key=lambda i: (i["page_state"], i["role"], i["locale"]),
            )
        ),
        integrations=_integrations(parts),
    )


def _integrations(parts: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Integration entries per area, ordered by key, whatever worker recorded them."""
    areas: dict[str, list[dict[str, Any]]] = {}
    for part in parts:
        if part["kind"] == "integration":
            areas.setdefault(str(part["area"]), []).extend(dict(e) for e in part["entries"])
    return {
        area: sorted(entries, key=lambda e: str(e.get("key", "")))
        for area, entries in sorted(areas.items())
    }
