"""Translation checks on hand-made inventories: each rule, and no false alarms."""

from __future__ import annotations

import pytest

from leganto_qa.config.translation_allowlist import (
    FILE_NAME,
    Allowlist,
    allowlist_path,
    load_allowlist,
)
from leganto_qa.i18n.text_inventory import TextEntry, TextInventory, entries_from_raw
from leganto_qa.i18n.translation_checks import (
    BOKMAL_ONLY,
    bokmal_words,
    check,
    mojibake,
    page_lang_ok,
    placeholder,
    raw_key,
)
from leganto_qa.model.errors import ConfigError
from tests.conftest import REPO

SAMI = "á č đ ŋ š ŧ ž Á Č Đ Ŋ Š Ŧ Ž"
NORWEGIAN = "æ ø å Æ Ø Å"
ALLOW = load_allowlist(REPO / FILE_NAME)


def entry(key: str, text: str, **extra: object) -> TextEntry:
    fields: dict[str, object] = {
        "key": key,
        "source": "text",
        "kind": "text",
        "text": text,
        "role": "button",
        "element": key.split("|")[0],
    }
    fields.update(extra)
    return TextEntry(**fields)  # type: ignore[arg-type]


def inventory(locale: str, *entries: TextEntry, html_lang: str | None = None) -> TextInventory:
    return TextInventory(
        page_state="list/student",
        role="student",
        locale=locale,
        url="http://leganto.localhost/leganto/nui/lists/1",
        html_lang=locale if html_lang is None else html_lang,
        entries=tuple(e if e.lang else _with_lang(e, html_lang or locale) for e in entries),
    )


def _with_lang(e: TextEntry, lang: str) -> TextEntry:
    return TextEntry(**{**e.to_dict(), "lang": lang, "box": e.box})


def rules(findings):
    return sorted((f.rule, f.identity) for f in findings)


# --- broken letters --------------------------------------------------------------------------


def _as_cp1252(text: str) -> str:
    """UTF-8 bytes shown as Windows-1252 (Latin-1 for the bytes cp1252 leaves undefined)."""
    return "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in text.encode("utf-8")
    )


@pytest.mark.parametrize("letter", (SAMI + " " + NORWEGIAN).split())
def test_every_sami_and_norwegian_letter_read_with_the_wrong_encoding_is_mojibake(letter):
    word = f"S{letter}gastallan"
    assert mojibake(word) is None
    assert mojibake(_as_cp1252(word)) is not None


def test_correct_sami_and_norwegian_text_is_not_mojibake():
    texts = (
        SAMI,
        NORWEGIAN,
        "Ságastallan girjerádjosiin",
        "Čájet buot elemeanttaid",
        "Ođđa oassi",
        "Olggosfievrrit listtu",
        "ŊUOLLA ŠADDU ŽUŽŽU ŦAKTA ĐÁVVI",
        "Kjøp blåbær på Ærø \u2013 «sitat» … 50 % rabatt",
        "Innføring i sosiologi \u2013 pensum høst 2024",
        "http://leganto.localhost/leganto/public/47BIBSYS_DEMO/lists/1?auth=SAML",
        "Hva?",
    )
    for text in texts:
        assert mojibake(text) is None, text


def test_replacement_character_and_question_mark_inside_a_word_are_broken():
    assert mojibake("Gj\ufffdvik") == "\ufffd"
    assert mojibake("Tilgjengelighetsinnstillinger for Gj?vik") == "?"


# --- raw keys and placeholders ---------------------------------------------------------------


def test_raw_keys_and_templates_are_found():
    assert raw_key("lti.user.error.studentView") == "lti.user.error.studentView"
    assert raw_key("Error: nui.list.summary.itemsInSections") == "nui.list.summary.itemsInSections"
    assert raw_key("There are {{counter}} new notifications") == "{{counter}}"
    assert raw_key("Hello ${name}") == "${name}"
    assert raw_key("{{label}}") == "{{label}}"


def test_domains_files_versions_and_abbreviations_are_not_raw_keys():
    for text in (
        "Visit www.uio.no for help",
        "ub.uio.no.",
        "See report.final.pdf",
        "Version 2024.06.0.1402",
        "bl.a. og m.fl. og f.eks.",
        "10.18261/tfs.63.2.1",
        "Kari Nordmann",
    ):
        assert raw_key(text) is None, text


