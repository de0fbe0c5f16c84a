"""Worklist, release view and report files from hand-made records (no browser)."""

from __future__ import annotations

import io
import tomllib

from PIL import Image

from leganto_qa.compare.baseline import Baseline, baseline_from_record, load_baseline
from leganto_qa.i18n.release_view import coverage, release_view, statuses
from leganto_qa.i18n.text_inventory import TextEntry, TextInventory
from leganto_qa.i18n.translation_checks import check
from leganto_qa.model.records import RunLayout, RunRecord, assemble, write_part
from leganto_qa.model.redaction import Redactor
from leganto_qa.model.storage import write_text_atomic
from leganto_qa.reports.translations_report import LABELS
from leganto_qa.reports.translations_worklist import (
    CSV_COLUMNS,
    WorkRow,
    read_csv,
    to_csv,
    worklist,
)
from tests.test_i18n_checks import ALLOW

SAMI = "á č đ ŋ š ŧ ž Á Č Đ Ŋ Š Ŧ Ž"
STATE = "list/student"


def _entry(key: str, text: str, box=None) -> TextEntry:
    return TextEntry(key, "text", "text", text, "button", key.split("|")[0], "", False, box)


def _inv(locale: str, texts: dict[str, str], shot: str | None = None) -> TextInventory:
    entries = tuple(
        _entry(k, t, (10.0 + 40 * i, 10.0, 30.0, 20.0)) for i, (k, t) in enumerate(texts.items())
    )
    return TextInventory(STATE, "student", locale, "u", locale, entries, shot)


def _record(tmp_path, release: str, pages: dict[str, dict[str, str]], run_id: str) -> RunRecord:
    layout = RunLayout(tmp_path / run_id)
    english = _inv("en", pages["en"])
    for locale, texts in pages.items():
        shot = None
        if locale != "en":
            png = io.BytesIO()
            Image.new("RGB", (1280, 800), "white").save(png, format="PNG")
            path = layout.root / f"{locale}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png.getvalue())
            shot = path.name
        inv = _inv(locale, texts, shot)
        findings = check(inv, english if locale != "en" else None, ALLOW)
        write_part(
            layout,
            "gw0",
            "text_inventory",
            {"inventory": inv.to_dict(), "findings": [f.to_dict() for f in findings]},
            Redactor(),
        )
    base = {
        "run_id": run_id,
        "status": "complete",
        "sandbox": {"id": "demo", "release": release, "locales": list(pages)},
        "versions": {"harness": "x"},
        "command": [],
        "started_at": "s",
        "finished_at": "f",
    }
    return assemble(layout, base=base, outcomes=[])


OLD = {
    "en": {"#print|text": "Print list", "#font|text": "Font size", "#n|text": "{{counter}} new"},
    "nb": {"#print|text": "Skriv ut liste", "#font|text": "Skriftstørrelse", "#n|text": "x"},
    "se": {"#print|text": "Čálit listtu", "#font|text": "Font size", "#n|text": "x"},
}
NEW = {
    "en": {**OLD["en"], "#share|aria-label": "Share list"},
    "nb": {**OLD["nb"], "#share|aria-label": "Del listen"},
    "se": {**OLD["se"], "#share|aria-label": "Share list"},
}


def test_record_keeps_inventories_and_findings_of_the_i18n_parts(tmp_path):
    record = _record(tmp_path, "2024-05", OLD, "r1")
    assert [i["locale"] for i in record.text_inventory] == ["en", "nb", "se"]
    assert record.summary()["findings"]["translation"] == 2  # raw key in en, untranslated se
    assert RunRecord.from_dict(record.to_dict()) == record


