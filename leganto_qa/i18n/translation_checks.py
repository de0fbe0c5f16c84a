"""Translation checks on text inventories; each problem becomes a finding of the common pipeline.

Rules (source ``i18n:<rule>``):

- ``page-lang`` (WCAG 3.1.1, kind wcag): ``<html lang>`` does not name the chosen locale;
- ``lang-of-parts`` (WCAG 3.1.2, kind wcag): English text (an untranslated string) in a
  nb/nn/se page with no ``lang`` on its element saying it is English;
- ``untranslated`` (kind translation): the same text as the English page in the same place, in
  a nb/nn/se page, unless allowlisted, library data, or marked with another ``lang``;
- ``raw-key``: a label key (``lti.user.error.studentView``) or template (``{{label}}``,
  ``${x}``) shown to users;
- ``placeholder``: an unfilled placeholder (``{0}``, ``%s``, ``{name}``);
- ``mojibake``: broken letters: UTF-8 read as Windows-1252/Latin-1 (``Ã`` + ``\\xb8`` for
  ``ø``, ``Ä`` + ``\\x8d`` for ``č``), the replacement character, ``?`` inside a word;
- ``mixed-forms``: a nynorsk page showing bokmål-only words (``BOKMAL_ONLY``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from leganto_qa.config.translation_allowlist import Allowlist
from leganto_qa.i18n.text_inventory import TextEntry, TextInventory
from leganto_qa.model.findings import Element, Finding, StateContext, shorten_html

ENGLISH = "en"
PAGE_LANGS: dict[str, frozenset[str]] = {
    "en": frozenset({"en"}),
    "nb": frozenset({"nb", "no"}),
    "nn": frozenset({"nn"}),
    "se": frozenset({"se", "sme"}),
}
"""Primary ``lang`` subtags accepted for each UI locale (``no`` is the macrolanguage)."""

BOKMAL_ONLY: dict[str, str] = {
    "ikke": "ikkje",
    "hva": "kva",
    "hvilke": "kva for",
    "hvilken": "kva for ein",
    "hvordan": "korleis",
    "hvorfor": "kvifor",
    "hvem": "kven",
    "hvor": "kvar",
    "noen": "nokon",
    "jeg": "eg",
    "mye": "mykje",
    "fra": "frå",
    "bare": "berre",
    "sammen": "saman",
    "ble": "vart / blei",
}
"""Bokmål words that are wrong in nynorsk, with the nynorsk form (Nynorskordboka)."""

RULES: dict[str, tuple[str, tuple[str, ...], str | None, str, str]] = {
    # rule: (kind, criteria, level, impact, description)
    "page-lang": (
        "wcag",
        ("3.1.1",),
        "A",
        "serious",
        "The page's lang does not match its UI language",
    ),
    "lang-of-parts": (
        "wcag",
        ("3.1.2",),
        "AA",
        "moderate",
        'English text without lang="en" in a Norwegian or Sami page',
    ),
    "untranslated": ("translation", (), None, "moderate", "Text shown in English (not translated)"),
    "raw-key": ("translation", (), None, "serious", "A label key or template shown to users"),
    "placeholder": ("translation", (), None, "serious", "An unfilled placeholder shown to users"),
    "mojibake": ("translation", (), None, "serious", "Broken letters (wrong character encoding)"),
    "mixed-forms": ("translation", (), None, "minor", "Bokmål word in a nynorsk page"),
}
HELP_URLS = {
    "page-lang": "https://www.w3.org/WAI/WCAG22/Understanding/language-of-page.html",
    "lang-of-parts": "https://www.w3.org/WAI/WCAG22/Understanding/language-of-parts.html",
}

_DOTTED_KEY = re.compile(
    r"(?<![\w./@-])[a-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*){2,}(?![\w/@-]|\.\w)"
)
_NOT_KEY_ENDINGS = frozenset(
    {"no", "com", "org", "net", "edu", "uk", "se", "fi", "dk", "eu", "de", "io", "info", "gov"}
    | {"pdf", "html", "htm", "docx", "xlsx", "pptx", "png", "jpg"}
)
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}|\$\{[^{}]*\}|\[\[[\w.]+\]\]")
_PLACEHOLDER = re.compile(r"\{\d+\}|\{[A-Za-z_]\w*\}|%(?:\d+\$)?[sd](?![A-Za-z])")
_URL = re.compile(r"\S+://\S+")
_MOJIBAKE_RUN = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]{2,}"
)
_QUESTION_IN_WORD = re.compile(r"(?<=[^\W\d_])\?(?=[^\W\d_])")
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")


def _cp1252_byte(char: str) -> int | None:
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(char) if ord(char) < 256 else None


def mojibake(text: str) -> str | None:
    """The first broken fragment of ``text`` (as shown), or None when the text is whole.

    A run of Latin-1/Windows-1252 characters that decodes as UTF-8 is UTF-8 read with the wrong
    encoding (``Ã\\xb8`` → ``ø``, ``Å¡`` → ``š``); correct æ ø å and Sami letters never form such a
    run, because each is one character whose byte alone is not valid UTF-8.
    """
    if "\ufffd" in text:
        return "\ufffd"
    for match in _MOJIBAKE_RUN.finditer(text):
        run = match.group()
        for start in range(len(run) - 1):
            for end in range(len(run), start + 1, -1):
                raw = [_cp1252_byte(c) for c in run[start:end]]
                if None in raw:
                    continue
                try:
                    decoded = bytes(b for b in raw if b is not None).decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if any(ord(c) > 127 for c in decoded):
                    return run[start:end]
    question = _QUESTION_IN_WORD.search(_URL.sub(" ", text))
    return "?" if question else None


def raw_key(text: str) -> str | None:
    """A label key or template marker shown as text, or None."""
    template = _TEMPLATE.search(text)
    if template:
        return template.group()
    for match in _DOTTED_KEY.finditer(_URL.sub(" ", text)):
        parts = match.group().split(".")
        if parts[0] != "www" and parts[-1].lower() not in _NOT_KEY_ENDINGS:
            return match.group()
    return None


def placeholder(text: str) -> str | None:
    """An unfilled placeholder (``{0}``, ``{name}``, ``%s``) outside template markers, or None."""
    match = _PLACEHOLDER.search(_TEMPLATE.sub(" ", text))
    return match.group() if match else None


def bokmal_words(text: str) -> list[str]:
    """Bokmål-only words of ``BOKMAL_ONLY`` in ``text``, in order."""
    return [w for w in _WORD.findall(text) if w.lower() in BOKMAL_ONLY]


def primary(lang: str) -> str:
    return lang.split("-")[0].split("_")[0].lower()


def page_lang_ok(html_lang: str, locale: str) -> bool:
    return primary(html_lang) in PAGE_LANGS.get(locale, frozenset({locale}))


def is_untranslated(
    entry: TextEntry, english: TextEntry | None, locale: str, html_lang: str, allow: Allowlist
) -> bool:
    """Identical to the English page's string in the same place, and nothing explains why."""
    if locale == ENGLISH or english is None or entry.text != english.text:
        return False
    if entry.content or english.content or not _LETTER.search(entry.text):
        return False
    if entry.lang and primary(entry.lang) != primary(html_lang):
        return False  # deliberately marked as another language (e.g. language names)
    if english.lang and primary(english.lang) != ENGLISH:
        return False  # not English in the English page either
    return not allow.allows(entry.text, locale)


