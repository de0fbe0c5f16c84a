"""The run index ``reports/index.html`` (and ``index.nb.html``): every sandbox, its latest
verdict, and every document of every run, with links relative to the reports folder (so the
folder can be published as it is, e.g. on GitLab Pages).

Written after every ``leganto-qa run`` and by ``leganto-qa index``; reads runs cheaply
(:mod:`leganto_qa.reports.run_history`).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from leganto_qa.model.records import utc_now
from leganto_qa.model.storage import write_text_atomic
from leganto_qa.reports.findings_report import LANGUAGES, environment
from leganto_qa.reports.run_history import (
    Document,
    Overview,
    SandboxRuns,
    consortium_overviews,
    scan_runs,
)

LABELS = Path(__file__).resolve().parent / "templates" / "history_labels.toml"


@cache
def history_labels(lang: str) -> dict[str, str]:
    """Strings of the run index and the trend page in ``lang`` (en or nb)."""
    table: dict[str, dict[str, str]] = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    return table[lang]


def localized_name(stem: str, ext: str, lang: str) -> str:
    """``index.html`` in English, ``index.nb.html`` in bokmål (as deviations.nb.html)."""
    return f"{stem}.{ext}" if lang == "en" else f"{stem}.{lang}.{ext}"


def index_path(reports_dir: Path, lang: str = "en") -> Path:
    return reports_dir / localized_name("index", "html", lang)


def doc_label(doc: Document, t: dict[str, str]) -> str:
    """The visible text of a link to ``doc``: what it is and its format."""
    if doc.kind == "file":
        return doc.name
    if doc.kind == "case":
        return f"{t['doc_case']}: {doc.name}"
    if doc.kind == "evidence":
        return f"{t['doc_evidence']} ({doc.name})"
    language = f", {t['in_nb']}" if doc.lang == "nb" else ""
    return f"{t[f'doc_{doc.kind}']} ({doc.fmt}{language})"


def render_index(
    sandboxes: tuple[SandboxRuns, ...],
    overviews: tuple[Overview, ...],
    lang: str = "en",
    written: str = "",
) -> str:
    """HTML of the run index in ``lang``."""
    other = "nb" if lang == "en" else "en"
    return (
        environment()
        .get_template("index.html.j2")
        .render(
            sandboxes=sandboxes,
            overviews=overviews,
            t=history_labels(lang),
            lang=lang,
            other=other,
            other_href=localized_name("index", "html", other),
            written=written or utc_now(),
            label=doc_label,
        )
    )


def write_index(reports_dir: Path) -> list[Path]:
    """Write ``index.html`` and ``index.nb.html`` in ``reports_dir``; their paths."""
    sandboxes = scan_runs(reports_dir)
    overviews = consortium_overviews(reports_dir)
    written = utc_now()
    paths = []
    for lang in LANGUAGES:
        path = index_path(reports_dir, lang)
        write_text_atomic(path, render_index(sandboxes, overviews, lang, written))
        paths.append(path)
    return paths


def index_line(reports_dir: Path) -> str:
    """Rewrite the run index after a run; its line for the terminal. A failure to write it
    is said in that line and never changes the run's verdict."""
    try:
        return f"Run index: {write_index(reports_dir)[0]}"
    except OSError as exc:
        return f"Run index not written ({exc.strerror or type(exc).__name__}): {reports_dir}"
