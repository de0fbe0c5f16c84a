"""The consortium overview's files: ``reports/consortium/<run-id>/overview.html`` (English),
``overview.nb.html`` (bokmål) and ``overview.json``, each written atomically.

What they show: ``reports.consortium``. Links to each sandbox's documents are relative, so the
``reports`` folder can be published or zipped as it is.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from leganto_qa.model.errors import HarnessError
from leganto_qa.model.records import new_run_id, utc_now
from leganto_qa.model.storage import slug, write_json_atomic, write_text_atomic
from leganto_qa.reports.consortium import Overview, SandboxRun, build_overview
from leganto_qa.reports.findings_report import LANGUAGES, environment

ATTEMPTS = 16


@dataclass(frozen=True)
class OverviewFiles:
    overview: Overview
    folder: Path
    html: dict[str, Path]
    json: Path


@cache
def labels(lang: str) -> dict[str, str]:
    """The overview's strings in ``lang`` (en or nb)."""
    path = Path(__file__).parent / "templates" / "consortium_labels.toml"
    table: dict[str, dict[str, str]] = tomllib.loads(path.read_text(encoding="utf-8"))
    return table[lang]


def html_name(lang: str) -> str:
    return "overview.html" if lang == "en" else f"overview.{lang}.html"


def render_overview(overview: Overview, lang: str = "en") -> str:
    other = "nb" if lang == "en" else "en"
    return (
        environment()
        .get_template("consortium.html.j2")
        .render(o=overview, t=labels(lang), lang=lang, other=other, other_href=html_name(other))
    )


def new_overview_folder(reports_dir: Path) -> Path:
    """A fresh ``reports/consortium/<run-id>/`` (made exclusively: never shared, never reused)."""
    parent = reports_dir / "consortium"
    parent.mkdir(parents=True, exist_ok=True)
    for _ in range(ATTEMPTS):
        folder = parent / slug(new_run_id())
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise HarnessError(
        f"{parent}: no free overview id after {ATTEMPTS} tries; check that the clock is right"
    )


def write_overview(
    runs: Sequence[SandboxRun], reports_dir: Path, folder: Path | None = None
) -> OverviewFiles:
    """Write the overview of ``runs`` in a new folder (or ``folder``); documents become links."""
    folder = folder or new_overview_folder(reports_dir)
    linked = [replace(r, documents=_relative(r.documents, folder)) for r in runs]
    overview = build_overview(linked, folder.name, utc_now())
    data = folder / "overview.json"
    write_json_atomic(data, overview.to_json())
    html = {}
    for lang in LANGUAGES:
        html[lang] = folder / html_name(lang)
        write_text_atomic(html[lang], render_overview(overview, lang))
    return OverviewFiles(overview, folder, html, data)


def _relative(documents: dict[str, str], folder: Path) -> dict[str, str]:
    """Paths as links relative to the overview's folder (URLs are kept as they are)."""
    out = {}
    for kind, target in documents.items():
        if "://" in target:
            out[kind] = target
        else:
            out[kind] = Path(os.path.relpath(Path(target).resolve(), folder.resolve())).as_posix()
    return out