def test_release_view_names_new_strings_and_coverage_change(tmp_path):
    old = _record(tmp_path, "2024-05", OLD, "r1")
    new = _record(tmp_path, "2024-06", NEW, "r2")
    accepted = baseline_from_record(old)
    assert accepted.i18n_strings == {
        s: "2024-05" for s in ("Font size", "Print list", "{{counter}} new")
    }
    assert coverage(old) == {
        "list/student [student, nb]": (3, 3),
        "list/student [student, se]": (2, 3),
    }
    view = release_view(new, accepted.i18n_strings, accepted.i18n_coverage, accepted.release)
    assert [(s.english, s.status) for s in view.new_strings] == [
        ("Share list", {"nb": "translated", "se": "untranslated"})
    ]
    se = next(c for c in view.coverage if c.locale == "se")
    assert (se.translated, se.total, se.percent, se.before, se.change) == (2, 4, 50.0, 66.7, -16.7)
    nb = next(c for c in view.coverage if c.locale == "nb")
    assert nb.change == 0.0
    assert {s.status for s in statuses(new) if s.locale == "se"} == {"translated", "untranslated"}
    # first seen is kept when the next release is accepted
    again = baseline_from_record(new, previous=accepted)
    assert again.i18n_strings["Font size"] == "2024-05"
    assert again.i18n_strings["Share list"] == "2024-06"


def test_baseline_file_round_trips_the_translation_sections(tmp_path):
    accepted = baseline_from_record(_record(tmp_path, "2024-05", OLD, "r1"))
    path = tmp_path / "demo.json"
    write_text_atomic(path, accepted.to_text())
    loaded = load_baseline(path)
    assert isinstance(loaded, Baseline)
    assert loaded.i18n_strings == accepted.i18n_strings
    assert loaded.i18n_coverage == accepted.i18n_coverage
    assert '  "i18n_strings": {' in path.read_text(encoding="utf-8")


def test_worklist_puts_new_strings_first_and_crops_them(tmp_path):
    old = _record(tmp_path, "2024-05", OLD, "r1")
    new = _record(tmp_path, "2024-06", NEW, "r2")
    rows = worklist(new, baseline_from_record(old), tmp_path / "r2")
    assert [(r.locale, r.status, r.english, r.new, r.first_seen) for r in rows] == [
        ("se", "untranslated", "Share list", True, "2024-06"),
        ("se", "untranslated", "Font size", False, "2024-05"),
        ("en", "raw-key", "{{counter}} new", False, "2024-05"),
    ]
    assert rows[0].wcag == ["3.1.2"] and rows[2].suggested_key == "{{counter}}"
    assert rows[0].crop and rows[0].crop.startswith("data:image/png;base64,")
    assert rows[2].crop is None  # the English page kept no screenshot
    no_baseline = worklist(new, None)
    assert all(r.new and r.first_seen == "2024-06" for r in no_baseline)


def test_csv_round_trips_every_sami_letter(tmp_path):
    row = WorkRow(
        english='Share "list", now',
        locale="se",
        status="mojibake",
        shown=f"{SAMI}; æ ø å\nnew line",
        page_states=["list/student [student]", "list/instructor [instructor]"],
        elements=["button #share-list-button"],
        first_seen="2024-06",
        new=True,
    )
    path = tmp_path / "translations.csv"
    path.write_bytes(to_csv([row]).encode("utf-8-sig"))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets then read UTF-8
    (back,) = read_csv(path)
    assert list(back) == list(CSV_COLUMNS)
    assert back["shown"] == row.shown and back["english"] == row.english
    assert back["page_states"] == "list/student [student]; list/instructor [instructor]"
    for letter in SAMI.split():
        assert letter in back["shown"]


def test_html_report_is_escaped_self_contained_and_in_bokmal(tmp_path):
    from leganto_qa.reports.translations import write_worklist

    pages = {
        "en": {"#x|text": "<script>alert(1)</script> Share"},
        "se": {"#x|text": "<script>alert(1)</script> Share"},
    }
    record = _record(tmp_path, "2024-06", pages, "r3")
    files = write_worklist(record, RunLayout(tmp_path / "r3"), None, lang="nb")
    html = files.html.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Arbeidsliste" in html and "ikke oversatt (engelsk)" in html
    assert 'src="data:image/png;base64,' in html and "http" not in html.split("<body>")[1]
    assert read_csv(files.csv)[0]["status"] == "untranslated"


def test_labels_have_the_same_keys_in_english_and_bokmal():
    table = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    assert set(table) == {"en", "nb"}
    assert set(table["en"]) == set(table["nb"])
    statuses_used = {"translated", "untranslated", "raw-key", "placeholder", "mojibake"}
    assert {f"status_{s}" for s in statuses_used} <= set(table["en"])
