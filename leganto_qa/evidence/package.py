"""Evidence packages: one zip a tester attaches to an Ex Libris case (verified by ``verification``).

The zip holds ``manifest.json`` (every file with size and sha256; sandbox, institution,
release, versions, UTC times, the command that reproduces the run), the reports, the raw axe
results and screenshots of each page state, outlined element crops, traces of failing
workflows and the case drafts. Every file passes the scrubber before it is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import shlex
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leganto_qa import __version__
from leganto_qa.evidence.scrubber import Scrubber
from leganto_qa.evidence.verification import SCHEMA, SCHEMA_VERSION
from leganto_qa.evidence.verification import verify as verify  # the CLI imports it from here
from leganto_qa.model import artifact_paths
from leganto_qa.model.errors import HarnessError
from leganto_qa.model.records import PageStateRecord, utc_now
from leganto_qa.model.redaction import Redactor
from leganto_qa.model.storage import write_bytes_atomic
from leganto_qa.reports.case_drafts import CaseGroup, case_groups, package_name, render_case
from leganto_qa.reports.conformance import render_html, summarise, to_csv, to_json
from leganto_qa.reports.deviations import RunDocuments, render_deviation_report


@dataclass(frozen=True)
class Package:
    path: Path
    files: int
    size: int
    """Bytes of the zip."""


def known_secrets(
    environ: Mapping[str, str] | None = None,
    state_files: Iterable[Path] = (),
    secret_env: Iterable[str] = (),
) -> Redactor:
    """Secret values this process can know: password/API-key/token variables, saved cookies.

    ``secret_env`` names more variables that hold secrets (a sandbox's password_env, apikey_env).
    """
    redactor = Redactor()
    redactor.add_environment(secret_env, environ)
    for path in state_files:
        try:
            redactor.add_cookies(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # no saved login, nothing to hide
    return redactor


def _select(docs: RunDocuments, group: str | None) -> list[CaseGroup]:
    groups = case_groups(docs)
    if group is None:
        return groups
    chosen = [g for g in groups if g.id == group]
    if not chosen:
        names = ", ".join(g.id for g in groups) or "none in this run"
        raise HarnessError(f"no case group {group!r} in run {docs.record.run_id}; groups: {names}")
    return chosen


def _states(docs: RunDocuments, groups: list[CaseGroup], whole: bool) -> list[PageStateRecord]:
    if whole:
        return list(docs.record.page_states)
    keys = {key for g in groups for key in g.states}
    return [s for s in docs.record.page_states if s.key in keys]


def collect(docs: RunDocuments, group: str | None = None, lang: str = "en") -> dict[str, bytes]:
    """Every file of the package by its path in the zip, before scrubbing."""
    groups = _select(docs, group)
    name = package_name(docs, group)
    files: dict[str, bytes] = {}
    crops = docs.crops
    conformance = summarise(docs)
    report = render_deviation_report(docs, lang, crops)
    files[artifact_paths.report("deviations.html")] = report.encode()
    files[artifact_paths.report("conformance.html")] = render_html(docs, conformance, lang).encode()
    files[artifact_paths.report("conformance.csv")] = to_csv(docs, conformance, lang).encode()
    files[artifact_paths.report("conformance.json")] = json.dumps(
        to_json(docs, conformance, lang), ensure_ascii=False, indent=1
    ).encode()
    for extra in ("regression.html", "regression.json"):
        path = docs.layout.root / extra
        if path.is_file():
            files[artifact_paths.report(extra)] = path.read_bytes()
    for case_group in groups:
        files[artifact_paths.case(case_group.id)] = render_case(docs, case_group, name).encode()
    files[artifact_paths.RECORD] = docs.layout.record_path.read_bytes()
    for state in _states(docs, groups, group is None):
        where = state.key
        for rel, target in (
            (state.axe_raw, artifact_paths.axe(*where)),
            (state.screenshot, artifact_paths.screenshot(*where)),
        ):
            if rel and (docs.layout.root / rel).is_file():
                files[target] = (docs.layout.root / rel).read_bytes()
    wanted = {key for g in groups for key in g.states}
    for deviation in docs.deviations:
        if group is not None and deviation.state_key not in wanted:
            continue
        for index in range(len(deviation.finding.elements)):
            png = crops.crop(deviation, index)
            if png is not None:
                f = deviation.finding
                files[artifact_paths.crop(f.page_state, f.role, f.locale, f.rule, index)] = png
    outcomes = (
        [o for o in docs.record.outcomes if o.outcome == "failed"]
        if group is None
        else [g.outcome for g in groups if g.outcome is not None]
    )
    for outcome in outcomes:
        for artifact in outcome.artifacts:
            path = docs.layout.root / artifact
            if path.is_file():
                files[artifact_paths.test_artifact(outcome.test, artifact)] = path.read_bytes()
    return files


def reproduce_command(docs: RunDocuments) -> str:
    sandbox = docs.record.sandbox
    parts = ["leganto-qa", "run", "--sandbox", str(sandbox.get("id", ""))]
    if sandbox.get("release"):
        parts += ["--release", str(sandbox["release"])]
    for locale in sandbox.get("locales") or []:
        parts += ["--locale", str(locale)]
    return shlex.join(parts)


def manifest(
    docs: RunDocuments, files: Mapping[str, bytes], scrubber: Scrubber, group: str | None
) -> dict[str, Any]:
    record = docs.record
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "created_at": utc_now(),
        "case": group,
        "sandbox": {
            "id": record.sandbox.get("id"),
            "institution": record.sandbox.get("institution"),
            "release": record.sandbox.get("release"),
            "locales": list(record.sandbox.get("locales") or []),
        },
        "baseline_release": docs.baseline_release,
        "run_id": record.run_id,
        "run_status": record.status,
        "started_at": record.started_at,
        "finished_at": record.finished_at,
        "versions": {"harness": __version__, **record.versions},
        "reproduce": reproduce_command(docs),
        "run_command": [scrubber.text(part) for part in record.command],
        "files": [
            {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for path, data in sorted(files.items())
        ],
    }


def build_package(
    docs: RunDocuments,
    out_dir: Path,
    redactor: Redactor | None = None,
    group: str | None = None,
    lang: str = "en",
) -> Package:
    """Write the evidence zip of a run (or one case group) to ``out_dir``; nothing half-written."""
    scrubber = Scrubber(redactor)
    files = {path: scrubber.file(path, data) for path, data in collect(docs, group, lang).items()}
    listing = manifest(docs, files, scrubber, group)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            artifact_paths.MANIFEST, json.dumps(listing, ensure_ascii=False, indent=1) + "\n"
        )
        for path, data in sorted(files.items()):
            stored = path.endswith((".png", ".zip"))  # already compressed
            archive.writestr(
                path, data, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            )
    target = out_dir / package_name(docs, group)
    write_bytes_atomic(target, buffer.getvalue())
    return Package(target, len(files) + 1, len(buffer.getvalue()))
