"""The ``links`` differ: citation links that broke or were fixed since the baseline.

Entries are what suites/links records per citation link: ``key`` (citation id and link kind),
``list``, ``list_code``, ``section``, ``citation``, ``kind``, ``url``, ``status``,
``final_url``, ``verdict``, ``reason``, ``release``. A link is *broken* when its verdict is
``redirect-loop``, ``client-error``, ``server-error`` or ``title-mismatch``; ``inconclusive``
(a timeout, no connection, a wait longer than allowed) is neither broken nor working, so it
never counts as broken or fixed. A link broken in the baseline and still broken is not news.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from leganto_qa.compare.integration_change import Entries, IntegrationChange

__all__ = ["BROKEN_VERDICTS", "diff_links"]

BROKEN_VERDICTS = frozenset({"redirect-loop", "client-error", "server-error", "title-mismatch"})
KINDS = {
    "oria": ("Oria", "Oria"),
    "doi": ("the DOI resolver", "DOI-resolveren"),
    "openurl": ("the link resolver", "lenkeresolveren"),
    "online": ("the online resource", "nettressursen"),
}


def _state(entry: Mapping[str, Any] | None) -> str:
    """``broken``, ``ok``, or ``unknown`` (absent or inconclusive)."""
    if entry is None:
        return "unknown"
    verdict = str(entry.get("verdict", ""))
    if verdict in BROKEN_VERDICTS:
        return "broken"
    return "ok" if verdict == "ok" else "unknown"


def _where(entry: Mapping[str, Any]) -> str:
    """``'Title' (SOS1001-H24 > Obligatorisk)`` (with a right-pointing angle quote)."""
    place = " \u203a ".join(
        str(p) for p in (entry.get("list_code") or entry.get("list"), entry.get("section")) if p
    )
    title = f"'{entry.get('citation', entry.get('key'))}'"
    return f"{title} ({place})" if place else title


def _at(entry: Mapping[str, Any]) -> str:
    url = str(entry.get("final_url") or entry.get("url") or "")
    parts = urlsplit(url)
    shown = f"{parts.hostname}{parts.path}" if parts.hostname else url  # no port: it varies
    return f"{entry.get('reason') or entry.get('verdict')} at {shown}"


def _change(kind: str, entry: Mapping[str, Any], since: str) -> IntegrationChange:
    en_kind, nb_kind = KINDS.get(str(entry.get("kind")), (str(entry.get("kind")),) * 2)
    where, at = _where(entry), _at(entry)
    nb_at = at.replace(" at ", " på ", 1)
    nb_since = "grunnlinjen" if since == "the baseline" else since
    text = {
        "broke": (
            f"Citation link to {en_kind} broke since {since}: {where} → {at}",
            f"Referanselenke til {nb_kind} brutt siden {nb_since}: {where} → {nb_at}",
        ),
        "broken-new": (
            f"Citation link to {en_kind} is broken (not checked in the baseline): {where} → {at}",
            f"Referanselenke til {nb_kind} er brutt (ikke sjekket i grunnlinjen): {where} → "
            f"{nb_at}",
        ),
        "fixed": (
            f"Citation link to {en_kind} works again since {since}: {where}",
            f"Referanselenke til {nb_kind} virker igjen siden {nb_since}: {where}",
        ),
    }[kind]
    detail = {
        k: entry.get(k) for k in ("list", "section", "citation", "kind", "url", "status", "verdict")
    }
    return IntegrationChange(
        area="links",
        kind=kind,
        key=str(entry["key"]),
        text={"en": text[0], "nb": text[1]},
        breaks=kind != "fixed",
        detail=detail,
    )


def diff_links(baseline: Entries, run: Entries) -> list[IntegrationChange]:
    """Links broken since the baseline (and broken ones it lacked), then links fixed; by key."""
    before = {str(e["key"]): e for e in baseline}
    since = next((str(e["release"]) for e in baseline if e.get("release")), "the baseline")
    broke: list[IntegrationChange] = []
    fixed: list[IntegrationChange] = []
    for entry in sorted(run, key=lambda e: str(e["key"])):
        old = before.get(str(entry["key"]))
        now, was = _state(entry), _state(old)
        if now == "broken" and was == "ok":
            broke.append(_change("broke", entry, since))
        elif now == "broken" and old is None:
            broke.append(_change("broken-new", entry, since))
        elif now == "ok" and was == "broken":
            fixed.append(_change("fixed", entry, since))
    return broke + fixed
