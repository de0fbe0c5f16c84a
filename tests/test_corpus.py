"""The measurement corpus: the harness against W3C failure techniques and APG patterns.

tests/data/corpus/ holds one page per WCAG failure technique a browser check can decide, each
beside a page built with the matching sufficient technique, and the WAI-ARIA Authoring Practices
patterns in a broken and an accessible form (corpus.toml lists them). One harness run scans them
all as a new user would (``leganto-qa run --suite scan`` on a ``pages`` sandbox, two workers);
axe-core alone scans the same pages. Run with ``-s`` to see the tables.
"""

from __future__ import annotations

import re

import pytest

from tests.corpus_measure import (
    CORPUS,
    PageResult,
    figures,
    load_manifest,
    measure,
    missed,
    rule_table,
    summary,
    technique_table,
)

RECALL_TARGET = 0.8
ALARMS_PER_CORRECT_PAGE = 1 / 20
_EXTERNAL = re.compile(r"""(?:src|href|data|action)\s*=\s*["']?(?:https?:)?//""", re.I)


def test_manifest_pairs_every_barrier_with_a_correct_page_of_the_same_technique():
    pages = {p.name: p for p in load_manifest()}
    assert len(pages) >= 60  # 30-40 failure techniques and 8 APG patterns, in pairs
    for page in pages.values():
        assert page.kind in ("barrier", "correct"), page.name
        other = pages[page.pair]
        assert other.pair == page.name and other.kind != page.kind, page.name
        assert other.technique == page.technique and other.criteria == page.criteria
        assert page.criteria and all(re.fullmatch(r"\d\.\d\.\d{1,2}", c) for c in page.criteria)
        assert page.what.strip() and "\n" not in page.what


def test_every_page_is_a_small_real_page_without_external_resources():
    for page in load_manifest():
        html = (CORPUS / page.file).read_text(encoding="utf-8")
        assert re.search(r'<html lang="[a-z]{2}">', html), page.file
        assert re.search(r"<title>[^<]+</title>", html), page.file
        assert "<main" in html and "<h1>" in html, page.file
        assert not _EXTERNAL.search(html), page.file


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[PageResult]:
    """One harness run and one axe-alone pass over every page of the corpus."""
    all_results, _output = measure(tmp_path_factory.mktemp("corpus"))
    print("\n" + technique_table(all_results) + "\n\n" + rule_table(all_results))
    print("\n" + summary(figures(all_results)))
    for line in missed(all_results):
        print("missed:", line)
    return all_results


@pytest.mark.browser
def test_harness_reports_every_wcag_violation_axe_alone_reports(corpus):
    lost = {r.page.name: sorted(r.missed_axe_rules) for r in corpus if r.missed_axe_rules}
    assert not lost, f"axe-core alone reports what the harness does not: {lost}"


@pytest.mark.browser
def test_recall_on_barrier_pages_and_false_alarms_on_correct_pages(corpus):
    fig = figures(corpus)
    alarms = {
        r.page.name: sorted(f["source"] for f in r.harness)
        for r in corpus
        if r.page.kind == "correct" and r.harness
    }
    assert fig.recall_harness >= RECALL_TARGET, summary(fig) + "\n" + "\n".join(missed(corpus))
    assert fig.alarms_harness <= fig.correct * ALARMS_PER_CORRECT_PAGE, f"{summary(fig)} {alarms}"
