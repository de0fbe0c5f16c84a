"""Benchmark: raw Playwright + axe.run vs the harness in axe-only mode, and -n 2 vs serial.

Run from the repository root:  python3 benchmarks/bench_axe.py [--release 2024-06] [--repeat 2]

1. raw      — one process: start the stand-in, one browser, one page per (role, locale),
              for every page state: navigate, open the menu/dialog, inject axe, axe.run.
2. harness  — `pytest suites/a11y --axe-only` (serial) on the same page states, with the plugins
              `leganto-qa run` leaves out for a page-state suite left out here too.
3. parallel — the same with `-n 2`.
Wall time end to end (process start to exit) for each, best of --repeat; peak memory (PSS) of the
whole process tree (pytest, workers, Chromium, stand-in) sampled every 100 ms in one more run
(sampling /proc costs CPU, so it is kept out of the timed runs). Targets (issue 2):
harness <= 1.15 x raw, serial / parallel ≥ 1.6, peak memory at -n 2 ≤ 1.5 GiB.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LIST, DRAFT, CITATION, ONLINE = (
    "8812345670004711",
    "8812345690004711",
    "8812345671014711",
    "8812345671024711",
)
INST = "47BIBSYS_DEMO"
OVERLAY = ".cdk-overlay-container"

# (role, path, clicks before the scan, selector that confirms the state)
STATES = [
    ("student", "/leganto/nui/lists", [], "mat-card.list-item"),
    ("student", f"/leganto/nui/lists/{LIST}", [], "lg-section"),
    (
        "student",
        f"/leganto/nui/lists/{LIST}",
        [f"#citation-{CITATION} .content.clickable"],
        f"#citation-{CITATION} .expand-content",
    ),
    (
        "student",
        f"/leganto/nui/lists/{LIST}",
        ["[id^=lg-menu-button-list-menu-]"],
        f"{OVERLAY} [role=menu]",
    ),
    (
        "student",
        f"/leganto/nui/lists/{LIST}",
        ["#lg-menu-button-setting-menu"],
        f"{OVERLAY} [role=menu]",
    ),
    (
        "student",
        f"/leganto/nui/lists/{LIST}",
        ["#lg-menu-button-setting-menu", f"{OVERLAY} #lg-menu-action-language"],
        f"{OVERLAY} [role=dialog]",
    ),
    (
        "student",
        f"/leganto/nui/lists/{LIST}",
        ["#lg-menu-button-setting-menu", f"{OVERLAY} #lg-menu-action-accessibility"],
        f"{OVERLAY} [role=dialog]",
    ),
    (
        "student",
        f"/leganto/nui/lists/{LIST}",
        ["lg-list-actions lg-shareable-links button"],
        f"{OVERLAY} [role=dialog]",
    ),
    ("student", f"/leganto/nui/lists/{LIST}/citations/{ONLINE}", [], "lg-citation-full"),
    ("anonymous", f"/leganto/public/{INST}/searchlists?q=sosiologi", [], "mat-card.list-item"),
    ("anonymous", f"/leganto/public/{INST}/lists/{LIST}?auth=local", [], "lg-section"),
    ("instructor", f"/leganto/nui/lists/{LIST}", [], "lg-section"),
    ("instructor", f"/leganto/nui/lists/{LIST}", ["#add-item"], f"{OVERLAY} [role=menu]"),
    (
        "instructor",
        f"/leganto/nui/lists/{LIST}",
        ["#add-item", f"{OVERLAY} #lg-menu-action-new-section"],
        f"{OVERLAY} [role=dialog]",
    ),
    (
        "instructor",
        f"/leganto/nui/lists/{LIST}",
        ["#add-item", f"{OVERLAY} #lg-menu-action-new-item"],
        f"{OVERLAY} [role=dialog]",
    ),
    (
        "instructor",
        f"/leganto/nui/lists/{LIST}",
        ["#add-item", f"{OVERLAY} #lg-menu-action-new-item", f"{OVERLAY} #lg-dialog-ok"],
        f"{OVERLAY} mat-error:visible",
    ),
    (
        "instructor",
        f"/leganto/nui/lists/{LIST}",
        [f"#lg-menu-button-citation-menu-{CITATION}"],
        f"{OVERLAY} [role=menu]",
    ),
    (
        "instructor",
        f"/leganto/nui/lists/{DRAFT}",
        ["#list-ready-button"],
        f"{OVERLAY} [role=dialog]",
    ),
]
USERS = {"student": "ola.student", "instructor": "kari.laerer"}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def raw(release: str, locales: list[str]) -> int:
    """The fast raw form: one page per (role, locale), navigate, inject, run."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from leganto_qa.browser.browser_discovery import ensure_browser, launch_args
    from leganto_qa.standins.sandbox_standin import StandIn

    password = secrets.token_urlsafe(12)
    axe = Axe()
    scans = 0
    with StandIn(release, password=password) as standin, sync_playwright() as p:
        browser = p.chromium.launch(**launch_args(ensure_browser()))
        for locale in locales:
            pages = {}
            for role in ("student", "instructor", "anonymous"):
                context = browser.new_context(
                    base_url=standin.base_url, viewport={"width": 1280, "height": 800}
                )
                context.add_cookies(
                    [{"name": "OptanonAlertBoxClosed", "value": "1", "url": standin.base_url}]
                )
                page = context.new_page()
                if role != "anonymous":
                    page.goto("/leganto/login?auth=local")
                    page.fill("#username", USERS[role])
                    page.fill("#password", password)
                    page.press("#password", "Enter")
                    page.wait_for_url("**/leganto/nui/**")
                if locale != "en":
                    page.goto(
                        f"/leganto/public/{INST}/searchlists"
                        if role == "anonymous"
                        else "/leganto/nui/lists"
                    )
                    page.click("#lg-menu-button-setting-menu")
                    page.click(f"{OVERLAY} #lg-menu-action-language")
                    page.click(f"{OVERLAY} input[value={locale}]")
                    page.wait_for_selector(f"html[lang={locale}]")
                pages[role] = page
            for role, path, clicks, confirm in STATES:
                page = pages[role]
                page.goto(path)
                for selector in clicks:
                    page.click(selector)
                page.wait_for_selector(confirm)
                axe.run(page, options=AXE_OPTIONS)
                scans += 1
        browser.close()
    return scans


