"""The rules the browser checks report, with their WCAG criteria, level and impact."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One harness rule (source ``check:<id>``) and the WCAG success criteria it tests."""

    id: str
    criteria: tuple[str, ...]
    level: str
    impact: str
    help_url: str


def _understanding(slug: str) -> str:
    return f"https://www.w3.org/WAI/WCAG22/Understanding/{slug}.html"


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("keyboard-unreachable", ("2.1.1",), "A", "critical", _understanding("keyboard")),
        Rule("key-activation", ("2.1.1",), "A", "critical", _understanding("keyboard")),
        Rule("keyboard-trap", ("2.1.2",), "A", "critical", _understanding("no-keyboard-trap")),
        Rule("positive-tabindex", ("2.4.3",), "A", "serious", _understanding("focus-order")),
        Rule("focus-order", ("2.4.3",), "A", "serious", _understanding("focus-order")),
        Rule("dialog-focus", ("2.1.2", "2.4.3"), "A", "serious", _understanding("focus-order")),
        Rule("focus-return", ("2.4.3",), "A", "serious", _understanding("focus-order")),
        Rule("focus-visible", ("2.4.7",), "AA", "serious", _understanding("focus-visible")),
        Rule(
            "focus-obscured",
            ("2.4.11",),
            "AA",
            "serious",
            _understanding("focus-not-obscured-minimum"),
        ),
        Rule("reflow", ("1.4.10",), "AA", "serious", _understanding("reflow")),
        Rule("text-spacing", ("1.4.12",), "AA", "serious", _understanding("text-spacing")),
        Rule("resize-text", ("1.4.4",), "AA", "serious", _understanding("resize-text")),
        Rule("target-size", ("2.5.8",), "AA", "moderate", _understanding("target-size-minimum")),
        Rule("orientation", ("1.3.4",), "AA", "serious", _understanding("orientation")),
        Rule("status-message", ("4.1.3",), "AA", "moderate", _understanding("status-messages")),
        Rule("on-focus", ("3.2.1",), "A", "serious", _understanding("on-focus")),
        Rule("on-input", ("3.2.2",), "A", "serious", _understanding("on-input")),
        # issue 13: content rules (checks/content.py, content_focus.py)
        Rule("link-purpose", ("2.4.4",), "A", "serious", _understanding("link-purpose-in-context")),
        Rule("skip-link-target", ("2.4.1",), "A", "serious", _understanding("bypass-blocks")),
        Rule(
            "file-link-type", ("2.4.4",), "A", "moderate", _understanding("link-purpose-in-context")
        ),
        Rule("table-headers", ("1.3.1",), "A", "serious", _understanding("info-and-relationships")),
        Rule("layout-table", ("1.3.1",), "A", "moderate", _understanding("info-and-relationships")),
        Rule(
            "error-association",
            ("3.3.1", "1.3.1"),
            "A",
            "serious",
            _understanding("error-identification"),
        ),
        Rule(
            "required-indicator",
            ("3.3.2", "1.3.1"),
            "A",
            "serious",
            _understanding("labels-or-instructions"),
        ),
        Rule("group-name", ("1.3.1",), "A", "moderate", _understanding("info-and-relationships")),
        Rule(
            "autocomplete-missing",
            ("1.3.5",),
            "AA",
            "moderate",
            _understanding("identify-input-purpose"),
        ),
        Rule("alt-quality", ("1.1.1",), "A", "serious", _understanding("non-text-content")),
        Rule("css-content", ("1.3.1",), "A", "moderate", _understanding("info-and-relationships")),
        Rule("focus-removed", ("2.4.7",), "AA", "serious", _understanding("focus-visible")),
        Rule("accesskey-clash", ("2.1.1",), "A", "moderate", _understanding("keyboard")),
        Rule("tabindex-noninteractive", ("2.4.3",), "A", "moderate", _understanding("focus-order")),
        Rule("page-title", ("2.4.2",), "A", "serious", _understanding("page-titled")),
        Rule(
            "duplicate-id-ref",
            ("4.1.2", "1.3.1"),
            "A",
            "serious",
            _understanding("name-role-value"),
        ),
        Rule(
            "visible-label",
            ("3.3.2",),
            "A",
            "serious",
            _understanding("labels-or-instructions"),
        ),
        Rule("label-in-name", ("2.5.3",), "A", "serious", _understanding("label-in-name")),
        Rule(
            "custom-control-role",
            ("4.1.2",),
            "A",
            "critical",
            _understanding("name-role-value"),
        ),
        Rule("font-size-vw", ("1.4.4",), "AA", "serious", _understanding("resize-text")),
        # issue 13: widget checks on what the state explorer opened (checks/widgets.py)
        Rule("widget-keyboard", ("2.1.1",), "A", "critical", _understanding("keyboard")),
        Rule("dialog-escape", ("2.1.2",), "A", "serious", _understanding("no-keyboard-trap")),
        Rule(
            "hover-content",
            ("1.4.13",),
            "AA",
            "serious",
            _understanding("content-on-hover-or-focus"),
        ),
        Rule("hidden-focusable", ("2.4.3",), "A", "serious", _understanding("focus-order")),
    )
}
"""Every rule of issue 7 (shared-interfaces.md), keyed by id."""
