"""Release view: English strings new since the baseline and translation coverage per state.

A *translatable* string is a string of the English page that has letters, is not library data
(the allowlist's content elements) and is not marked as another language. In each other
locale the same place (key) shows it ``translated``, ``untranslated`` (English), broken
(``raw-key``, ``placeholder``, ``mojibake``, ``mixed-forms``) or ``missing`` (not shown).
Coverage is translated ÷ translatable per page state, role and locale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from leganto_qa.i18n.text_inventory import TextEntry, TextInventory
from leganto_qa.i18n.translation_checks import ENGLISH, primary
from leganto_qa.model.findings import Finding
from leganto_qa.model.records import RunRecord
from leganto_qa.model.state_key import state_key

STATUS_ORDER = ("untranslated", "raw-key", "placeholder", "mojibake", "mixed-forms", "missing")
"""Statuses other than ``translated``, worst first (a string shows the first that applies)."""

_LETTER = re.compile(r"[^\W\d_]")


def inventories(record: RunRecord) -> list[TextInventory]:
    return [TextInventory.from_dict(d) for d in record.text_inventory]


def translatable(entry: TextEntry, html_lang: str) -> bool:
    """An English UI string a translator is responsible for."""
    if entry.content or not _LETTER.search(entry.text):
        return False
    return primary(entry.lang or html_lang) in (ENGLISH, primary(html_lang))


def finding_index(
    findings: Iterable[Finding],
) -> dict[tuple[str, str, str, str], dict[str, Finding]]:
    """Translation findings per (page state, role, locale, text shown), by rule."""
    index: dict[tuple[str, str, str, str], dict[str, Finding]] = {}
    for f in findings:
        if f.source.startswith("i18n:") and f.kind == "translation":
            text = f.identity.split(":", 1)[-1]
            index.setdefault((f.page_state, f.role, f.locale, text), {})[f.rule] = f
    return index


@dataclass(frozen=True)
class StringStatus:
    """One English string in one place, and how one locale shows it."""

    page_state: str
    role: str
    locale: str
    key: str
    english: str
    shown: str | None
    status: str


def statuses(record: RunRecord) -> list[StringStatus]:
    """Every translatable string of every page state, in every non-English locale."""
    found = finding_index(record.findings)
    invs = inventories(record)
    english = {(i.page_state, i.role): i for i in invs if i.locale == ENGLISH}
    out = []
    for inv in invs:
        source = english.get((inv.page_state, inv.role))
        if inv.locale == ENGLISH or source is None:
            continue
        shown = inv.by_key()
        for entry in source.entries:
            if not translatable(entry, source.html_lang):
                continue
            here = shown.get(entry.key)
            text = here.text if here else ""
            rules = set(found.get((inv.page_state, inv.role, inv.locale, text), {}))
            status = next((s for s in STATUS_ORDER if s in rules), "translated")
            if here is None:
                status = "missing"
            out.append(
                StringStatus(
                    inv.page_state,
                    inv.role,
                    inv.locale,
                    entry.key,
                    entry.text,
                    here.text if here else None,
                    status,
                )
            )
    return out


def source_strings(record: RunRecord) -> set[str]:
    """The run's translatable English strings."""
    return {
        e.text
        for inv in inventories(record)
        if inv.locale == ENGLISH
        for e in inv.entries
        if translatable(e, inv.html_lang)
    }


def coverage(record: RunRecord) -> dict[str, tuple[int, int]]:
    """(translated, translatable) per page state key (state, role, locale)."""
    counts: dict[str, list[int]] = {}
    for s in statuses(record):
        entry = counts.setdefault(state_key(s.page_state, s.role, s.locale), [0, 0])
        entry[0] += s.status == "translated"
        entry[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(counts.items())}


def baseline_texts(record: RunRecord, previous: Mapping[str, str] | None = None) -> dict[str, str]:
    """English source string → release it was first seen in (kept from ``previous``)."""
    release = str(record.sandbox.get("release", ""))
    before = previous or {}
    return {text: before.get(text, release) for text in sorted(source_strings(record))}


def percent(counts: Sequence[int]) -> float | None:
    translated, total = counts[0], counts[1]
    return round(100.0 * translated / total, 1) if total else None


@dataclass(frozen=True)
class NewString:
    """An English string the baseline did not have, and its status per locale."""

    english: str
    status: dict[str, str]
    page_states: tuple[str, ...]


@dataclass(frozen=True)
class CoverageRow:
    page_state: str
    role: str
    locale: str
    translated: int
    total: int
    percent: float | None
    before: float | None
    change: float | None


@dataclass(frozen=True)
class ReleaseView:
    release: str
    baseline_release: str | None
    locales: tuple[str, ...]
    new_strings: tuple[NewString, ...]
    coverage: tuple[CoverageRow, ...]
    by_locale: dict[str, float | None] = field(default_factory=dict)
    by_locale_before: dict[str, float | None] = field(default_factory=dict)


def release_view(
    record: RunRecord,
    baseline_strings: Mapping[str, str] | None,
    baseline_coverage: Mapping[str, Sequence[int]] | None,
    baseline_release: str | None,
) -> ReleaseView:
    """What is new since the baseline and how coverage changed (no baseline: all is new)."""
    known = baseline_strings or {}
    before_cov = baseline_coverage or {}
    all_status = statuses(record)
    locales = tuple(sorted({s.locale for s in all_status}))
    grouped: dict[str, dict[str, set[str]]] = {}
    places: dict[str, set[str]] = {}
    for s in all_status:
        if s.english in known:
            continue
        grouped.setdefault(s.english, {}).setdefault(s.locale, set()).add(s.status)
        places.setdefault(s.english, set()).add(f"{s.page_state} [{s.role}]")
    new = tuple(
        NewString(
            english=text,
            status={
                loc: next((x for x in STATUS_ORDER if x in found), "translated")
                for loc, found in sorted(by_loc.items())
            },
            page_states=tuple(sorted(places[text])),
        )
        for text, by_loc in sorted(grouped.items())
    )
    rows = []
    for key, counts in coverage(record).items():
        state, rest = key.rsplit(" [", 1)
        role, locale = rest.rstrip("]").split(", ")
        now = percent(counts)
        old = percent(before_cov[key]) if key in before_cov else None
        rows.append(
            CoverageRow(
                state,
                role,
                locale,
                counts[0],
                counts[1],
                now,
                old,
                round(now - old, 1) if now is not None and old is not None else None,
            )
        )
    return ReleaseView(
        release=str(record.sandbox.get("release", "")),
        baseline_release=baseline_release,
        locales=locales,
        new_strings=new,
        coverage=tuple(rows),
        by_locale=_by_locale(coverage(record), locales),
        by_locale_before=_by_locale(before_cov, locales),
    )


def _by_locale(cov: Mapping[str, Sequence[int]], locales: Iterable[str]) -> dict[str, float | None]:
    out = {}
    for locale in locales:
        rows = [c for k, c in cov.items() if k.endswith(f", {locale}]")]
        out[locale] = percent((sum(r[0] for r in rows), sum(r[1] for r in rows)))
    return out
