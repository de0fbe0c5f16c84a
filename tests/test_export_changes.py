"""The exports differ: a format that disappeared or lost citations breaks, a fixed one does not;
one sentence per change in en and nb, locales grouped."""

from __future__ import annotations

from leganto_qa.compare.export_changes import diff_exports
from leganto_qa.compare.integration_changes import DIFFERS

TITLES = [f"Title {i}" for i in range(17)]


def _entry(fmt, locale, found=17, missing=(), in_order=True, release="2024-05"):
    ok = found == 17 and in_order
    return {
        "key": f"{fmt}:{locale}",
        "format": fmt,
        "locale": locale,
        "expected": 17,
        "found": found,
        "missing": list(missing),
        "in_order": in_order,
        "ok": ok,
        "release": release,
    }


def _all(fmts=("pdf", "ris", "word"), locales=("en", "nb"), **changed):
    return [changed.get(f"{f}:{loc}") or _entry(f, loc) for f in fmts for loc in locales]


def test_the_differ_is_registered_for_exports():
    assert DIFFERS["exports"] is diff_exports


def test_same_exports_no_changes():
    assert diff_exports(_all(), _all()) == []


def test_an_emptied_format_is_one_break_naming_its_locales():
    run = _all(**{f"ris:{loc}": _entry("ris", loc, 0, TITLES) for loc in ("en", "nb")})
    [change] = diff_exports(_all(), run)
    assert (change.kind, change.breaks, change.key) == ("content-lost", True, "ris:en,nb")
    assert change.sentence("en") == "RIS export lost all 17 citations since 2024-05 (en, nb)"
    assert change.sentence("nb") == (
        "RIS-eksporten har mistet alle 17 referansene siden 2024-05 (en, nb)"
    )


def test_lost_citations_are_named_and_order_lost_is_a_break():
    run = _all(
        **{
            "pdf:nb": _entry("pdf", "nb", 15, TITLES[:2]),
            "word:en": _entry("word", "en", in_order=False),
        }
    )
    lost, order = diff_exports(_all(), run)
    assert lost.sentence() == (
        "PDF export lost 2 of 17 citations since 2024-05 (nb): 'Title 0', 'Title 1'"
    )
    assert lost.detail["missing"] == ["Title 0", "Title 1"] and lost.breaks
    assert order.kind == "order-lost" and order.breaks
    assert order.sentence("nb") == (
        "Word-eksporten viser referansene utenfor seksjonsrekkefølgen siden 2024-05 (en)"
    )


def test_a_format_no_longer_offered_breaks_only_in_locales_the_run_checked():
    run = [e for e in _all(locales=("en",)) if e["format"] != "word"]
    [gone] = diff_exports(_all(), run)  # nb was not checked: says nothing about nb
    assert (gone.kind, gone.breaks) == ("format-lost", True)
    assert gone.sentence() == "Word export is no longer offered since 2024-05 (en)"
    assert gone.sentence("nb") == "Word-eksporten tilbys ikke lenger siden 2024-05 (en)"


def test_a_fixed_export_and_a_new_format_are_not_breaks():
    broken = _all(**{"ris:en": _entry("ris", "en", 0, TITLES)})
    now = [*_all(), _entry("bibtex", "en"), _entry("bibtex", "nb")]
    fixed, new = diff_exports(broken, now)
    assert (fixed.kind, fixed.breaks) == ("fixed", False)
    assert fixed.sentence() == (
        "RIS export lists all 17 citations in order again since 2024-05 (en)"
    )
    assert (new.kind, new.breaks) == ("format-new", False)
    assert new.sentence() == "New export format since 2024-05: BibTeX export (en, nb)"


def test_an_export_still_broken_is_not_news():
    broken = _all(**{"ris:en": _entry("ris", "en", 0, TITLES)})
    assert diff_exports(broken, broken) == []


def test_without_a_release_in_the_baseline_it_says_the_baseline():
    base = [{k: v for k, v in e.items() if k != "release"} for e in _all()]
    run = _all(**{"pdf:en": _entry("pdf", "en", 0, TITLES)})
    [change] = diff_exports(base, run)
    assert change.sentence() == "PDF export lost all 17 citations since the baseline (en)"
    assert change.sentence("nb").endswith("siden grunnlinjen (en)")
