"""Measure the harness on the corpus (tests/data/corpus): recall, false alarms, axe alone.

Used by tests/test_corpus.py and benchmarks/corpus_table.py. The corpus is served on loopback and
scanned the way a new user would: one ``leganto-qa run --suite scan`` over a sandbox of kind
``pages`` listing every page (two workers), then the run record's findings are read per page
(explored child states, ``<page>`` + STATE_SEPARATOR + ``<control>``, count for their page).
Meanwhile a second pass runs axe-core alone (the bundled axe of axe-playwright-python, the
harness's AXE_OPTIONS, no exploring, no checks) on the same pages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus"
STATE_SEPARATOR = " \u203a "
"""Explored child page states are ``<state>``, this, ``<control name>``."""


@dataclass(frozen=True)
class CorpusPage:
    """One page of the manifest (tests/data/corpus/corpus.toml)."""

    name: str
    file: str
    kind: str
    technique: str
    criteria: tuple[str, ...]
    pair: str
    what: str


def load_manifest(folder: Path = CORPUS) -> list[CorpusPage]:
    data = tomllib.loads((folder / "corpus.toml").read_text(encoding="utf-8"))
    return [
        CorpusPage(
            name=name,
            file=entry["file"],
            kind=entry["kind"],
            technique=entry["technique"],
            criteria=tuple(entry["criteria"]),
            pair=entry["pair"],
            what=entry["what"],
        )
        for name, entry in data["pages"].items()
    ]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def serve(folder: Path = CORPUS) -> Iterator[str]:
    """Serve ``folder`` on loopback; yields its base URL (no trailing slash)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageResult:
    """What each scanner reported on one corpus page."""

    page: CorpusPage
    harness: list[dict[str, Any]] = field(default_factory=list)
    """The harness's WCAG-kind findings on the page and its explored child states."""
    axe: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """axe-core's WCAG violations when run alone: rule id -> its criteria."""
    states: list[str] = field(default_factory=list)
    """Page states the harness recorded for the page (the page, then explored ones)."""

    @property
    def harness_rules(self) -> set[str]:
        return {f["rule"] for f in self.harness}

    @property
    def axe_rules(self) -> set[str]:
        return set(self.axe)

    @property
    def harness_axe_rules(self) -> set[str]:
        """axe rules the harness reported (also those merged into another source's finding)."""
        rules = {f["rule"] for f in self.harness if f["source"].startswith("axe:")}
        for finding in self.harness:
            rules |= {s[4:] for s in finding.get("also_seen_by", ()) if s.startswith("axe:")}
        return rules

    def matching(self, findings_criteria: list[tuple[str, ...]]) -> bool:
        return any(set(c) & set(self.page.criteria) for c in findings_criteria)

    @property
    def harness_found(self) -> bool:
        return self.matching([tuple(f.get("criteria") or ()) for f in self.harness])

    @property
    def axe_found(self) -> bool:
        return self.matching(list(self.axe.values()))

    @property
    def missed_axe_rules(self) -> set[str]:
        return self.axe_rules - self.harness_axe_rules


def _page_of(state: str) -> str:
    return state.split(STATE_SEPARATOR, 1)[0]


def harness_config(base_url: str, pages: list[CorpusPage], reports_dir: Path) -> str:
    """sandboxes.toml with one ``pages`` sandbox ``corpus``: each page named as in the manifest."""
    items = ",\n".join(f'  {{ url = "{base_url}/{p.file}", name = "{p.name}" }}' for p in pages)
    return (
        f"[harness]\nreports_dir = {json.dumps(str(reports_dir))}\n\n"
        f'[sandbox.corpus]\nkind = "pages"\nlocales = ["en"]\nretries = 0\npages = [\n{items}\n]\n'
    )


def start_harness(
    base_url: str, pages: list[CorpusPage], folder: Path, workers: int = 2
) -> subprocess.Popen[bytes]:
    """Start one ``leganto-qa run --suite scan`` over all pages (output to files in ``folder``)."""
    config = folder / "sandboxes.toml"
    config.write_text(harness_config(base_url, pages, folder / "reports"))
    command = [sys.executable, "-m", "leganto_qa.cli", "run", "--config", str(config)]
    command += ["--sandbox", "corpus", "--suite", "scan", "--report-only"]
    if workers > 1:
        command += ["-n", str(workers)]
    with (folder / "harness.out").open("wb") as out:
        return subprocess.Popen(
            command, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ)
        )


def finish_harness(process: subprocess.Popen[bytes], folder: Path) -> tuple[str, dict[str, Any]]:
    """Wait for the run; its output's tail and its run record (empty when it wrote none)."""
    process.wait(timeout=3600)
    output = (folder / "harness.out").read_text(errors="replace")[-4000:]
    records = sorted((folder / "reports" / "runs" / "corpus").glob("*/record.json"))
    return output, json.loads(records[-1].read_text()) if records else {}


