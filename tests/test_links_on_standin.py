"""The links suite on the stand-in: 2024-05 then 2024-06, compared (one Oria link broke).

Two narrow runs shared by the tests here: 2024-05's citation links (the baseline) and the whole
links suite (permalinks in the browser too) on 2024-06.
"""

from __future__ import annotations

import pytest

from leganto_qa.compare.baseline import baseline_from_record
from leganto_qa.compare.comparison import compare
from leganto_qa.model.records import load_record

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def runs(suite_runs):
    old = suite_runs.get(
        "links-0524", "--leganto-release", "2024-05", suites=("links/test_citation_links.py",)
    )
    new = suite_runs.get("links-0624", "--leganto-release", "2024-06", suites=("links",))
    return suite_runs, old, new


def test_every_permalink_form_opens_the_list_and_every_link_is_recorded(runs):
    _, (old_result, old), (new_result, new) = runs
    assert old_result.returncode == 0, old_result.stdout[-2000:]
    assert new_result.returncode == 0, new_result.stdout[-2000:]
    outcomes = {o["test"].split("::")[-1]: o["outcome"] for o in new["outcomes"]}
    assert outcomes == {
        "test_every_citation_link_resolves": "passed",
        **{f"test_permalink_opens_the_list[{f}]": "passed" for f in FORMS},
    }
    entries = new["integrations"]["links"]
    assert len(entries) == len(old["integrations"]["links"]) == 34
    assert {e["kind"] for e in entries} == {"oria", "doi", "openurl", "online"}
    assert all(e["verdict"] == "ok" for e in old["integrations"]["links"])
    assert all("apikey" not in e["url"] for e in entries)


FORMS = ("public", "auth=SAML", "auth=LOCAL", "course")


def test_2024_06_breaks_exactly_one_oria_link(runs):
    suite_runs, _, _ = runs
    old_dir, new_dir = suite_runs.run_dir("links-0524"), suite_runs.run_dir("links-0624")
    baseline = baseline_from_record(load_record(old_dir / "record.json"), old_dir)
    result = compare(load_record(new_dir / "record.json"), baseline, run_dir=new_dir)
    [change] = result.integration_changes
    assert (change.area, change.kind, change.key) == ("links", "broke", "8812345671014711:oria")
    assert change.sentence() == (
        "Citation link to Oria broke since 2024-05: 'Sosiologiens grunnlag' "
        "(SOS1001-H24 \u203a Obligatorisk) → HTTP 404 at leganto.localhost/discovery/fulldisplay"
    )
    assert result.verdict == "not-ok" and result.integration_breaks == (change,)
