"""Every run under ``reports/runs/``, read cheaply for the run index (``reports/index.html``).

Per run folder only what the index shows is read: the head of ``record.json`` (metadata and
summary, the keys before ``outcomes``), the head of ``regression.json`` (verdict and headline)
and the folder's listing. A run whose record is missing, cut short or of another schema is
listed as unreadable with the reason; it never stops the index.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from leganto_qa.model.records import SCHEMA, SCHEMA_VERSION
from leganto_qa.model.storage import slug

HEAD_CHUNK = 16 * 1024
HEAD_LIMIT = 512 * 1024
"""Bytes read looking for a head before the whole file is parsed instead."""
DOCUMENT_ORDER = (
    "regression",
    "findings",
    "deviations",
    "conformance",
    "translations",
    "report",
    "record",
)
"""Documents of a run folder in the order the index lists them; other files follow by name."""


@dataclass(frozen=True)
class Document:
    """One file of a run (or beside it) the index links to."""

    href: str
    """Relative to the reports folder, with forward slashes."""
    kind: str
    """``regression``, ``findings`` … (a label key ``doc_<kind>``), ``case``, ``evidence`` or
    ``file`` (anything else, shown by name)."""
    name: str
    """The file's name, or the case group for a case draft."""
    fmt: str
    """``HTML``, ``JSON``, ``CSV``, ``MD``, ``ZIP`` …"""
    lang: str = ""
    """``nb`` for a bokmål variant (``deviations.nb.html``), else empty."""


@dataclass(frozen=True)
class RunEntry:
    """One run folder as the index shows it."""

    sandbox: str
    run_id: str
    href: str
    """The run folder, relative to the reports folder."""
    documents: tuple[Document, ...] = ()
    error: str = ""
    """Why the record could not be read (empty when it could)."""
    head: dict[str, Any] = field(default_factory=dict)
    verdict: str = ""
    """ok, not-ok, inconclusive or interrupted; ``unreadable`` with ``error``."""
    headline: str = ""
    against_baseline: bool = False

    @property
    def readable(self) -> bool:
        return not self.error

    @property
    def release(self) -> str:
        return str(self.head.get("sandbox", {}).get("release", ""))

    @property
    def started_at(self) -> str:
        return str(self.head.get("started_at", ""))

    @property
    def tests(self) -> dict[str, int]:
        return dict(self.head.get("summary", {}).get("tests", {}))

    @property
    def findings(self) -> dict[str, int]:
        return dict(self.head.get("summary", {}).get("findings", {}))

    @property
    def order(self) -> tuple[str, str]:
        return (self.started_at, self.run_id)


@dataclass(frozen=True)
class SandboxRuns:
    """The runs of one sandbox, newest first."""

    sandbox: str
    runs: tuple[RunEntry, ...]
    trend: tuple[Document, ...] = ()

    @property
    def latest(self) -> RunEntry | None:
        """The newest run whose record could be read."""
        return next((r for r in self.runs if r.readable), None)

    @property
    def unreadable(self) -> int:
        return sum(1 for r in self.runs if not r.readable)


def read_head(path: Path, stop_key: str) -> dict[str, Any]:
    """The top-level keys before ``stop_key`` of a JSON object written by ``write_json_atomic``
    (two-space indent), read only as far as needed; the whole file when no head is found."""
    marker = f'\n  "{stop_key}":'.encode()
    data = b""
    with path.open("rb") as handle:
        while len(data) < HEAD_LIMIT and (chunk := handle.read(HEAD_CHUNK)):
            data += chunk
            cut = data.find(marker, max(0, len(data) - len(chunk) - len(marker)))
            if cut >= 0:
                head = json.loads(data[:cut].decode("utf-8").rstrip().rstrip(",") + "\n}")
                if not isinstance(head, dict):
                    raise ValueError("not a JSON object")
                return head
    whole = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(whole, dict):
        raise ValueError("not a JSON object")
    return whole


def _record_head(folder: Path) -> tuple[dict[str, Any], str]:
    """The record's head, or an empty head and why it cannot be read."""
    path = folder / "record.json"
    if not path.is_file():
        if (folder / ".reserved").exists() or (folder / "parts").is_dir():
            return {}, "no record.json: the run is still going or stopped before writing it"
        return {}, "no record.json in the folder"
    try:
        head = read_head(path, "outcomes")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"record.json cannot be read ({type(exc).__name__})"
    except ValueError as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        return {}, f"record.json is not valid JSON ({reason}): cut short or edited"
    if head.get("schema") != SCHEMA:
        return {}, "record.json is not a leganto-qa run record"
    if head.get("schema_version") != SCHEMA_VERSION:
        version = head.get("schema_version")
        return {}, f"record.json has schema version {version!r}, not {SCHEMA_VERSION}"
    if not isinstance(head.get("sandbox"), dict) or not isinstance(head.get("summary"), dict):
        return {}, "record.json lacks its sandbox or summary"
    return head, ""


def _verdict(folder: Path, head: dict[str, Any]) -> tuple[str, str, bool]:
    """(verdict, headline, against a baseline): regression.json's, else the record's own."""
    regression = folder / "regression.json"
    if regression.is_file():
        try:
            data = read_head(regression, "regressions")
            return str(data["verdict"]), str(data.get("headline", "")), True
        except (OSError, ValueError, KeyError):
            pass  # judged from the record below, as a run without a baseline
    tests = head.get("summary", {}).get("tests", {})
    if head.get("status") != "complete":
        return "interrupted", "", False
    if tests.get("inconclusive"):
        return "inconclusive", "", False
    return ("not-ok" if tests.get("failed") else "ok"), "", False