def _pss(proc: Path) -> int:
    try:
        for line in (proc / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class PeakMemory:
    """Peak memory (PSS) of a process and all its descendants (Linux /proc)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree_pss(self) -> int:
        """Proportional set size: shared pages are split between the processes sharing them,
        so the sum is the real memory in use (summing RSS counts shared pages many times)."""
        children: dict[int, list[int]] = {}
        rss: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            pid = int(entry.name)
            children.setdefault(int(fields["PPid"]), []).append(pid)
            rss[pid] = _pss(entry)
        total, todo = 0, [self.pid]
        while todo:
            pid = todo.pop()
            total += rss.get(pid, 0)
            todo += children.get(pid, [])
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_pss())
            self._stop.wait(0.1)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(command: list[str], env: dict[str, str], memory: bool) -> tuple[float, int, str]:
    """Wall time, and (only when ``memory``) peak PSS: sampling /proc costs CPU itself."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    meter = PeakMemory(process.pid) if memory else None
    output, _ = process.communicate()
    return time.perf_counter() - start, meter.stop() if meter else 0, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", default="2024-06")
    parser.add_argument("--locale", action="append", default=None)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--raw-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    locales = args.locale or ["en", "nb"]
    if args.raw_only:
        print(f"SCANS {raw(args.release, locales)}")
        return
    from leganto_qa.cli.run_command import HTML_PLUGINS, UNUSED_PLUGINS  # not in the raw run

    env = dict(os.environ)
    workdir = Path(tempfile.mkdtemp(prefix="leganto-bench-"))
    config = workdir / "sandboxes.toml"
    config.write_text((REPO / "sandboxes.toml").read_text())
    locale_args = [a for locale in locales for a in ("--locale", locale)]
    harness = [
        sys.executable,
        "-m",
        "pytest",
        "suites/a11y",
        "--sandbox",
        "demo",
        "--leganto-config",
        str(config),
        "--release",
        args.release,
        *locale_args,
        "--axe-only",
        "-q",
        "--tb=no",
        "-p",
        "no:cacheprovider",
        # as `leganto-qa run` starts pytest for a page-state suite: without the plugins only the
        # harness's own tests use (hypothesis imports itself at the end of every session)
        *(f"-pno:{name}" for name in (*UNUSED_PLUGINS, *HTML_PLUGINS)),
    ]
    runs = {
        "raw": [sys.executable, __file__, "--raw-only", "--release", args.release, *locale_args],
        "harness -n 1": harness,
        "harness -n 2": [*harness, "-n", "2"],
    }
    results: dict[str, tuple[float, int]] = {}
    for name, command in runs.items():
        best = None
        for _ in range(args.repeat):
            seconds, _, output = timed(command, env, memory=False)
            tail = output.strip().splitlines()[-1] if output.strip() else ""
            best = seconds if best is None else min(best, seconds)
            print(f"{name:<13} {seconds:6.1f} s   {tail}")
        _, peak, _ = timed(command, env, memory=True)
        print(f"{name:<13} peak memory {peak / 2**20:6.0f} MiB (separate run)")
        assert best is not None
        results[name] = (best, peak)
    raw_s, serial_s, parallel_s = (results[k][0] for k in runs)
    print()
    print(
        f"page states scanned per run: {len(STATES) * len(locales)} "
        f"({len(STATES)} states x {len(locales)} locales)"
    )
    print(f"harness / raw            = {serial_s / raw_s:.2f}   (target <= 1.15)")
    print(f"serial / parallel (-n 2) = {serial_s / parallel_s:.2f}   (target >= 1.6)")
    print(
        f"peak memory at -n 2      = {results['harness -n 2'][1] / 2**30:.2f} GiB (target <= 1.5)"
    )


if __name__ == "__main__":
    main()
