"""What the demo must show for each release of the stand-in (fixtures/sandbox/RELEASES.md),
read from the run record and from comparing the second release with the first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leganto_qa.compare.baseline import Baseline
from leganto_qa.compare.comparison import compare
from leganto_qa.compare.explored_changes import split_explored
from leganto_qa.i18n.release_view import release_view
from leganto_qa.model.records import RunRecord
from leganto_qa.reports.consortium import Overview
from leganto_qa.reports.translations import untranslated_new

DEMO_LOCALES = ("en", "nb")
DEMO_TRANSLATION_LOCALES = ("nb", "nn", "se")
"""The i18n suite's languages in the demo: the translation work the consortium does."""
PRINT_TEST = "test_student_prints_list"


@dataclass(frozen=True)
class Expectation:
    """One thing the demo must show for a release."""

    release: str
    text: str
    holds: bool


def expectations(release: str, record: RunRecord) -> list[Expectation]:
    rules = {f.rule for f in record.findings if f.kind == "wcag"}
    locales = {f.locale for f in record.findings}
    printing = next((o for o in record.outcomes if o.test.endswith(PRINT_TEST)), None)
    read = {str(text["locale"]) for text in record.text_inventory}
    checks = [
        ("findings tied to page states in every locale", set(DEMO_LOCALES) <= locales),
        ("the i18n suite read the pages in nb, nn and se", set(DEMO_TRANSLATION_LOCALES) <= read),
        ("no inconclusive tests", record.summary()["tests"]["inconclusive"] == 0),
        (
            "the state explorer scanned states no page object names (e.g. the Help menu)",
            any(split_explored(s.id) for s in record.page_states),
        ),
    ]
    if release == "2024-05":
        checks += [
            ("'Print list' works", printing is not None and printing.outcome == "passed"),
            ("unnamed link in the citation full view (link-name)", "link-name" in rules),
            ("sidebar buttons are named (no button-name)", "button-name" not in rules),
        ]
    else:
        kept = printing.artifacts if printing else ()
        checks += [
            (
                "'Print list' breaks (renamed menu item) with screenshot and trace",
                printing is not None
                and printing.outcome == "failed"
                and any(a.endswith(".png") for a in kept)
                and any(a.endswith(".zip") for a in kept),
            ),
            ("new: unnamed sidebar buttons (button-name)", "button-name" in rules),
            ("fixed: the citation link has a name (no link-name)", "link-name" not in rules),
        ]
    return [Expectation(release, text, bool(holds)) for text, holds in checks]


def comparison_expectations(
    record: RunRecord, baseline: Baseline, run_dir: Path
) -> list[Expectation]:
    """What comparing the second release with the first must show (RELEASES.md)."""
    result = compare(record, baseline, run_dir=run_dir)
    wcag = [f for f in result.new if f.kind == "wcag"]
    new = {f.rule for f in wcag if not f.source.startswith("i18n:")}
    new_i18n = {f.locale for f in wcag if f.source.startswith("i18n:")}
    integrations = sorted((c.area, c.kind) for c in result.integration_changes)
    english = {g.sentence() for g in result.ui_changes if g.locale == "en"}
    resolved = {str(f["rule"]) for f in result.resolved}
    regressions = [o.test for o in result.regressions]
    untranslated = untranslated_new(
        release_view(record, baseline.i18n_strings, baseline.i18n_coverage, baseline.release)
    )
    checks = [
        ("comparison: new button-name only (axe and the browser checks)", new == {"button-name"}),
        (
            "comparison: the untranslated Share strings are new language-of-parts problems "
            f"in nn and se only ({', '.join(sorted(new_i18n)) or 'none'})",
            new_i18n == {"nn", "se"},
        ),
        (
            "integrations: exactly the three documented breaks (an Oria link, the BOLK page "
            f"range, the RIS export): {integrations}",
            integrations
            == [("copyright", "field-lost"), ("exports", "content-lost"), ("links", "broke")]
            and len(result.integration_breaks) == 3,
        ),
        ("comparison: link-name resolved", "link-name" in resolved),
        (
            "comparison: 'Print list' is the one regression",
            len(regressions) == 1 and regressions[0].endswith(PRINT_TEST),
        ),
        (
            "API: publishingStatus renamed",
            any("publishing_status" in c.sentence() for _, c in result.api_changes),
        ),
        (
            "API: new secondary_type value E_CR",
            any("E_CR" in c.sentence() for _, c in result.api_changes),
        ),
        ("UI changes: new button 'Share list'", "New button 'Share list' in the header" in english),
        (
            "UI changes: the state explorer opened the new dialog 'Share list'",
            "New dialog 'Share list' opened from the header" in english,
        ),
        (
            "translations: the new strings are untranslated in nn and se, not in nb "
            + str({locale: untranslated.get(locale) for locale in DEMO_TRANSLATION_LOCALES}),
            untranslated.get("nb") == 0
            and (untranslated.get("nn") or 0) > 0
            and (untranslated.get("se") or 0) > 0,
        ),
        (
            "UI changes: the three sidebar buttons lost their names",
            sum("lost its name in the sidebar" in s for s in english) == 3,
        ),
    ]
    return [Expectation(record.sandbox["release"], text, bool(ok)) for text, ok in checks]


def consortium_expectations(release: str, overview: Overview) -> list[Expectation]:
    """What the overview of demo and demo-hvl must show (RELEASES.md, "Institutions")."""
    local = [p for p in overview.local if p.rule == "image-alt" and p.seen_in == ("demo-hvl",)]
    vendor = {p.rule for p in overview.everywhere if p.seen_in == ("demo", "demo-hvl")}
    checks = [
        ("consortium: both institutions run", overview.ran == ("demo", "demo-hvl")),
        (
            "consortium: demo-hvl's banner without alt text is local (seen in one sandbox)",
            any("banner-demo-hvl" in p.html for p in local),
        ),
        (
            "consortium: button-name is the vendor's (seen in every sandbox)",
            "button-name" in vendor,
        ),
    ]
    return [Expectation(release, text, bool(ok)) for text, ok in checks]
