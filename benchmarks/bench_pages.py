"""Benchmark: 40 static pages on loopback — raw floor, the harness, pa11y-ci, one-URL scans.

Run from the repository root:  python3 benchmarks/bench_pages.py [--repeat 2] [--json out.json]

The 40 pages in benchmarks/pages/ (forms, tables, images, landmarks, real axe violations, two
with frames, one with an ``<object>`` of audio) are served on 127.0.0.1 by a thread of this
process. Each runner is a process of its own, timed from start to exit (start-up counts):

1. raw floor — Playwright and the harness's Chromium, one page reused; per URL: goto, inject
   axe-core (axe-playwright-python's bundle) into every frame, ``axe.run`` with the harness's
   options (``scanning.axe_scan.AXE_OPTIONS``);
2. ``leganto-qa run --suite scan --axe-only --checks none`` on a sandbox of kind ``pages``
   listing the 40 URLs, serial, then with ``-n 2`` (peak PSS and summed RSS of its process
   tree, sampled every 0.2 s during that run);
3. the same with all browser checks (no ``--axe-only``, default ``--checks``), serial;
4. pa11y-ci with its axe runner, concurrency 1, when ``npx --no-install pa11y-ci`` works in
   --pa11y-dir, ./node_modules or /tmp/pa11y (install it there, never in package.json:
   ``mkdir -p /tmp/pa11y && cd /tmp/pa11y && PUPPETEER_SKIP_DOWNLOAD=1 npm install pa11y-ci``);
5. one URL: a raw script (launch, navigate, axe, exit) vs ``leganto-qa scan --checks none``.

Every harness run writes to a fresh temporary reports folder. Prints the table (best of
--repeat), the ratios the issue's "Done when" names with ok/over, and whether the verdicts and
finding fingerprints of the ``-n 1`` and ``-n 2`` runs are identical.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script: leganto_qa and benchmarks from the checkout

from benchmarks.bench_pages_figures import (  # noqa: E402
    SANDBOX,
    BenchError,
    Results,
    RunVerdict,
    Sample,
    compare_verdicts,
    ratios,
    read_verdict,
    timed,
)

MEMORY_TARGET_GIB = 1.5
PAGES_DIR = Path(__file__).resolve().parent / "pages"
ONE_URL_PAGE = "p01-form-login.html"
PA11Y_INSTALL = (
    "mkdir -p /tmp/pa11y && cd /tmp/pa11y && PUPPETEER_SKIP_DOWNLOAD=1 npm install pa11y-ci"
)


def page_files() -> list[Path]:
    """The benchmark's pages, in a fixed order."""
    return sorted(PAGES_DIR.glob("*.html"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path = PAGES_DIR) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def raw_floor(urls: Sequence[str]) -> list[list[str]]:
    """Launch, one page reused, axe in every frame, ``axe.run``; the violated rule ids per URL."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from leganto_qa.browser.browser_discovery import ensure_browser, launch_args
    from leganto_qa.scanning.axe_scan import AXE_OPTIONS

    script = Axe().axe_script
    rules: list[list[str]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(ensure_browser()))
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        for url in urls:
            page.goto(url)
            for frame in page.frames:
                frame.evaluate(script)
            result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
            rules.append(sorted(v["id"] for v in result["violations"]))
        browser.close()
    return rules


def harness_config(reports_dir: Path, urls: Sequence[str]) -> str:
    """sandboxes.toml with reports in ``reports_dir`` and a ``pages`` sandbox of ``urls``."""
    pages = ", ".join(json.dumps(url) for url in urls)
    return (
        f"[harness]\nreports_dir = {json.dumps(str(reports_dir))}\n\n"
        f'[sandbox.{SANDBOX}]\nkind = "pages"\npages = [{pages}]\n'
    )


def chromium_path() -> str:
    """The Chromium the harness would launch (for pa11y-ci's Puppeteer)."""
    from leganto_qa.browser.browser_discovery import ensure_browser

    found = ensure_browser().executable or shutil.which("chromium")
    if not found:
        raise BenchError("no Chromium executable path for pa11y-ci; set LEGANTO_QA_CHROMIUM")
    return found


def find_pa11y(given: Path | None) -> Path | None:
    """The folder whose node_modules holds pa11y-ci (``npx --no-install`` works there)."""
    candidates = [given] if given else [REPO, Path("/tmp/pa11y")]
    for folder in candidates:
        if (folder / "node_modules" / ".bin" / "pa11y-ci").exists() and shutil.which("npx"):
            return folder
    if given:
        raise BenchError(
            f"--pa11y-dir {given}: no node_modules/.bin/pa11y-ci there (or no npx on PATH); "
            f"install it: {PA11Y_INSTALL}"
        )
    return None


def pa11y_config(urls: Sequence[str], executable: str) -> dict[str, Any]:
    """pa11y-ci's config: axe runner, one page at a time, the harness's Chromium and flags."""
    from leganto_qa.browser.browser_discovery import CHROMIUM_ARGS

    args = [*CHROMIUM_ARGS, *(["--no-sandbox"] if os.geteuid() == 0 else [])]
    return {
        "defaults": {
            "runners": ["axe"],
            "concurrency": 1,
            "timeout": 60000,
            "chromeLaunchConfig": {"executablePath": executable, "args": args},
        },
        "urls": list(urls),
    }


class Bench:
    """Runs every runner against the served pages; harness runs get fresh reports folders."""

    def __init__(self, urls: list[str], workdir: Path, pa11y_dir: Path | None) -> None:
        self.urls, self.workdir, self.pa11y_dir = urls, workdir, pa11y_dir
        self.one_url = next(u for u in urls if u.endswith(ONE_URL_PAGE))
        self.results = Results(pages=len(urls))
        self._count = 0

    def _folder(self, key: str) -> Path:
        self._count += 1
        folder = self.workdir / f"{self._count:02d}-{key}"
        folder.mkdir()
        (folder / "sandboxes.toml").write_text(harness_config(folder / "reports", self.urls))
        return folder

    def _record(self, key: str, sample: Sample) -> None:
        self.results.samples.setdefault(key, []).append(sample)
        print(
            f"{key:<12} {sample.seconds:7.1f} s  exit {sample.exit_code}  {sample.tail[:90]}",
            flush=True,
        )

    def raw(self, key: str, urls: Sequence[str]) -> None:
        command = [sys.executable, __file__, "--raw", *urls]
        log = self._folder(key) / "output.txt"
        sample = timed(command, REPO, log=log)
        if sample.exit_code != 0 or not sample.tail.startswith(f"SCANNED {len(urls)} "):
            raise BenchError(f"{key} failed (exit {sample.exit_code}): {sample.tail}; see {log}")
        self._record(key, sample)

    def harness(self, key: str, *options: str, scan_url: str | None = None) -> RunVerdict:
        """A harness run; any exit code will do when it wrote a complete run record."""
        folder = self._folder(key)
        cli = [sys.executable, "-m", "leganto_qa.cli"]
        config = str(folder / "sandboxes.toml")
        if scan_url:
            command = [*cli, "scan", "--config", config, *options, scan_url]
        else:
            command = [*cli, "run", "--config", config, "--sandbox", SANDBOX, "--suite", "scan"]
            command += options
        log = folder / "output.txt"
        sample = timed(command, REPO, memory=key == "axe-only-n2", log=log)
        sandbox = "scan" if scan_url else SANDBOX
        try:
            verdict = read_verdict(folder / "reports", sample.exit_code, sandbox)
        except BenchError as error:
            raise BenchError(
                f"{key} failed (exit {sample.exit_code}; {error}): {sample.tail}; output: {log}"
            ) from None
        sample.tail = verdict.describe()
        self._record(key, sample)
        return verdict

    def pa11y(self) -> None:
        if self.pa11y_dir is None:
            self.results.skipped["pa11y"] = f"not installed ({PA11Y_INSTALL})"
            return
        config = self.workdir / "pa11yci.json"
        config.write_text(json.dumps(pa11y_config(self.urls, chromium_path()), indent=2))
        command = ["npx", "--no-install", "pa11y-ci", "--config", str(config)]
        sample = timed(command, self.pa11y_dir, log=self.workdir / "pa11y-output.txt")
        if sample.exit_code not in (0, 2):  # 2: pa11y-ci found errors
            raise BenchError(
                f"pa11y-ci failed (exit {sample.exit_code}): {sample.tail}; "
                f"run it by hand in {self.pa11y_dir}: {' '.join(command)}"
            )
        self._record("pa11y", sample)

    def once(self) -> None:
        """One round of every runner."""
        self.raw("floor", self.urls)
        serial = self.harness("axe-only", "--axe-only", "--checks", "none")
        parallel = self.harness("axe-only-n2", "--axe-only", "--checks", "none", "-n", "2")
        self.results.verdict_differences.append(compare_verdicts(serial, parallel))
        self.pa11y()
        self.harness("all-checks")
        self.raw("raw-1", [self.one_url])
        self.harness("scan-1", "--checks", "none", scan_url=self.one_url)


def report(results: Results) -> None:
    """Print the table, the ratios and the -n 1 / -n 2 comparison."""
    print()
    print(f"{results.pages} pages; load average now {os.getloadavg()[0]:.1f}")
    print("\n".join(results.table()))
    print()
    for ratio in ratios(results.best()):
        print(ratio.line())
    differences = [line for lines in results.verdict_differences for line in lines]
    if differences:
        print("verdicts and fingerprints at -n 1 and -n 2: DIFFERENT")
        for line in differences:
            print(f"  {line}")
    else:
        rounds = len(results.verdict_differences)
        print(f"verdicts and fingerprints at -n 1 and -n 2: identical ({rounds} round(s))")
    rss, pss = (size / 2**30 for size in results.peak_memory())
    verdict = "ok" if pss <= MEMORY_TARGET_GIB else "over"
    print(
        f"peak memory of the -n 2 process tree: PSS {pss:.2f} GiB (target <= 1.5) {verdict}", end=""
    )
    print(f"; RSS summed {rss:.2f} GiB (counts shared pages once per process)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="rounds of every runner (best)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--pa11y-dir", type=Path, help="folder with node_modules/pa11y-ci")
    parser.add_argument("--raw", nargs="+", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.raw:  # the raw script, as a process of its own
            rules = raw_floor(args.raw)
            print(f"SCANNED {len(rules)} pages, {sum(map(len, rules))} violated rules")
            return 0
        if args.repeat < 1:
            raise BenchError("--repeat must be at least 1")
        if args.json and not args.json.resolve().parent.is_dir():
            raise BenchError(f"--json {args.json}: its folder does not exist; create it first")
        pa11y_dir = find_pa11y(args.pa11y_dir)
        pages = page_files()
        workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))  # kept when a runner fails
        with serve() as base:
            bench = Bench([f"{base}/{p.name}" for p in pages], workdir, pa11y_dir)
            for _ in range(args.repeat):
                bench.once()
        shutil.rmtree(workdir, ignore_errors=True)
        report(bench.results)
        if args.json:
            args.json.write_text(json.dumps(bench.results.to_json(), indent=2) + "\n")
    except BenchError as error:
        print(f"bench_pages: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
