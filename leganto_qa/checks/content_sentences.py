"""The sentences of the content rules: what is wrong, why it matters, what to do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from leganto_qa.checks.base import Spot
from leganto_qa.checks.content_names import SENTENCES as NAMES_SENTENCES

Detail = dict[str, Any]


def _link_purpose(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    if d.get("why") == "ambiguous":
        return (
            f'{d["count"]} links are named "{d["name"]}" but lead to different places, and '
            "nothing around them tells them apart: a screen reader's list of links shows the "
            "same text twice. Name each link after where it goes."
        )
    return (
        f'The link text "{d["name"]}" does not say where {where.summary} goes, and its '
        "sentence, list item or table cell does not either. Name the link after its "
        'destination (e.g. "Read more about opening hours").'
    )


def _skip_link(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    if d.get("why") == "hidden":
        return (
            f'{where.summary} points to "#{d["id"]}", which is hidden: following it does not '
            "move keyboard users past the repeated content. Point it at the shown main content."
        )
    return (
        f'{where.summary} points to "#{d["id"]}", but no element has that id: following it '
        "goes nowhere. Give the main content that id."
    )


def _file_link(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    return (
        f'The link "{d["name"]}" opens {d["file"]}, a {d["type"]}, but neither its text nor '
        f'its context says so: users expect a web page. Add the type, e.g. "({d["type"]})".'
    )


def _table_headers(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    if d.get("wrong"):
        ids = ", ".join(f'"{i}"' for i in d["wrong"])
        return (
            f"{where.summary} names {ids} in its headers attribute, which is not a header cell "
            "of its row or column (or does not exist): screen readers announce the wrong header "
            "for this value. List the ids of the cell's own row and column headers."
        )
    shown = {
        "row": "its first row looks like headers",
        "column": "its first column looks like headers",
        "caption": "it has a caption",
        "thead": "it has a header section of plain cells",
    }.get(str(d.get("shown")), "it holds data")
    return (
        f"{where.summary} is a data table ({d['rows']} rows, {d['cols']} columns; {shown}) "
        "but no cell is marked as a header (th, scope or headers): screen readers cannot say "
        "which header a value belongs to. Use th cells with scope."
    )


def _layout_table(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    marks = " and ".join(d.get("marks", []))
    return (
        f"{where.summary} is a layout table but has {marks}, which tell screen readers it "
        "holds data. Remove the data-table markup (or lay the content out with CSS)."
    )


def _error(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    if d.get("why") == "untied":
        return (
            f'The error message "{d["message"]}" is shown next to {where.summary} but not tied '
            "to it: screen readers do not read it with the field. Reference it with "
            "aria-describedby (or aria-errormessage)."
        )
    return (
        f"{where.summary} is marked invalid (aria-invalid) but no text tied to it says what "
        "is wrong. Describe the error in text and reference it with aria-describedby."
    )


def _required(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    how = "only by colour" if d.get("why") == "colour" else "only by an asterisk"
    return (
        f"{where.summary} is shown as required {how}, which screen readers do not announce "
        "as required. Add the required attribute (or aria-required) and say it in the label."
    )


def _group(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    return (
        f'{d["count"]} {d["kind"]} named "{d["name"]}" form a group without a group name: '
        "screen readers read each option without the question. Put them in a fieldset with a "
        "legend (or role=group/radiogroup with a name)."
    )


def _autocomplete(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    problem = {
        "missing": "has no autocomplete attribute",
        "off": 'has autocomplete="off"',
        "on": 'has autocomplete="on", which does not say what it asks for',
        "invalid": f'has autocomplete="{d.get("value")}", which is not a valid token',
        "wrong": f'has autocomplete="{d.get("value")}", which names another kind of data',
    }.get(str(d.get("why")), "has no autocomplete token")
    return (
        f"{where.summary} asks for the user's own {d['family']} but {problem}: browsers and "
        f'assistive tools cannot fill it in or mark it. Add autocomplete="{d["expected"]}" '
        "(or the matching token)."
    )


def _alt(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    alt = d.get("alt", "")
    why = {
        "file": f'is the file name "{alt}"',
        "placeholder": f'is the placeholder "{alt}"',
        "prefix": f'"{alt}" starts with "image of" (or the like), which screen readers already say',
        "repeated": f'"{alt}" repeats the link text next to it, so it is read twice',
    }.get(str(d.get("why")), f'"{alt}" does not describe it')
    return (
        f"The text alternative of {where.summary} {why}. Describe what the image shows or "
        'does (alt="" if it is decoration or repeats the text next to it).'
    )


def _css_content(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    return (
        f'{where.summary} shows "{d["text"]}" from CSS {d["pseudo"]} content: it is lost when '
        "users turn off or replace the page's styles. Put the text in the markup."
    )


def _accesskey(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    if d.get("why") == "duplicate":
        return (
            f'{d["count"]} elements share accesskey="{d["key"]}" ({where.summary} and '
            f"{', '.join(o.summary for o in others[:3])}): the key reaches only one of them. "
            "Give each its own key."
        )
    return (
        f'{where.summary} has accesskey="{d["key"]}", which Chrome and Edge use for '
        f"{d['what']} (Alt+{str(d['key']).upper()}): one of the two stops working. "
        "Choose another key."
    )


def _tabindex(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    return (
        f'{where.summary} has tabindex="{d["tabindex"]}" but is not a control: Tab stops on it, '
        "nothing can be done there and nothing names it. Remove the tabindex (or make it a "
        "real control with a role and a name)."
    )


def _focus_removed(where: Spot, d: Detail, others: tuple[Spot, ...]) -> str:
    return (
        f"{where.summary} loses keyboard focus as soon as it gets it (focus returns to the "
        "page), so keyboard users cannot see or use it. Remove the script that blurs it."
    )


SENTENCES: dict[str, Callable[[Spot, Detail, tuple[Spot, ...]], str]] = {
    "link-purpose": _link_purpose,
    "skip-link-target": _skip_link,
    "file-link-type": _file_link,
    "table-headers": _table_headers,
    "layout-table": _layout_table,
    "error-association": _error,
    "required-indicator": _required,
    "group-name": _group,
    "autocomplete-missing": _autocomplete,
    "alt-quality": _alt,
    "css-content": _css_content,
    "accesskey-clash": _accesskey,
    "tabindex-noninteractive": _tabindex,
    "focus-removed": _focus_removed,
    **NAMES_SENTENCES,
}


def sentence(rule: str, where: Spot, detail: Detail, others: tuple[Spot, ...] = ()) -> str:
    """The finding's sentence for ``rule`` from the page's detail."""
    return SENTENCES[rule](where, detail, others)
