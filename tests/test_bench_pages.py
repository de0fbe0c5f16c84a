"""benchmarks/bench_pages.py: its 40 pages, its arithmetic, and its raw floor on three pages.

The benchmark itself (minutes of runs) is never run here.
"""

from __future__ import annotations

import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from benchmarks.bench_pages import PAGES_DIR, page_files, raw_floor, serve
from benchmarks.bench_pages_figures import Results, RunVerdict, Sample, compare_verdicts, ratios

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "option"}


class PageCheck(HTMLParser):
    """Balanced elements, the title, and every URL the page loads or links to."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []
        self.title = ""
        self.refs: list[str] = []
        self.doctype = False

    def handle_decl(self, decl: str) -> None:
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refs += [v for k, v in attrs if k in ("src", "href", "data") and v]
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open[-1] != tag and self.open[-1] in OPTIONAL_END:
            self.open.pop()
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> does not close <{self.open[-1] if self.open else ''}>")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "title":
            self.title += data


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def test_forty_small_valid_pages_are_served_with_everything_they_load():
    pages = page_files()
    assert len(pages) == 40
    with serve() as base:
        for path in pages:
            url = f"{base}/{path.name}"
            status, body = fetch(url)
            assert status == 200 and body == path.read_bytes()
            assert len(body) < 10 * 1024, path.name
            check = PageCheck()
            check.feed(body.decode("utf-8"))
            check.close()
            assert check.doctype and check.title.strip(), path.name
            assert not check.problems and not check.open, (path.name, check.problems, check.open)
            for ref in check.refs:
                target = urljoin(url, ref)
                assert urlsplit(target).netloc == urlsplit(base).netloc, (path.name, ref)
                if urlsplit(target).path != urlsplit(url).path:  # not a #fragment of itself
                    assert fetch(target)[0] == 200, (path.name, ref)
    assert any("<iframe" in p.read_text() for p in pages)
    assert any('<object data="x.mp3"' in p.read_text() for p in pages)
    assert (PAGES_DIR / "x.mp3").read_bytes()[:2] == b"\xff\xfb"  # an MPEG audio frame


def test_ratios_say_ok_over_or_skipped_against_the_issue_targets():
    best = {"floor": 10.0, "axe-only": 12.0, "all-checks": 40.0, "raw-1": 2.0, "scan-1": 5.0}
    got = {(r.numerator, r.denominator): r for r in ratios(best)}
    assert got["axe-only", "floor"].value == pytest.approx(1.2)
    assert got["axe-only", "floor"].verdict == "ok"
    assert got["scan-1", "raw-1"].verdict == "over"  # 2.5 > 2
    assert got["axe-only", "pa11y"].verdict == "skipped"
    assert got["all-checks", "pa11y"].value is None
    best["pa11y"] = 60.0
    got = {(r.numerator, r.denominator): r for r in ratios(best)}
    assert got["axe-only", "pa11y"].verdict == "ok"  # 0.2
    assert got["all-checks", "pa11y"].verdict == "over"  # 0.67
    assert "over" in got["all-checks", "pa11y"].line()


def test_table_shows_the_range_of_repeats_and_skipped_runners():
    results = Results(pages=40)
    results.samples["floor"] = [Sample(10.4, 0, ""), Sample(9.6, 0, "")]
    results.samples["scan-1"] = [Sample(4.2, 0, "")]
    results.samples["axe-only-n2"] = [Sample(30.0, 2, "", peak_rss=2**31, peak_pss=2**30)]
    results.skipped["pa11y"] = "not installed"
    table = "\n".join(results.table())
    assert "| 9.6\N{EN DASH}10.4 s | 0.24 s |" in table
    assert "<one URL> | 4.2 s | — |" in table
    assert "skipped: not installed" in table
    assert results.peak_memory() == (2**31, 2**30)
    assert results.best()["floor"] == 9.6


def test_verdict_comparison_names_each_difference():
    serial = RunVerdict(2, {"t[/a]": "passed", "t[/b]": "failed"}, ("aa", "bb"))
    assert compare_verdicts(serial, RunVerdict(2, dict(serial.outcomes), ("aa", "bb"))) == []
    other = RunVerdict(0, {"t[/a]": "passed", "t[/b]": "passed", "t[/c]": "failed"}, ("aa", "cc"))
    problems = compare_verdicts(serial, other)
    assert problems[0] == "exit code 2 at -n 1, 0 at -n 2"
    assert "t[/b]: failed at -n 1, passed at -n 2" in problems
    assert "t[/c]: absent at -n 1, failed at -n 2" in problems
    assert "only -n 1: bb; only -n 2: cc" in problems[-1]


@pytest.mark.browser
def test_raw_floor_scans_three_pages_in_one_reused_page_and_finds_their_barriers():
    names = ["p01-form-login.html", "p17-img-missing-alt.html", "p36-iframe-untitled.html"]
    with serve() as base:
        rules = raw_floor([f"{base}/{name}" for name in names])
    assert rules[0] == []
    assert "image-alt" in rules[1]
    assert "frame-title" in rules[2] and "color-contrast" in rules[2]  # axe ran inside the frame