def _document(href: str, name: str) -> Document:
    stem, _, ext = name.rpartition(".")
    base, _, lang = stem.partition(".")
    kind = base if base in DOCUMENT_ORDER else "file"
    return Document(href, kind, name, ext.upper(), lang if kind != "file" else "")


def _documents(reports_dir: Path, folder: Path, evidence: list[Document]) -> tuple[Document, ...]:
    rel = folder.relative_to(reports_dir).as_posix()
    files = []
    cases = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") or entry.name.endswith(".tmp"):
                continue
            if entry.is_file():
                files.append(_document(f"{rel}/{entry.name}", entry.name))
            elif entry.name == "cases" and entry.is_dir():
                cases = [
                    Document(f"{rel}/cases/{p.name}", "case", p.stem, "MD")
                    for p in sorted(Path(entry.path).glob("*.md"))
                ]
    order = {kind: i for i, kind in enumerate(DOCUMENT_ORDER)}
    files.sort(key=lambda d: (order.get(d.kind, len(order)), d.lang, d.fmt != "HTML", d.name))
    return (*files, *cases, *evidence)


def _evidence(reports_dir: Path) -> dict[str, list[Document]]:
    """Evidence zips in ``reports/evidence/`` by file name."""
    folder = reports_dir / "evidence"
    if not folder.is_dir():
        return {}
    return {
        p.name: [Document(f"evidence/{p.name}", "evidence", p.name, "ZIP")]
        for p in sorted(folder.glob("evidence-*.zip"))
    }


def read_run(
    reports_dir: Path, folder: Path, evidence: dict[str, list[Document]] | None = None
) -> RunEntry:
    """One run folder, read as far as the index needs."""
    prefix = f"evidence-{slug(folder.parent.name)}-{slug(folder.name)}"
    packages = [
        d
        for name, docs in (evidence or {}).items()
        if name == f"{prefix}.zip" or name.startswith(f"{prefix}-")
        for d in docs
    ]
    head, error = _record_head(folder)
    try:
        documents = _documents(reports_dir, folder, packages)
    except OSError as exc:  # a folder that cannot be listed is one row saying so
        documents, error = (), error or f"the folder cannot be listed ({type(exc).__name__})"
    entry = RunEntry(
        sandbox=folder.parent.name,
        run_id=folder.name,
        href=folder.relative_to(reports_dir).as_posix(),
        documents=documents,
        error=error,
        head=head,
    )
    if error:
        return replace(entry, verdict="unreadable")
    verdict, headline, against = _verdict(folder, head)
    return replace(entry, verdict=verdict, headline=headline, against_baseline=against)


def trend_documents(reports_dir: Path, sandbox: str) -> tuple[Document, ...]:
    """The sandbox's trend files (``leganto-qa trend``), when written."""
    folder = reports_dir / "trends" / sandbox
    names = ("trend.html", "trend.nb.html", "trend.csv")
    return tuple(
        Document(f"trends/{sandbox}/{name}", "trend", name, *_fmt_lang(name))
        for name in names
        if (folder / name).is_file()
    )


def scan_runs(reports_dir: Path) -> tuple[SandboxRuns, ...]:
    """Every run of every sandbox under ``reports_dir/runs``, sandboxes by name, runs newest
    first (by start time, then run id; unreadable runs last)."""
    runs_dir = reports_dir / "runs"
    if not runs_dir.is_dir():
        return ()
    evidence = _evidence(reports_dir)
    result = []
    for sandbox_dir in sorted(p for p in runs_dir.iterdir() if p.is_dir()):
        if sandbox_dir.name.startswith("."):
            continue
        entries = [
            read_run(reports_dir, folder, evidence)
            for folder in sandbox_dir.iterdir()
            if folder.is_dir() and not folder.name.startswith(".")
        ]
        entries.sort(key=lambda r: (r.readable, r.order), reverse=True)
        result.append(
            SandboxRuns(
                sandbox_dir.name,
                tuple(entries),
                trend_documents(reports_dir, sandbox_dir.name),
            )
        )
    return tuple(result)


@dataclass(frozen=True)
class Overview:
    """A consortium overview (``reports/consortium/<run-id>/``) and its files."""

    run_id: str
    documents: tuple[Document, ...]


def consortium_overviews(reports_dir: Path) -> tuple[Overview, ...]:
    """Consortium overviews, newest run id first (written by multi-sandbox runs)."""
    folder = reports_dir / "consortium"
    if not folder.is_dir():
        return ()
    found = []
    for run in sorted((p for p in folder.iterdir() if p.is_dir()), reverse=True):
        docs = sorted(
            (
                Document(f"consortium/{run.name}/{p.name}", "overview", p.name, *_fmt_lang(p.name))
                for p in run.glob("overview*")
                if p.is_file() and not p.name.endswith(".tmp")
            ),
            key=lambda d: (d.lang, d.fmt != "HTML", d.name),
        )
        if docs:
            found.append(Overview(run.name, tuple(docs)))
    return tuple(found)


def _fmt_lang(name: str) -> tuple[str, str]:
    stem, _, ext = name.rpartition(".")
    return ext.upper(), stem.partition(".")[2]
