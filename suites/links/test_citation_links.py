"""Every citation link of the course's lists resolves: Oria record, DOI, link resolver, online.

Links are read from the Alma API (``leganto_qa.integrations.citation_links``) and checked over
HTTP (``LinkChecker``: redirects followed and bounded, ``Retry-After`` honoured, at most
``requests_per_second`` per host). One entry per link goes to the run record
(``record_integration("links", ...)``); the comparison reports what broke or was fixed since
the baseline. A broken link does not fail this test: a link broken in the baseline and still
broken is not news, and a new break is reported once, by the comparison, with its list,
section and citation. The test fails only when nothing could be checked.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import replace
from typing import Any

from leganto_qa.integrations.citation_links import LinkPlaces, citation_links
from leganto_qa.integrations.link_check import LinkChecker, LinkResult
from leganto_qa.integrations.pacing import HostPacer


def _entry(rl, citation: dict[str, Any], kind: str, result: LinkResult, release: str) -> dict:
    meta = citation.get("metadata") or {}
    section = (citation.get("section_info") or {}).get("name", "")
    return {
        "key": f"{citation['id']}:{kind}",
        "list": rl.name,
        "list_code": rl.code,
        "section": section,
        "citation": meta.get("chapter") or meta.get("article_title") or meta.get("title", ""),
        "kind": kind,
        "url": result.url,
        "status": result.status,
        "final_url": result.final_url,
        "verdict": result.verdict,
        "reason": result.reason,
        "release": release,
    }


def _shown(result: LinkResult, loopback: str, base_url: str) -> LinkResult:
    def swap(url: str | None) -> str | None:
        return base_url + url[len(loopback) :] if url and url.startswith(loopback) else url

    return replace(result, url=swap(result.url) or "", final_url=swap(result.final_url))


def test_every_citation_link_resolves(
    course_lists, links_config, live_sandbox, loopback_base, record_integration
):
    config = live_sandbox.config
    places = LinkPlaces.of(links_config, config.institution, loopback_base)
    pacer = HostPacer(links_config.requests_per_second)
    checker = LinkChecker(
        pacer,
        timeout_s=links_config.timeout_s,
        max_redirects=links_config.max_redirects,
        max_retry_after_s=links_config.max_retry_after_s,
    )
    if places.oria and "oria" in links_config.link_kinds:  # Primo VE is a single-page app:
        checker.learn_generic_title(places.record_url("none"))  # its shell's title is no record's
    entries, asked = [], 0
    started = time.monotonic()
    for rl in course_lists:
        for citation in rl.citations:
            for link in citation_links(citation, links_config.link_kinds, places):
                result = checker.check(link.url, link.expect_title)
                asked += result.requests
                if loopback_base:  # record the address a tester can open, not the loopback
                    result = _shown(result, loopback_base, live_sandbox.base_url)
                entries.append(_entry(rl, citation, link.kind, result, live_sandbox.release))
    elapsed = time.monotonic() - started
    record_integration("links", entries)
    verdicts = Counter(e["verdict"] for e in entries)
    print(
        f"{len(entries)} citation links ({asked} requests) in {elapsed:.2f} s "
        f"({len(entries) / max(elapsed, 1e-9):.1f} links/s, {pacer.waited_s:.2f} s paced): "
        + ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))
    )
    assert entries, (
        f"no citation of course {links_config.course!r} has a link of the kinds "
        f"{', '.join(links_config.link_kinds)}; check [links] link_kinds and oria"
    )
    assert verdicts["inconclusive"] < len(entries), (
        "no citation link could be checked (every one timed out or was refused); "
        "check the network and [links] timeout_s"
    )
