"""What changed in the list exports since the baseline (area ``exports``).

Entries (one per format and locale, key ``format:locale``) come from the workflows suite's
export test: ``expected``, ``found``, ``missing`` titles, ``in_order``, ``ok`` and the
``release`` checked. A format the baseline had in a locale this run checked but the run lacks
disappeared; a format that finds fewer citations or loses their order lost content: both
break. An export that is complete again is fixed; a new format is news that needs no action.
One change per kind, format and outcome, naming every locale it was seen in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from leganto_qa.compare.integration_change import Entries, IntegrationChange

AREA = "exports"
NAMES = {
    "pdf": ("PDF export", "PDF-eksporten"),
    "word": ("Word export", "Word-eksporten"),
    "excel": ("Excel export", "Excel-eksporten"),
    "ris": ("RIS export", "RIS-eksporten"),
    "bibtex": ("BibTeX export", "BibTeX-eksporten"),
    "print": ("Print view", "Utskriftsvisningen"),
}
_KIND_ORDER = ("format-lost", "content-lost", "order-lost", "fixed", "format-new")


def _names(fmt: str) -> tuple[str, str]:
    return NAMES.get(fmt, (f"{fmt} export", f"{fmt}-eksporten"))


def diff_exports(baseline: Entries, run: Entries) -> list[IntegrationChange]:
    """Breaks first (lost formats, lost content, lost order), then fixes and new formats."""
    base = {str(e["key"]): e for e in baseline}
    now = {str(e["key"]): e for e in run}
    since = next((str(e["release"]) for e in baseline if e.get("release")), "the baseline")
    checked = {_locale(e) for e in run}
    groups: dict[tuple[Any, ...], list[str]] = {}
    for key in sorted(base.keys() | now.keys()):
        old, new = base.get(key), now.get(key)
        entry = new or old
        assert entry is not None
        fmt, locale = str(entry.get("format", key.split(":")[0])), _locale(entry)
        for signature in _signatures(fmt, old, new, checked, {_locale(e) for e in baseline}):
            groups.setdefault(signature, []).append(locale)
    changes = [_change(sig, locales, since) for sig, locales in groups.items()]
    return sorted(changes, key=lambda c: (_KIND_ORDER.index(c.kind), c.key))


def _locale(entry: Mapping[str, Any]) -> str:
    return str(entry.get("locale", str(entry.get("key", "")).partition(":")[2]))


def _signatures(
    fmt: str,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    checked: set[str],
    baseline_locales: set[str],
) -> list[tuple[Any, ...]]:
    """What happened to one format in one locale, as grouping signatures (none: no change)."""
    if old is None and new is not None:
        return [("format-new", fmt)] if _locale(new) in baseline_locales else []
    if old is None or new is None:
        return [("format-lost", fmt)] if old is not None and _locale(old) in checked else []
    expected = int(new.get("expected", 0))
    was, now = int(old.get("found", 0)), int(new.get("found", 0))
    out: list[tuple[Any, ...]] = []
    if now < was:
        lost = tuple(t for t in new.get("missing", ()) if t not in old.get("missing", ()))
        out.append(("content-lost", fmt, was, now, expected, lost))
    if old.get("in_order", True) and not new.get("in_order", True):
        out.append(("order-lost", fmt))
    if not out and not old.get("ok", False) and new.get("ok", False):
        out.append(("fixed", fmt, expected))
    return out


def _change(signature: tuple[Any, ...], locales: list[str], since: str) -> IntegrationChange:
    kind, fmt = signature[0], signature[1]
    en, nb = _names(fmt)
    nb_since = "grunnlinjen" if since == "the baseline" else since
    where = f"({', '.join(locales)})"
    detail: dict[str, Any] = {"format": fmt, "locales": locales, "since": since}
    if kind == "format-lost":
        text = {
            "en": f"{en} is no longer offered since {since} {where}",
            "nb": f"{nb} tilbys ikke lenger siden {nb_since} {where}",
        }
    elif kind == "content-lost":
        was, now, expected, lost = signature[2:]
        detail.update(found_before=was, found=now, expected=expected, missing=list(lost))
        titles = f": {', '.join(repr(t) for t in lost[:3])}" if lost else ""
        titles += f" and {len(lost) - 3} more" if len(lost) > 3 else ""
        if now == 0:
            text = {
                "en": f"{en} lost all {was} citations since {since} {where}",
                "nb": f"{nb} har mistet alle {was} referansene siden {nb_since} {where}",
            }
        else:
            text = {
                "en": f"{en} lost {was - now} of {expected} citations since {since} "
                f"{where}{titles}",
                "nb": f"{nb} har mistet {was - now} av {expected} referanser siden {nb_since} "
                f"{where}{titles}",
            }
    elif kind == "order-lost":
        text = {
            "en": f"{en} lists the citations out of section order since {since} {where}",
            "nb": f"{nb} viser referansene utenfor seksjonsrekkefølgen siden {nb_since} {where}",
        }
    elif kind == "fixed":
        expected = signature[2]
        text = {
            "en": f"{en} lists all {expected} citations in order again since {since} {where}",
            "nb": f"{nb} viser alle {expected} referansene i rekkefølge igjen siden {nb_since} "
            f"{where}",
        }
    else:
        text = {
            "en": f"New export format since {since}: {en} {where}",
            "nb": f"Nytt eksportformat siden {nb_since}: {nb} {where}",
        }
    breaks = kind in ("format-lost", "content-lost", "order-lost")
    key = f"{fmt}:{','.join(locales)}"
    return IntegrationChange(AREA, kind, key, text, breaks, detail)
