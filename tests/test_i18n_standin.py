"""The i18n suite against both stand-in releases in a real Chromium, in en, nb, nn and se.

The expectations are the ground truth of fixtures/sandbox/RELEASES.md, "Translation faults":
the worklist lists exactly the documented gaps, and against an accepted 2024-05 run the
release view names exactly the strings release 2024-06 added.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from leganto_qa.compare.baseline import accept, baseline_path, load_baseline
from leganto_qa.i18n.release_view import release_view
from leganto_qa.model.records import load_record
from leganto_qa.reports.translations_worklist import read_csv
from tests.conftest import DEMO_PASSWORD, REPO, run_suites, write_config

pytestmark = pytest.mark.browser

COUNTER = "Click to view notifications. There are {{counter}} new notifications"
SHARE = (
    "Share list",
    "Copy link",
    "Link to the list",
    "Anyone with this link can open the published list.",
)
BOTH_RELEASES = {
    # (locale, status, English text or None when it varies, text shown)
    ("se", "untranslated", "Font size", "Font size"),
    ("se", "untranslated", "High contrast", "High contrast"),
    ("se", "untranslated", "List info", "List info"),
    ("se", "mojibake", "Discussion with the library", "SÃ¡gastallan girjerÃ¡djosiin"),
    ("nn", "raw-key", None, "nui.list.summary.itemsInSections"),
    ("nn", "page-lang", "", '<html lang="en">'),
    ("en", "raw-key", COUNTER, COUNTER),
    ("nb", "raw-key", COUNTER, "Klikk for å se varsler. Det er {{counter}} nye varsler"),
    ("nn", "raw-key", COUNTER, "Klikk for å sjå varsel. Det er {{counter}} nye varsel"),
    ("se", "raw-key", COUNTER, "Coahkkal oaidnit dieđáhusaid. Leat {{counter}} ođđa dieđáhusa"),
}
NEW_IN_2024_06 = {(loc, "untranslated", s, s) for loc in ("nn", "se") for s in SHARE}


def _rows(csv_rows):
    """(locale, status, English, shown); the raw key's English count text varies by list."""
    return {
        (
            r["locale"],
            r["status"],
            None if r["shown"] == "nui.list.summary.itemsInSections" else r["english"],
            r["shown"],
        )
        for r in csv_rows
    }


@pytest.fixture(scope="module")
def i18n_runs(tmp_path_factory):
    """2024-05 run and accepted as baseline, then 2024-06, both with the i18n suite only."""
    config = write_config(tmp_path_factory.mktemp("i18n-runs"))
    reports = config.parent / "reports"
    env = {"LEGANTO_QA_DEMO_PASSWORD": DEMO_PASSWORD}
    runs = {}
    for release in ("2024-05", "2024-06"):
        name = f"i18n-{release}"
        result = run_suites(config, name, "--leganto-release", release, suites=("i18n",), env=env)
        run_dir = reports / "runs" / "demo" / name
        assert (run_dir / "record.json").exists(), result.stdout[-3000:] + result.stderr[-3000:]
        runs[release] = (result, run_dir)
        if release == "2024-05":
            accept(reports, "demo", run_dir)
    return config, runs


def _report(config, run_dir):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "leganto_qa.cli",
            "report",
            "--config",
            str(config),
            "--kind",
            "translations",
            str(run_dir),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_2024_05_inventory_covers_every_state_in_four_locales(i18n_runs):
    _config, runs = i18n_runs
    _result, run_dir = runs["2024-05"]
    record = json.loads((run_dir / "record.json").read_text())
    inventories = record["text_inventory"]
    # 17 states (2024-05 has no share dialog) in en, nb, nn, se
    assert len(inventories) == 17 * 4
    assert {i["locale"] for i in inventories} == {"en", "nb", "nn", "se"}
    share = [o for o in record["outcomes"] if "share-dialog" in o["test"]]
    assert share and all(o["outcome"] == "skipped" for o in share)
    # Sami letters arrive intact from the browser
    se_text = {e["text"] for i in inventories if i["locale"] == "se" for e in i["entries"]}
    assert {"Ođđa oassi", "Ođđa elemeanta", "Vállje giela"} <= se_text
    assert DEMO_PASSWORD not in (run_dir / "record.json").read_text()