def axe_alone(base_url: str, pages: list[CorpusPage]) -> dict[str, dict[str, tuple[str, ...]]]:
    """axe-core's WCAG violations per page (rule id -> criteria), axe run alone on the page."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from leganto_qa.browser.browser_discovery import find_browser
    from leganto_qa.model.findings import WCAG_TAGS, criteria_from_tags
    from leganto_qa.scanning.axe_scan import AXE_OPTIONS

    choice = find_browser()
    axe = Axe()
    rules: dict[str, dict[str, tuple[str, ...]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=choice.executable if choice else None)
        context = browser.new_context()
        for page_info in pages:
            page = context.new_page()
            page.goto(f"{base_url}/{page_info.file}", wait_until="load")
            page.evaluate(axe.axe_script)
            raw = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
            rules[page_info.name] = {
                v["id"]: criteria_from_tags(v["tags"])
                for v in raw["violations"]
                if set(v["tags"]) & set(WCAG_TAGS)
            }
            page.close()
        context.close()
        browser.close()
    return rules


def results(
    pages: list[CorpusPage], record: dict[str, Any], axe: dict[str, dict[str, tuple[str, ...]]]
) -> list[PageResult]:
    by_name = {p.name: PageResult(p) for p in pages}
    for state in record.get("page_states", []):
        page = by_name.get(_page_of(state["id"]))
        if page is not None:
            page.states.append(state["id"])
    for finding in record.get("findings", []):
        page = by_name.get(_page_of(finding["page_state"]))
        if page is not None and finding["kind"] == "wcag":
            page.harness.append(finding)
    for name, violations in axe.items():
        by_name[name].axe = violations
    return list(by_name.values())


@dataclass(frozen=True)
class Figures:
    barriers: int
    found_harness: int
    found_axe: int
    correct: int
    alarms_harness: int
    alarms_axe: int

    @property
    def recall_harness(self) -> float:
        return self.found_harness / self.barriers if self.barriers else 1.0

    @property
    def recall_axe(self) -> float:
        return self.found_axe / self.barriers if self.barriers else 1.0


def figures(all_results: list[PageResult]) -> Figures:
    """Recall over barrier pages; false alarms = WCAG findings on correct pages."""
    barriers = [r for r in all_results if r.page.kind == "barrier"]
    correct = [r for r in all_results if r.page.kind == "correct"]
    return Figures(
        barriers=len(barriers),
        found_harness=sum(r.harness_found for r in barriers),
        found_axe=sum(r.axe_found for r in barriers),
        correct=len(correct),
        alarms_harness=sum(len(r.harness) for r in correct),
        alarms_axe=sum(len(r.axe) for r in correct),
    )


def _rules(findings: list[dict[str, Any]]) -> str:
    return ", ".join(sorted({f["source"] for f in findings})) or "-"


def technique_table(all_results: list[PageResult]) -> str:
    """Markdown: per technique, the barrier found by the harness / axe alone, false alarms."""
    by_name = {r.page.name: r for r in all_results}
    lines = [
        "| Technique | Barrier | Harness | axe alone | Correct page: harness | axe alone |",
        "|---|---|---|---|---|---|",
    ]
    for barrier in (r for r in all_results if r.page.kind == "barrier"):
        correct = by_name.get(barrier.page.pair)
        mark_h = "found" if barrier.harness_found else "**missed**"
        mark_a = "found" if barrier.axe_found else "missed"
        h_rules = _rules(
            [f for f in barrier.harness if set(f["criteria"]) & set(barrier.page.criteria)]
        )
        a_rules = ", ".join(sorted(barrier.axe)) or "-"
        c_h = _rules(correct.harness) if correct else "?"
        c_a = ", ".join(sorted(correct.axe)) if correct and correct.axe else "-"
        lines.append(
            f"| {barrier.page.technique} | {barrier.page.what} "
            f"({', '.join(barrier.page.criteria)}) | {mark_h}: {h_rules} | {mark_a}: {a_rules} "
            f"| {c_h} | {c_a} |"
        )
    return "\n".join(lines)


def rule_table(all_results: list[PageResult]) -> str:
    """Markdown: per harness source, barrier pages it found and false alarms it raised."""
    found: dict[str, int] = {}
    alarms: dict[str, int] = {}
    for result in all_results:
        for finding in result.harness:
            source = finding["source"]
            if result.page.kind == "correct":
                alarms[source] = alarms.get(source, 0) + 1
            elif set(finding["criteria"]) & set(result.page.criteria):
                found[source] = found.get(source, 0) + 1
    lines = ["| Rule | Findings on barrier pages (matching) | False alarms |", "|---|---|---|"]
    for source in sorted(set(found) | set(alarms)):
        lines.append(f"| {source} | {found.get(source, 0)} | {alarms.get(source, 0)} |")
    return "\n".join(lines)


def summary(fig: Figures) -> str:
    return (
        f"Barrier pages found: harness {fig.found_harness}/{fig.barriers} "
        f"({fig.recall_harness:.0%}), axe-core alone {fig.found_axe}/{fig.barriers} "
        f"({fig.recall_axe:.0%}). False alarms on {fig.correct} correct pages: harness "
        f"{fig.alarms_harness}, axe-core alone {fig.alarms_axe}."
    )


def missed(all_results: list[PageResult]) -> list[str]:
    """One line per barrier page the harness missed: what it is and its criteria."""
    return [
        f"{r.page.name} ({r.page.technique}, {', '.join(r.page.criteria)}): {r.page.what}; "
        f"states scanned: {len(r.states)}; other findings: {_rules(r.harness)}"
        for r in all_results
        if r.page.kind == "barrier" and not r.harness_found
    ]


def measure(folder: Path, workers: int = 2) -> tuple[list[PageResult], str]:
    """Serve the corpus, run the harness and axe alone; the results and the harness's output."""
    pages = load_manifest()
    with serve() as base:
        process = start_harness(base, pages, folder, workers)
        try:
            axe = axe_alone(base, pages)  # meanwhile: the harness spends much time waiting
        finally:
            output, record = finish_harness(process, folder)
    if not record:
        raise RuntimeError(f"the harness wrote no run record:\n{output}")
    return results(pages, record, axe), output
