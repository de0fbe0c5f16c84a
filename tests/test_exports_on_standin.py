"""The export workflow on the stand-in in a real Chromium: 2024-05 exports every format whole;
2024-06 empties exactly the RIS export (RELEASES.md row 11), and comparing the two releases
names that one break while the export test itself passes in both."""

from __future__ import annotations

import pytest

from tests.conftest import DEMO_PASSWORD, load, run_suites, write_config

pytestmark = pytest.mark.browser
NARROW = ("--leganto-locale", "en", "--leganto-locale", "nb", "-k", "export")
FORMATS = {"pdf", "word", "excel", "ris", "bibtex", "print"}


def _run(suite_runs, release):
    name = f"exports-{release}"
    result, record = suite_runs.get(
        name, "--leganto-release", release, *NARROW, suites=("workflows",)
    )
    return name, result, record


def _exports(record):
    return {e["key"]: e for e in record["integrations"]["exports"]}


def test_2024_05_exports_every_citation_in_every_format_and_locale(suite_runs):
    _, result, record = _run(suite_runs, "2024-05")
    outcomes = [o for o in record["outcomes"] if "export" in o["test"]]
    assert [o["outcome"] for o in outcomes] == ["passed", "passed"], result.stdout[-2000:]
    exports = _exports(record)
    assert set(exports) == {f"{f}:{loc}" for f in FORMATS for loc in ("en", "nb")}
    assert all(e["ok"] and e["found"] == e["expected"] == 17 for e in exports.values())
    assert all(e["in_order"] and e["bytes"] > 0 for e in exports.values())


def test_2024_06_empties_exactly_the_ris_export_and_the_test_still_passes(suite_runs):
    _, result, record = _run(suite_runs, "2024-06")
    outcomes = [o for o in record["outcomes"] if "export" in o["test"]]
    assert [o["outcome"] for o in outcomes] == ["passed", "passed"], result.stdout[-2000:]
    broken = {k: e for k, e in _exports(record).items() if not e["ok"]}
    assert set(broken) == {"ris:en", "ris:nb"}
    assert all((e["bytes"], e["records"], e["found"]) == (0, 0, 0) for e in broken.values())
    assert len(broken["ris:en"]["missing"]) == 17


def test_comparing_the_releases_names_the_one_export_break(suite_runs):
    from leganto_qa.compare.baseline import baseline_from_record
    from leganto_qa.compare.comparison import compare
    from leganto_qa.model.records import load_record

    old, _, _ = _run(suite_runs, "2024-05")
    new, _, _ = _run(suite_runs, "2024-06")
    old_dir, new_dir = suite_runs.run_dir(old), suite_runs.run_dir(new)
    result = compare(
        load_record(new_dir), baseline_from_record(load_record(old_dir), old_dir), run_dir=new_dir
    )
    exports = [c for c in result.integration_changes if c.area == "exports"]
    assert [c.sentence() for c in exports] == [
        "RIS export lost all 17 citations since 2024-05 (en, nb)"
    ]
    assert exports[0].breaks and exports[0] in result.integration_breaks
    assert not result.regressions


def test_a_failed_download_fails_the_test_and_an_empty_file_is_only_recorded(tmp_path):
    """Word answers HTTP 500 (unusable: the test fails, one line); Excel answers an empty
    HTTP 200 (lost content: recorded, for the comparison to report)."""
    faults = (
        "500@/leganto/rl/files/*/export/list/*.docx,empty@/leganto/rl/files/*/export/list/*.xlsx"
    )
    config = write_config(tmp_path)
    env = {"LEGANTO_QA_DEMO_PASSWORD": DEMO_PASSWORD, "LEGANTO_STANDIN_FAULTS": faults}
    args = ("--leganto-release", "2024-05", "--leganto-locale", "en", "-k", "export")
    run_suites(config, "faults", *args, suites=("workflows",), env=env)
    record = load(config, "faults")
    [outcome] = [o for o in record["outcomes"] if "export" in o["test"]]
    assert outcome["outcome"] == "failed"
    assert outcome["message"].startswith("AssertionError: Word: the download failed (")
    assert "\n" not in outcome["message"] and "Excel" not in outcome["message"]
    exports = _exports(record)
    assert exports["word:en"]["found"] == 0 and "download failed" in exports["word:en"]["error"]
    assert (exports["excel:en"]["bytes"], exports["excel:en"]["found"]) == (0, 0)
    assert "error" not in exports["excel:en"]
    assert all(e["ok"] for k, e in exports.items() if k not in ("word:en", "excel:en"))