def test_2024_05_worklist_lists_exactly_the_documented_gaps(i18n_runs):
    config, runs = i18n_runs
    _, run_dir = runs["2024-05"]
    # this run is the accepted baseline: the report compares it with nothing
    done = _report(config, run_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = read_csv(run_dir / "translations.csv")
    assert _rows(rows) == BOTH_RELEASES
    assert len(rows) == len(BOTH_RELEASES)


def test_2024_06_worklist_and_release_view_name_exactly_the_new_strings(i18n_runs):
    config, runs = i18n_runs
    _result, run_dir = runs["2024-06"]
    done = _report(config, run_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = read_csv(run_dir / "translations.csv")
    assert _rows(rows) == BOTH_RELEASES | NEW_IN_2024_06
    assert len(rows) == len(BOTH_RELEASES | NEW_IN_2024_06)
    new_rows = {
        (r["locale"], r["status"], r["english"], r["shown"]) for r in rows if r["new"] == "yes"
    }
    assert new_rows == NEW_IN_2024_06
    assert all(r["first_seen"] == "2024-06" for r in rows if r["new"] == "yes")
    assert {r["first_seen"] for r in rows if r["new"] == "no"} == {"2024-05"}
    # new strings come first within each locale
    for locale in ("nn", "se"):
        flags = [r["new"] for r in rows if r["locale"] == locale]
        assert flags == sorted(flags, reverse=True)

    record = load_record(run_dir)
    baseline = load_baseline(baseline_path(config.parent / "reports", "demo"))
    assert baseline is not None and baseline.release == "2024-05"
    view = release_view(record, baseline.i18n_strings, baseline.i18n_coverage, baseline.release)
    # difference #4/#5 (share) and #2 (the full view's link gets its name "Open in a new tab")
    assert {s.english for s in view.new_strings} == {*SHARE, "Open in a new tab"}
    for new in view.new_strings:
        expected = "translated" if new.english == "Open in a new tab" else "untranslated"
        assert new.status == {"nb": "translated", "nn": expected, "se": expected}
    changed = {(c.page_state, c.locale) for c in view.coverage if c.change and c.change < 0}
    assert ("list/student", "nn") in changed and ("list/student", "se") in changed
    assert all((c.change or 0) >= 0 for c in view.coverage if c.locale == "nb")
    new_state = [c for c in view.coverage if c.page_state == "list/student/share-dialog"]
    assert new_state and all(c.before is None and c.change is None for c in new_state)
    assert "5 new English string(s)" in done.stdout

    html = (run_dir / "translations.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') >= 8
    assert "SÃ¡gastallan" in html and "<script" not in html


def test_2024_06_new_wcag_language_findings_fail_their_states_only(i18n_runs):
    _, runs = i18n_runs
    _, run_dir = runs["2024-06"]
    record = json.loads((run_dir / "record.json").read_text())
    failed = {
        o["test"].split("[")[-1].rstrip("]") for o in record["outcomes"] if o["outcome"] == "failed"
    }
    # T8 is new in 2024-06: "Share list" is on every list page, the rest in the share dialog
    assert failed and all(f.endswith(("-nn", "-se")) for f in failed)
    assert "list/student/share-dialog-nn" in failed and "list/student-se" in failed
    assert not any(
        f.startswith(("lists/student", "find-lists", "list/student/citation-full")) for f in failed
    )
    kinds = {(f["rule"], f["kind"]) for f in record["findings"] if f["source"].startswith("i18n:")}
    assert ("page-lang", "wcag") in kinds and ("lang-of-parts", "wcag") in kinds
    assert ("untranslated", "translation") in kinds
