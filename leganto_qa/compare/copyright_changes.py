"""The ``copyright`` differ: BOLK fields of digitised excerpts lost or restored since the baseline.

Entries are what suites/api records per digitised excerpt (``integrations.copyright_data``):
``key`` (citation id), ``list``, ``list_code``, ``section``, ``title``, ``release`` and
``fields``: per BOLK field its ``value``, ``status`` (``ok``, ``missing``, ``malformed``) and
``problem``. A field that was ``ok`` in the baseline and is missing or malformed now is a break;
one change per field (not per citation), the citations in its detail, so a release that drops
the page range of every chapter reads as one sentence. A field wrong in the baseline and ``ok``
now is fixed. A problem already in the baseline is not news, and neither is a citation the
baseline lacks (both stay on the run's worklist): only the comparison says "since".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from leganto_qa.compare.integration_change import Entries, IntegrationChange

__all__ = ["FIELD_NAMES", "diff_copyright"]

FIELD_NAMES: dict[str, tuple[str, str]] = {
    "rights_status": ("rights status", "rettighetsstatus"),
    "isbn": ("ISBN", "ISBN"),
    "issn": ("ISSN", "ISSN"),
    "pages": ("page range", "sideangivelse"),
    "work_pages": ("the work's number of pages", "verkets sidetall"),
}
"""Field → how sentences name it (en, nb); the order of the changes."""
SHOWN = 3
"""Citations a sentence names; the rest are counted ("and 2 more") and listed in the detail."""


def _status(entry: Mapping[str, Any] | None, field: str) -> str:
    fields = entry.get("fields") if entry else None
    value = fields.get(field) if isinstance(fields, Mapping) else None
    return str(value.get("status", "")) if isinstance(value, Mapping) else ""


def _had_problem(entry: Mapping[str, Any], field: str) -> bool:
    """The field was something the library had to fix (an absent optional field was not)."""
    value = entry.get("fields", {}).get(field)
    return isinstance(value, Mapping) and bool(value.get("problem"))


def _where(entry: Mapping[str, Any]) -> str:
    """``'Title' (SOS1001-H24 > Obligatorisk)`` (with a right-pointing angle quote)."""
    place = " \u203a ".join(
        str(p) for p in (entry.get("list_code") or entry.get("list"), entry.get("section")) if p
    )
    title = f"'{entry.get('title') or entry.get('key')}'"
    return f"{title} ({place})" if place else title


def _listed(entries: list[Mapping[str, Any]], more: str) -> str:
    shown = ", ".join(_where(e) for e in entries[:SHOWN])
    rest = len(entries) - SHOWN
    return f"{shown} {more.format(n=rest)}" if rest > 0 else shown


def _detail(field: str, entries: list[Mapping[str, Any]], before: dict[str, Any]) -> dict[str, Any]:
    def one(entry: Mapping[str, Any]) -> dict[str, Any]:
        now = entry["fields"][field]
        was = before[str(entry["key"])]["fields"][field]
        return {
            "key": str(entry["key"]),
            "title": entry.get("title", ""),
            "list": entry.get("list", ""),
            "section": entry.get("section", ""),
            "status": now.get("status", ""),
            "problem": now.get("problem", ""),
            "value": now.get("value", ""),
            "baseline_value": was.get("value", ""),
        }

    return {"field": field, "citations": [one(e) for e in entries]}


def _change(
    field: str, entries: list[Mapping[str, Any]], since: str, before: dict[str, Any], *, lost: bool
) -> IntegrationChange:
    """One change of one field over the citations it affects: lost (a break) or fixed."""
    en, nb = FIELD_NAMES[field]
    nb_since = "grunnlinjen" if since == "the baseline" else since
    if lost:
        statuses = {_status(e, field) for e in entries}
        missing = statuses == {"missing"}
        how_en, how_nb = ("missing", "mangler") if missing else ("malformed", "er ugyldig")
        if len(statuses) > 1:
            how_en, how_nb = "missing or malformed", "mangler eller er ugyldig"
    else:
        how_en, how_nb = "present and well formed again", "er på plass og gyldig igjen"
    n = len(entries)
    return IntegrationChange(
        area="copyright",
        kind="field-lost" if lost else "field-fixed",
        key=field,
        text={
            "en": f"BOLK field '{field}' ({en}) {how_en} since {since} on {n} digitised "
            f"citation(s): {_listed(entries, 'and {n} more')}",
            "nb": f"BOLK-feltet '{field}' ({nb}) {how_nb} siden {nb_since} på {n} digitaliserte "
            f"referanse(r): {_listed(entries, 'og {n} til')}",
        },
        breaks=lost,
        detail=_detail(field, entries, before),
    )


def diff_copyright(baseline: Entries, run: Entries) -> list[IntegrationChange]:
    """Fields lost since the baseline, then fields fixed; fields in FIELD_NAMES order."""
    before = {str(e["key"]): e for e in baseline}
    since = next((str(e["release"]) for e in baseline if e.get("release")), "the baseline")
    both = [e for e in sorted(run, key=lambda e: str(e["key"])) if str(e["key"]) in before]
    lost: list[IntegrationChange] = []
    fixed: list[IntegrationChange] = []
    for field in FIELD_NAMES:
        went = [
            e
            for e in both
            if _status(before[str(e["key"])], field) == "ok"
            and _status(e, field) in ("missing", "malformed")
        ]
        came = [
            e
            for e in both
            if _had_problem(before[str(e["key"])], field) and _status(e, field) == "ok"
        ]
        if went:
            lost.append(_change(field, went, since, before, lost=True))
        if came:
            fixed.append(_change(field, came, since, before, lost=False))
    return lost + fixed
