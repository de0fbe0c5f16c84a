"""Content rules on titles, ids, names, custom controls, text size and hidden Tab stops.

Decided in the ``content`` check's one evaluate per frame by ``js/content_names.js`` (page-title,
duplicate-id-ref, visible-label, label-in-name) and ``js/content_controls.js``
(custom-control-role, font-size-vw, hidden-focusable). This module holds the rule ids and
their sentences: what is wrong, why it matters, what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from leganto_qa.checks.base import Spot

Detail = dict[str, Any]

NAMES_RULES: tuple[str, ...] = (
    "page-title",
    "duplicate-id-ref",
    "visible-label",
    "label-in-name",
    "custom-control-role",
    "font-size-vw",
    "hidden-focusable",
)
MAX_HIDDEN_PROBES = 20
"""Most hidden-looking Tab stops focused per frame to see whether focus shows them."""


def _title(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    if d.get("why") == "empty":
        return (
            "The page has no title (or an empty one): the browser tab, history and screen "
            "readers cannot say which page this is. Give it a title naming the page and site."
        )
    return (
        f'The page title "{d["title"]}" is a placeholder that does not say what the page is. '
        'Name the page and the site (e.g. "Borrowing e-books - Oslo University Library").'
    )


def _duplicate_id(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    return (
        f'{d["count"]} elements share id="{d["id"]}" ({where.summary} and '
        f"{', '.join(o.summary for o in others[:3])}), and {d['attr']} points to it: "
        "assistive technologies use only the first, so the others lose their label or "
        "relation. Give each element its own id."
    )


def _visible_label(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    return (
        f'{where.summary} is named only by its {d["source"]} ("{d["name"]}"); no visible '
        "label says what to enter, and the hint disappears or only shows on hover. Add a "
        "visible label tied to the field (label for=…)."
    )


def _label_in_name(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    return (
        f'{where.summary} shows "{d["label"]}" but its accessible name is "{d["name"]}": '
        "speech users who say what they see cannot activate it. Start the name with the "
        "visible text (or remove the aria-label)."
    )


def _custom_control(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    how = "takes focus" if d.get("how") == "tabindex" else "reacts to clicks"
    return (
        f"{where.summary} {how} and works like a control but has no role: screen readers do "
        "not say what it is or what state it is in. Use a native control (button, checkbox, "
        "link) or give it a role, a name and keyboard handling."
    )


def _font_vw(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    return (
        f'Text such as {where.summary} is sized "{d["value"]}" ({d["where"]}), in viewport '
        "units only: browser text size does not change it and zoom can shrink it. Size text "
        "in rem or em (or calc(rem + vw))."
    )


def _hidden_focusable(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    return (
        f"{where.summary} takes keyboard focus but cannot be seen, even when focused "
        "(collapsed, transparent, clipped or off screen): Tab users lose track of where they "
        "are. Hide closed content with display:none or the hidden attribute."
    )


SENTENCES: dict[str, Callable[[Spot, Detail, tuple[Spot, ...]], str]] = {
    "page-title": _title,
    "duplicate-id-ref": _duplicate_id,
    "visible-label": _visible_label,
    "label-in-name": _label_in_name,
    "custom-control-role": _custom_control,
    "font-size-vw": _font_vw,
    "hidden-focusable": _hidden_focusable,
}