def test_unfilled_placeholders_are_found_but_not_inside_templates():
    assert placeholder("{0} items") == "{0}"
    assert placeholder("There are {count} new") == "{count}"
    assert placeholder("Saved %s") == "%s"
    assert placeholder("Saved %1$s") == "%1$s"
    assert placeholder("There are {{counter}} new") is None
    assert placeholder("50 % off, 100%") is None


# --- mixed forms -----------------------------------------------------------------------------


def test_bokmal_words_in_nynorsk_text_are_found_as_words_only():
    assert bokmal_words("Du har ikke tilgang. Hva vil du gjøre?") == ["ikke", "Hva"]
    assert bokmal_words("Du har ikkje tilgang. Kva vil du gjere? Berre ein ting.") == []
    assert bokmal_words("Hvordan") == ["Hvordan"]
    assert bokmal_words("ikkefarleg fraktbrev") == []  # parts of words do not count
    assert set(BOKMAL_ONLY) >= {"ikke", "hva", "hvilke"}


def test_mixed_forms_only_on_nynorsk_pages_and_not_in_data():
    nn = inventory(
        "nn",
        entry("#a|text", "Du har ikke tilgang"),
        entry("#b|text", "Hva er pensum", content=True),
    )
    assert rules(check(nn, None, ALLOW)) == [("mixed-forms", "nn:Du har ikke tilgang")]
    nb = inventory("nb", entry("#a|text", "Du har ikke tilgang"))
    assert check(nb, None, ALLOW) == []


# --- page language and untranslated ----------------------------------------------------------


def test_page_lang_must_name_the_ui_language():
    assert page_lang_ok("nb", "nb") and page_lang_ok("no", "nb") and page_lang_ok("nb-NO", "nb")
    assert page_lang_ok("nn-NO", "nn") and page_lang_ok("se", "se") and page_lang_ok("en-GB", "en")
    assert not page_lang_ok("en", "nn") and not page_lang_ok("nb", "nn")
    assert not page_lang_ok("", "se")
    wrong = check(inventory("nn", entry("#a|text", "Tilbake"), html_lang="en"), None, ALLOW)
    assert [(f.rule, f.kind, f.criteria) for f in wrong] == [("page-lang", "wcag", ("3.1.1",))]


def test_untranslated_english_is_a_translation_finding_and_a_3_1_2_deviation():
    english = inventory("en", entry("#share|aria-label", "Share list"), entry("#p|text", "Print"))
    nn = inventory("nn", entry("#share|aria-label", "Share list"), entry("#p|text", "Skriv ut"))
    found = check(nn, english, ALLOW)
    assert rules(found) == [
        ("lang-of-parts", "nn:#share|aria-label"),
        ("untranslated", "nn:Share list"),
    ]
    kinds = {f.rule: (f.kind, f.criteria) for f in found}
    assert kinds == {
        "untranslated": ("translation", ()),
        "lang-of-parts": ("wcag", ("3.1.2",)),
    }
    # the same string elsewhere on the page is the same finding, with two elements
    twice = inventory(
        "se", entry("#share|aria-label", "Share list"), entry("#title|text", "Share list")
    )
    english2 = inventory(
        "en", entry("#share|aria-label", "Share list"), entry("#title|text", "Share list")
    )
    grouped = [f for f in check(twice, english2, ALLOW) if f.rule == "untranslated"]
    assert len(grouped) == 1 and len(grouped[0].elements) == 2


def test_english_marked_with_lang_en_is_untranslated_but_no_3_1_2_deviation():
    english = inventory("en", entry("#a|text", "Share list"))
    nb = inventory("nb", entry("#a|text", "Share list", lang="en"))
    # deliberately marked as another language: the author meant it (language names)
    assert check(nb, english, ALLOW) == []


def test_no_false_alarms_on_names_course_codes_allowlist_data_and_language_names():
    pairs = [
        ("#course|text", "SOS1001"),
        ("#course2|text", "EXPH0300 Examen philosophicum"),
        ("#code|text", "INF1010-V25"),
        ("#product|text", "Leganto"),
        ("#isbn|text", "ISBN"),
        ("#count|text", "(10)"),
        ("#date|text", "2024-05-21"),
    ]
    english = inventory(
        "en",
        *(entry(k, t) for k, t in pairs),
        entry("#author|text", "Nordmann, Kari; Hansen, Per", content=True),
        entry("#title|text", "The Sociological Imagination", content=True),
        entry("#lang-nb|text", "Norsk (bokmål)", lang="nb"),
        entry("#lang-en|text", "English"),
        entry("#type|text", "Type"),
        entry("#user|text", "ON", content=True),
    )
    nb = inventory(
        "nb",
        *(entry(k, t) for k, t in pairs),
        entry("#author|text", "Nordmann, Kari; Hansen, Per", content=True),
        entry("#title|text", "The Sociological Imagination", content=True),
        entry("#lang-nb|text", "Norsk (bokmål)"),
        entry("#lang-en|text", "English", lang="en"),
        entry("#type|text", "Type"),
        entry("#user|text", "ON", content=True),
    )
    assert check(nb, english, ALLOW) == []
    # "Type" is the same word in bokmål, not in Sami
    se = inventory("se", entry("#type|text", "Type"))
    assert rules(check(se, english, ALLOW)) == [
        ("lang-of-parts", "se:#type|text"),
        ("untranslated", "se:Type"),
    ]


