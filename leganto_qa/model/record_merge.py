"""Joining the run records of the shards of one run (``--shard K/N``) into one run folder.

The merged run is an ordinary run folder under ``reports/runs/<sandbox>/<new-run-id>/``: its
``record.json`` holds the union of the shards' outcomes, page states, findings, API shapes,
embedding observations, text inventories and integration entries, and the shards' artifacts
(screenshots, axe JSON, ARIA snapshots, failure evidence) sit at the same relative paths, hard
linked where the file system allows, else copied. Each shard's pytest-html report is kept as
``shards/<K>/report.html``. Comparison, reports and evidence read it like any other run.

Refused, in one line, before anything is written: records of different sandboxes, releases,
locales or shard counts; a run that is not a shard; a shard given twice; a test or page state
found in two shards; a missing shard (unless ``allow_partial``). An interrupted shard, or a
partial merge, makes the merged run ``interrupted``: its missing tests must not read as fixed.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leganto_qa.model.errors import HarnessError
from leganto_qa.model.findings import sort_key
from leganto_qa.model.records import RunLayout, RunRecord, load_record
from leganto_qa.model.run_folders import create_run_folder
from leganto_qa.model.shard import Shard, parse_shard, shard_problem
from leganto_qa.model.storage import slug, write_json_atomic

SHARD_FILES = ("report.html",)
"""Top-level files of a shard kept under ``shards/<K>/`` (the rest is made anew or not kept)."""
SKIPPED = frozenset({"record.json", "parts", ".reserved", "shards"})
"""Top-level entries of a shard folder not copied as they are."""


@dataclass(frozen=True)
class ShardRun:
    """One shard's run folder and record."""

    root: Path
    record: RunRecord
    shard: Shard


@dataclass(frozen=True)
class MergePlan:
    """The checked shards of one run, in shard order."""

    shards: tuple[ShardRun, ...]
    count: int

    @property
    def missing(self) -> tuple[int, ...]:
        given = {s.shard.index for s in self.shards}
        return tuple(k for k in range(1, self.count + 1) if k not in given)

    @property
    def sandbox_id(self) -> str:
        return str(self.shards[0].record.sandbox["id"])


def plan_merge(run_dirs: Sequence[Path], allow_partial: bool = False) -> MergePlan:
    """Read and check the shards' records; raise HarnessError (one line) when they do not fit."""
    if not run_dirs:
        raise HarnessError("nothing to merge; give the run folders of the shards")
    shards = sorted((_shard_run(Path(d)) for d in run_dirs), key=lambda s: s.shard)
    first = shards[0]
    for other in shards[1:]:
        for what in ("id", "release", "locales"):
            mine, theirs = first.record.sandbox.get(what), other.record.sandbox.get(what)
            if mine != theirs:
                raise HarnessError(
                    f"runs {first.record.run_id} and {other.record.run_id} differ in sandbox "
                    f"{what} ({_shown(mine)} vs {_shown(theirs)}); merge only the shards of one run"
                )
        if other.shard.count != first.shard.count:
            raise HarnessError(
                f"runs {first.record.run_id} (shard {first.shard.label}) and "
                f"{other.record.run_id} (shard {other.shard.label}) split the work differently; "
                "merge shards of one split (same N)"
            )
    _refuse_duplicate(shards)
    plan = MergePlan(tuple(shards), first.shard.count)
    if plan.missing and not allow_partial:
        labels = ", ".join(f"{k}/{plan.count}" for k in plan.missing)
        raise HarnessError(
            f"shard(s) {labels} missing; give every shard's run folder, or --allow-partial to "
            "merge what there is (the merged run is then marked interrupted)"
        )
    _refuse_overlap(plan)
    return plan


def _shard_run(root: Path) -> ShardRun:
    record = load_record(root)
    label = record.sandbox.get("shard")
    if not isinstance(label, str) or shard_problem(label) is not None:
        raise HarnessError(
            f"run {record.run_id} ({root}) is not a shard; merge the run folders of "
            "'leganto-qa run --shard K/N'"
        )
    return ShardRun(root, record, parse_shard(label))


def _shown(value: Any) -> str:
    return ",".join(map(str, value)) if isinstance(value, list) else str(value)


def _refuse_duplicate(shards: Sequence[ShardRun]) -> None:
    seen: dict[Shard, str] = {}
    for run in shards:
        if run.shard in seen:
            raise HarnessError(
                f"shard {run.shard.label} given twice (runs {seen[run.shard]} and "
                f"{run.record.run_id}); give each shard's run folder once"
            )
        seen[run.shard] = run.record.run_id


