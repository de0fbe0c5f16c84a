"""The links differ on hand-built entries: what broke, what was fixed, what is not news."""

from __future__ import annotations

from pathlib import Path

import pytest

from leganto_qa.compare.integration_changes import DIFFERS
from leganto_qa.compare.link_changes import diff_links
from leganto_qa.config.links import parse_links
from leganto_qa.config.tables import Table
from leganto_qa.model.errors import ConfigError


def entry(key: str, verdict: str, release: str = "2024-06", **extra: object) -> dict[str, object]:
    cid, _, kind = key.partition(":")
    return {
        "key": key,
        "list": "SOS1001 Innføring i sosiologi - pensum høst 2024",
        "list_code": "SOS1001-H24",
        "section": "Obligatorisk",
        "citation": f"Citation {cid}",
        "kind": kind,
        "url": f"http://oria.localhost/discovery/fulldisplay?docid=alma{cid}",
        "final_url": f"http://oria.localhost/discovery/fulldisplay?docid=alma{cid}",
        "status": {"ok": 200, "client-error": 404}.get(verdict),
        "verdict": verdict,
        "reason": {"client-error": "HTTP 404"}.get(verdict, verdict),
        "release": release,
        **extra,
    }


def test_the_links_differ_is_registered():
    assert DIFFERS["links"] is diff_links


def test_a_link_that_worked_and_is_broken_now_broke_since_the_baseline():
    before = [entry("1:oria", "ok", "2024-05"), entry("2:doi", "ok", "2024-05")]
    after = [entry("1:oria", "client-error"), entry("2:doi", "ok")]
    [change] = diff_links(before, after)
    assert (change.kind, change.key, change.breaks) == ("broke", "1:oria", True)
    assert change.sentence("en") == (
        "Citation link to Oria broke since 2024-05: 'Citation 1' (SOS1001-H24 \u203a "
        "Obligatorisk) → HTTP 404 at oria.localhost/discovery/fulldisplay"
    )
    assert change.sentence("nb").startswith("Referanselenke til Oria brutt siden 2024-05:")
    assert change.detail["section"] == "Obligatorisk"


def test_a_broken_link_that_works_again_is_fixed_and_no_break():
    [change] = diff_links(
        [entry("3:openurl", "server-error", "2024-05")], [entry("3:openurl", "ok")]
    )
    assert (change.kind, change.breaks) == ("fixed", False)
    assert change.sentence().startswith("Citation link to the link resolver works again since")


def test_still_broken_is_not_news():
    before = [entry("1:oria", "client-error", "2024-05")]
    assert diff_links(before, [entry("1:oria", "title-mismatch")]) == []


@pytest.mark.parametrize(
    ("was", "now"),
    [
        ("inconclusive", "client-error"),
        ("inconclusive", "ok"),
        ("ok", "inconclusive"),
        ("client-error", "inconclusive"),
    ],
)
def test_inconclusive_never_counts_as_broken_or_fixed(was, now):
    assert diff_links([entry("1:doi", was, "2024-05")], [entry("1:doi", now)]) == []


def test_a_broken_link_the_baseline_lacks_is_reported_as_such():
    [change] = diff_links([], [entry("9:online", "redirect-loop", reason="back to /a")])
    assert change.kind == "broken-new" and change.breaks
    assert "not checked in the baseline" in change.sentence()
    assert diff_links([], [entry("9:online", "ok")]) == []


def test_changes_come_breaks_first_then_fixes_each_by_key():
    before = [
        entry(k, v, "2024-05") for k, v in (("1:a", "ok"), ("2:a", "client-error"), ("3:a", "ok"))
    ]
    after = [
        entry(k, v) for k, v in (("3:a", "server-error"), ("2:a", "ok"), ("1:a", "client-error"))
    ]
    assert [(c.kind, c.key) for c in diff_links(before, after)] == [
        ("broke", "1:a"),
        ("broke", "3:a"),
        ("fixed", "2:a"),
    ]


def test_without_a_release_the_sentence_says_since_the_baseline():
    before = [{k: v for k, v in entry("1:oria", "ok").items() if k != "release"}]
    [change] = diff_links(before, [entry("1:oria", "client-error")])
    assert "broke since the baseline:" in change.sentence()
    assert "siden grunnlinjen" in change.sentence("nb")


def _links(data: dict[str, object]):
    return parse_links(Table(str(Path("sandboxes.toml")), "sandbox.x.links", data))


def test_the_links_table_has_defaults_and_checks_its_keys():
    config = _links({"course": "SOS1001", "requests_per_second": 2})
    assert config.requests_per_second == 2 and config.max_retry_after_s == 30
    assert config.permalinks == ("public", "auth=SAML", "auth=LOCAL", "course")
    with pytest.raises(ConfigError, match="permalinks has 'auth=CAS'"):
        _links({"course": "X", "permalinks": ["auth=CAS"]})
    with pytest.raises(ConfigError, match="requests_per_second must be above 0"):
        _links({"course": "X", "requests_per_second": 0})
    with pytest.raises(ConfigError, match="course"):
        _links({})
    with pytest.raises(ConfigError, match="did you mean"):
        _links({"course": "X", "timeout": 3})