def test_correct_sami_page_has_no_findings():
    english = inventory(
        "en", entry("#a|text", "Discussion with the library"), entry("#b|text", "New section")
    )
    se = inventory(
        "se", entry("#a|text", "Ságastallan girjerádjosiin"), entry("#b|text", "Ođđa oassi")
    )
    assert check(se, english, ALLOW) == []
    broken = inventory("se", entry("#a|text", _as_cp1252("Ságastallan girjerádjosiin")))
    assert rules(check(broken, english, ALLOW)) == [
        ("mojibake", f"se:{_as_cp1252('Ságastallan girjerádjosiin')}")
    ]


def test_fingerprints_are_stable_and_locale_specific():
    english = inventory("en", entry("#a|text", "Share list"))
    nn = check(inventory("nn", entry("#a|text", "Share list")), english, ALLOW)
    se = check(inventory("se", entry("#a|text", "Share list")), english, ALLOW)
    again = check(inventory("nn", entry("#a|text", "Share list")), english, ALLOW)
    assert [f.fingerprint for f in nn] == [f.fingerprint for f in again]
    assert not {f.fingerprint for f in nn} & {f.fingerprint for f in se}
    assert all(f.source == f"i18n:{f.rule}" for f in nn)


# --- inventory keys and the allowlist file ---------------------------------------------------


def test_keys_drop_generated_ids_and_number_repeats_in_document_order():
    raw = [
        {"path": "#section-header-8812345670104711>h2", "source": "text", "kind": "text",
         "text": "Obligatorisk", "role": "heading", "element": "#section-header-8812345670104711"},
        {"path": "#section-header-8812345670204711>h2", "source": "text", "kind": "text",
         "text": "Anbefalt", "role": "heading", "element": "#section-header-8812345670204711"},
        {"path": "#mat-mdc-checkbox-12", "source": "aria-label", "kind": "aria-label",
         "text": "Velg", "role": "checkbox", "element": "#mat-mdc-checkbox-12",
         "box": [1.04, 2, 3, 4]},
    ]  # fmt: skip
    keys = [e.key for e in entries_from_raw(raw)]
    assert keys == ["#section-header-#>h2|text", "#section-header-#>h2|text@2",
                    "#mat-mdc-checkbox-#|aria-label"]  # fmt: skip
    assert entries_from_raw(raw)[2].box == (1.0, 2.0, 3.0, 4.0)
    inv = inventory("nb", *entries_from_raw(raw))
    assert TextInventory.from_dict(inv.to_dict()) == inv


def test_allowlist_file_is_read_and_bad_patterns_are_one_line_errors(tmp_path):
    assert ALLOW.allows("Normal", "nb") and not ALLOW.allows("Normal", "se")
    assert ALLOW.allows("SOS1001 Innføring i sosiologi", "se")
    assert ".section-name" in ALLOW.content_inside and "dd" in ALLOW.content_exact
    bad = tmp_path / FILE_NAME
    bad.write_text("[terms]\npatterns = ['(']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[terms\] patterns item 1 is not a regular expression"):
        load_allowlist(bad)
    bad.write_text("[terms]\nsame_everywhere = 'Leganto'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a list of strings"):
        load_allowlist(bad)
    assert load_allowlist(tmp_path / "absent.toml") == Allowlist()
    config = tmp_path / "sandboxes.toml"
    assert allowlist_path(config, {}) == bad
    assert allowlist_path(None, {"LEGANTO_QA_I18N_ALLOWLIST": "/x.toml"}).as_posix() == "/x.toml"
    assert allowlist_path(tmp_path / "elsewhere" / "sandboxes.toml", {}) == REPO / FILE_NAME