def _refuse_overlap(plan: MergePlan) -> None:
    """A test or page state in two shards: the shards came from different splits or suites."""
    owners: dict[str, str] = {}
    for run in plan.shards:
        keys = [f"test {o.test}" for o in run.record.outcomes]
        keys += [f"page state {'/'.join(p.key)}" for p in run.record.page_states]
        for key in keys:
            if key in owners and owners[key] != run.shard.label:
                raise HarnessError(
                    f"{key} is in shards {owners[key]} and {run.shard.label}; merge shards of "
                    "one command line (same suites, same split)"
                )
            owners[key] = run.shard.label


def merged_record(plan: MergePlan, run_id: str, command: Sequence[str]) -> RunRecord:
    """The union of the shards' records, as one run ``run_id``."""
    records = [s.record for s in plan.shards]
    sandbox = {k: v for k, v in records[0].sandbox.items() if k != "shard"}
    sandbox["shards"] = [s.shard.label for s in plan.shards]
    if plan.missing:
        sandbox["shards_missing"] = [f"{k}/{plan.count}" for k in plan.missing]
    complete = not plan.missing and all(r.status == "complete" for r in records)
    artifacts = {"findings_report": "findings.html"}
    for s in plan.shards:
        artifacts[f"html_report_shard_{s.shard.index}"] = f"shards/{s.shard.index}/report.html"
    integrations: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        for area, entries in record.integrations.items():
            integrations.setdefault(area, []).extend(entries)
    return RunRecord(
        run_id=run_id,
        status="complete" if complete else "interrupted",
        sandbox=sandbox,
        versions=_versions(records),
        command=list(command),
        started_at=min(r.started_at for r in records),
        finished_at=max(r.finished_at for r in records),
        outcomes=tuple(sorted((o for r in records for o in r.outcomes), key=lambda o: o.test)),
        page_states=tuple(sorted((p for r in records for p in r.page_states), key=lambda p: p.key)),
        findings=tuple(sorted((f for r in records for f in r.findings), key=sort_key)),
        artifacts=artifacts,
        api_shapes=dict(sorted((k, v) for r in records for k, v in r.api_shapes.items())),
        embedding=dict(sorted((k, v) for r in records for k, v in r.embedding.items())),
        text_inventory=tuple(
            sorted(
                (i for r in records for i in r.text_inventory),
                key=lambda i: (i["page_state"], i["role"], i["locale"]),
            )
        ),
        integrations={
            area: sorted(entries, key=lambda e: str(e.get("key", "")))
            for area, entries in sorted(integrations.items())
        },
    )


def _versions(records: Sequence[RunRecord]) -> dict[str, str]:
    """One value per version name; shards that ran other versions show all of them."""
    versions = {}
    for name in dict.fromkeys(k for r in records for k in r.versions):
        values = list(dict.fromkeys(r.versions[name] for r in records if name in r.versions))
        launched = [v for v in values if v != "not launched"]  # a shard without browser tests
        versions[name] = " + ".join(launched or values)
    return versions


def write_merged_run(
    plan: MergePlan, reports_dir: Path, command: Sequence[str]
) -> tuple[RunLayout, RunRecord]:
    """The merged run folder, made complete in a hidden folder and then renamed into place.

    The run id's folder is claimed first (exclusively, empty, as every run's is); the complete
    hidden folder then replaces it in one rename, so no reader ever sees half a merged run.
    """
    runs = reports_dir / "runs" / slug(plan.sandbox_id)
    runs.mkdir(parents=True, exist_ok=True)
    staging = runs / f".merge-{secrets.token_hex(8)}"  # hidden until complete
    staging.mkdir()
    layout: RunLayout | None = None
    try:
        for run in plan.shards:
            _link_tree(run.root, staging, run.shard)
        layout = create_run_folder(reports_dir, plan.sandbox_id)
        record = merged_record(plan, layout.root.name, command)
        write_json_atomic(staging / "record.json", record.to_dict())
        os.replace(staging, layout.root)  # our own empty folder, replaced atomically
        return layout, record
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if layout is not None and layout.root.is_dir() and not any(layout.root.iterdir()):
            layout.root.rmdir()
        raise


def _link_tree(source: Path, target: Path, shard: Shard) -> None:
    """The shard's artifacts into ``target`` at the same relative paths; its report aside."""
    for name in SHARD_FILES:
        if (source / name).is_file():
            _link(source / name, target / "shards" / str(shard.index) / name)
    for entry in sorted(source.iterdir()):
        if entry.name in SKIPPED or not entry.is_dir():
            continue
        for path in sorted(entry.rglob("*")):
            if path.is_file():
                _link(path, target / path.relative_to(source))


def _link(source: Path, target: Path) -> None:
    if target.exists():
        if target.read_bytes() == source.read_bytes():
            return
        raise HarnessError(
            f"{target.name} differs between shards at {target.parent.name}; merge shards of "
            "one command line"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
