"""Benchmark: one embedded launch (LMS course → LTI 1.3 → list in the frame) and its axe scan.

Run from the repository root:  python3 benchmarks/bench_embedding.py [--repeat 5]

Starts the stand-in sandbox (2024-05 and 2024-06) and the stand-in LMS, then per repeat in a
fresh browser context: open the course (logged in), click the tool link, wait until the list
shows in the frame (launch time), scan every frame with the harness's scanner (scan time).
Then, per release and cookie mode (blocked: Playwright's default context; allowed: a profile
that allows third-party cookies), where the launch ends and which cookies the tool set.
Prints medians and the mode table.
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from leganto_qa.browser.browser_discovery import find_browser, launch_args  # noqa: E402
from leganto_qa.browser.lms_embedding import cookies_allowed_context, parse_set_cookie  # noqa: E402
from leganto_qa.model.findings import StateContext  # noqa: E402
from leganto_qa.scanning.axe_scan import scan  # noqa: E402
from leganto_qa.standins.lms_standin import LmsStandIn  # noqa: E402
from leganto_qa.standins.sandbox_standin import StandIn  # noqa: E402

LANDED = "lg-list, lg-error"


def open_course(page, lms, password):
    page.goto(lms.course_url)
    page.fill("#pseudonym_session_unique_id", "ola.student")
    page.fill("#pseudonym_session_password", password)
    page.click("#login_form [type=submit]")
    expect(page.locator("#section-tabs a").first).to_be_visible()


def launch(page):
    """Click the tool link; return seconds until the frame shows the list or an error."""
    start = time.perf_counter()
    page.click("#section-tabs a.context_external_tool_7")
    page.frame_locator("iframe#tool_content").locator(LANDED).first.wait_for(timeout=30_000)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    password = secrets.token_urlsafe(12)
    choice = find_browser()
    assert choice is not None, "no Chromium"
    launch_kw = launch_args(choice)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_kw)
        print(f"Chromium {browser.version}")
        with StandIn("2024-05", password=password) as sb:
            loopback = f"http://127.0.0.1:{sb.port}"
            with LmsStandIn(sb.base_url, loopback, "47BIBSYS_DEMO", password) as lms:
                launches, scans, counts, tops = [], [], [], []
                for _ in range(args.repeat):
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    page = context.new_page()
                    open_course(page, lms, password)
                    launches.append(launch(page))
                    where = StateContext("lms/canvas/tool-frame", "nb", "student", page.url)
                    start = time.perf_counter()
                    result = scan(page, where)
                    scans.append(time.perf_counter() - start)
                    counts.append(len(result.findings))
                    # the same list top level (the new-window launch), for comparison
                    with context.expect_page() as opened:
                        page.click("#tool_new_window_button")
                    alone = opened.value
                    alone.locator("lg-section").first.wait_for(timeout=30_000)
                    start = time.perf_counter()
                    scan(alone, where)
                    tops.append(time.perf_counter() - start)
                    context.close()
        print(
            f"launch (click → list in frame): median {statistics.median(launches):.2f} s, "
            f"min {min(launches):.2f} s, max {max(launches):.2f} s (n={args.repeat})"
        )
        print(
            f"scan (all frames, runPartial+finishRun): median {statistics.median(scans):.2f} s, "
            f"min {min(scans):.2f} s, max {max(scans):.2f} s; findings {sorted(set(counts))}"
        )
        print(
            f"scan of the same list top level (no frames): median {statistics.median(tops):.2f} s"
        )
        print("release  cookies  ends on                         tool cookies (Partitioned?)")
        for release in ("2024-05", "2024-06"):
            with StandIn(release, password=password) as sb:
                loopback = f"http://127.0.0.1:{sb.port}"
                with LmsStandIn(sb.base_url, loopback, "47BIBSYS_DEMO", password) as lms:
                    for mode in ("blocked", "allowed"):
                        if mode == "blocked":
                            context = browser.new_context()
                            row = probe(context, lms, password, sb.base_url)
                            context.close()
                        else:
                            with cookies_allowed_context(pw, launch_kw) as context:
                                row = probe(context, lms, password, sb.base_url)
                        print(f"{release}  {mode:7}  {row}")
        browser.close()
    return 0


def probe(context, lms, password, tool_url):
    cookies = {}

    def watch(response):
        if response.url.startswith(tool_url):
            for header in response.headers_array():
                if header["name"].lower() == "set-cookie":
                    c = parse_set_cookie(header["value"])
                    cookies[c.name] = c.partitioned

    context.on("response", watch)
    page = context.pages[0] if context.pages else context.new_page()
    open_course(page, lms, password)
    launch(page)
    frame = page.frame(name="tool_content")
    ends = frame.url.split("/leganto/nui/", 1)[-1] if frame else "?"
    names = ", ".join(
        f"{n}={'yes' if p else 'no'}"
        for n, p in sorted(cookies.items())
        if not n.startswith("lti1p3")
    )
    return f"{ends:32}{names}"


if __name__ == "__main__":
    sys.exit(main())