def check(
    inventory: TextInventory, english: TextInventory | None, allow: Allowlist
) -> list[Finding]:
    """Every translation finding of one page state in one locale.

    ``english`` is the same page state's inventory in English (None when not collected: then
    untranslated and lang-of-parts are not checked).
    """
    findings: list[Finding] = []
    locale = inventory.locale
    if not page_lang_ok(inventory.html_lang, locale):
        shown = inventory.html_lang or "(none)"
        findings.append(
            _finding(
                "page-lang",
                inventory,
                "html[lang]",
                (
                    Element(
                        (),
                        "html",
                        f'<html lang="{shown}">',
                        f"lang={shown!r}, UI language {locale!r}",
                    ),
                ),
            )
        )
    reference = english.by_key() if english is not None and locale != ENGLISH else {}
    by_text: dict[tuple[str, str], list[Element]] = {}
    for entry in inventory.entries:
        for rule, detail in _entry_problems(entry, reference.get(entry.key), inventory, allow):
            if RULES[rule][0] == "wcag":  # a deviation of one element (like axe's)
                findings.append(_finding(rule, inventory, entry.key, (_element(entry, detail),)))
            else:  # a string problem: one finding per text, wherever it shows in the state
                by_text.setdefault((rule, entry.text), []).append(_element(entry, detail))
    for (rule, text), elements in sorted(by_text.items()):
        findings.append(_finding(rule, inventory, text, tuple(elements)))
    return findings


def _entry_problems(
    entry: TextEntry, english: TextEntry | None, inventory: TextInventory, allow: Allowlist
) -> Iterable[tuple[str, str]]:
    key = raw_key(entry.text)
    if key:
        yield "raw-key", f"shows {key!r}"
    hole = placeholder(entry.text)
    if hole:
        yield "placeholder", f"shows {hole!r}"
    broken = mojibake(entry.text)
    if broken:
        yield "mojibake", f"broken text {broken!r}"
    locale = inventory.locale
    if not key and is_untranslated(entry, english, locale, inventory.html_lang, allow):
        yield "untranslated", f"English text in a {locale} page"
        if primary(entry.lang) != ENGLISH:
            yield "lang-of-parts", f"English text inside lang={entry.lang or '(none)'!r}"
    if locale == "nn" and not entry.content and primary(entry.lang) in ("nn", ""):
        words = bokmal_words(entry.text)
        if words:
            forms = ", ".join(f"{w} → {BOKMAL_ONLY[w.lower()]}" for w in words)
            yield "mixed-forms", f"bokmål: {forms}"


def _element(entry: TextEntry, detail: str) -> Element:
    return Element(
        frame_path=(),
        selector=entry.element,
        html=shorten_html(entry.text),
        summary=f"{entry.key}: {entry.source} of {entry.role}: {detail}",
        box=entry.box,
    )


def _finding(
    rule: str, inventory: TextInventory, identity: str, elements: tuple[Element, ...]
) -> Finding:
    """``identity``: the element key (WCAG rules) or the text shown (translation rules)."""
    kind, criteria, level, impact, description = RULES[rule]
    source = f"i18n:{rule}"
    identity = f"{inventory.locale}:{identity}"  # text is per locale: so are its problems
    where = StateContext(inventory.page_state, inventory.locale, inventory.role, inventory.url)
    return Finding.seen(
        where,
        source=source,
        kind=kind,
        rule=rule,
        criteria=criteria,
        level=level,
        impact=impact,
        description=description,
        help_url=HELP_URLS.get(rule, ""),
        identity=identity,
        elements=elements,
    )
