"""Findings: deviations seen in a page state, with WCAG criteria and stable fingerprints.

A finding groups the elements that break one rule in one page state and share a normalised
identity, so "3 of 5 icon buttons unlabeled" stays one finding whose element list shrinks.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from leganto_qa.model.state_key import StateKey

WCAG_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
"""axe-core tags that make a rule part of the WCAG 2.x A/AA scan."""

BEST_PRACTICE_TAG = "best-practice"
HTML_SNIPPET_LIMIT = 300

_CRITERION_TAG = re.compile(r"^wcag(\d)(\d)(\d{1,2})$")
_LEVEL_TAG = re.compile(r"^wcag2\d?(a{1,3})$")

# Parts of a selector that change between runs, sandboxes or list contents.
_SELECTOR_NOISE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[_ng(?:content|host)-[\w-]+(?:=\"[^\"]*\")?\]"), ""),
    (re.compile(r"\b((?:mat|mdc|cdk)-[a-z-]*?)-?\d+(?:-\d+)*\b"), r"\1-#"),
    (re.compile(r":nth-(child|of-type)\(\d+\)"), ""),
    (re.compile(r"\d{4,}"), "#"),
)


def criteria_from_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """WCAG success criteria named by axe tags, e.g. ``wcag1410`` → ``1.4.10``, sorted."""
    found = set()
    for tag in tags:
        match = _CRITERION_TAG.match(tag)
        if match:
            found.add(".".join(match.groups()))
    return tuple(sorted(found, key=lambda c: tuple(int(p) for p in c.split("."))))


def level_from_tags(tags: Iterable[str]) -> str | None:
    """The WCAG conformance level (A, AA, AAA) an axe rule's tags assign, if any."""
    levels = [m.group(1).upper() for t in tags if (m := _LEVEL_TAG.match(t))]
    return min(levels, key=len) if levels else None


def normalise_selector(selector: str) -> str:
    """Strip generated ids, Angular attributes and positions from a CSS selector."""
    for pattern, replacement in _SELECTOR_NOISE:
        selector = pattern.sub(replacement, selector)
    return re.sub(r"\s+", " ", selector).strip()


def shorten_html(html: str, limit: int = HTML_SNIPPET_LIMIT) -> str:
    """An element's outer HTML without Angular noise, cut to ``limit`` characters."""
    html = re.sub(r'\s_ng(?:content|host)-[\w-]+(?:="[^"]*")?', "", html)
    html = re.sub(r"\s+", " ", html).strip()
    return html if len(html) <= limit else html[: limit - 1] + "…"


def problem_key(rule: str, role: str, identity: str) -> str:
    return f"{rule}\x1f{role}\x1f{identity}"


def fingerprint(source: str, page_state: str, role: str, identity: str) -> str:
    """A stable id for one problem: same rule, page state, role and element identity."""
    digest = hashlib.sha256(f"{source}\x1f{page_state}\x1f{role}\x1f{identity}".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Element:
    """One element a finding points at."""

    frame_path: tuple[str, ...]
    selector: str
    html: str
    summary: str
    box: tuple[float, float, float, float] | None = None
    """x, y, width, height in CSS px of the page state's viewport screenshot, when measured."""


@dataclass(frozen=True)
class Finding:
    """One deviation seen in a page state (see design.md)."""

    source: str
    kind: str
    rule: str
    criteria: tuple[str, ...]
    level: str | None
    impact: str
    description: str
    help_url: str
    page_state: str
    locale: str
    role: str
    url: str
    identity: str
    fingerprint: str
    elements: tuple[Element, ...] = field(default_factory=tuple)
    confirmed: bool | None = None
    """Seen again in a fresh page (True), not seen again (False: flaky), or not rechecked."""
    also_seen_by: tuple[str, ...] = ()
    """Other sources that reported the same element and criterion (``check:target-size`` beside
    ``axe:target-size``); the finding keeps its own source and fingerprint."""

    @classmethod
    def seen(
        cls,
        where: StateContext,
        *,
        source: str,
        kind: str,
        rule: str,
        criteria: tuple[str, ...],
        level: str | None,
        impact: str,
        description: str,
        help_url: str,
        identity: str,
        elements: tuple[Element, ...],
    ) -> Finding:
        """A finding seen at ``where``; its fingerprint follows from source, place and identity."""
        return cls(
            source=source,
            kind=kind,
            rule=rule,
            criteria=criteria,
            level=level,
            impact=impact,
            description=description,
            help_url=help_url,
            page_state=where.page_state,
            locale=where.locale,
            role=where.role,
            url=where.url,
            identity=identity,
            fingerprint=fingerprint(source, where.page_state, where.role, identity),
            elements=elements,
        )

    @property
    def key(self) -> StateKey:
        """The page state, role and locale this finding was seen in."""
        return StateKey(self.page_state, self.role, self.locale)

    @property
    def problem(self) -> str:
        """The problem regardless of where it was seen: rule, role and element identity.

        A baseline that accepted a problem in one page state accepts it in every state where
        the same element shows it (a list-page problem behind a newly added dialog is not new).
        """
        return problem_key(self.rule, self.role, self.identity)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["criteria"] = list(self.criteria)
        data["elements"] = [
            {
                **asdict(e),
                "frame_path": list(e.frame_path),
                "box": list(e.box) if e.box is not None else None,
            }
            for e in self.elements
        ]
        if self.also_seen_by:
            data["also_seen_by"] = list(self.also_seen_by)
        else:  # records written before the field existed stay byte-identical
            del data["also_seen_by"]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        elements = tuple(
            Element(
                frame_path=tuple(e["frame_path"]),
                selector=e["selector"],
                html=e["html"],
                summary=e["summary"],
                box=(b[0], b[1], b[2], b[3]) if (b := e.get("box")) else None,
            )
            for e in data["elements"]
        )
        fields = {k: v for k, v in data.items() if k != "elements"}
        fields["criteria"] = tuple(data["criteria"])
        fields["also_seen_by"] = tuple(data.get("also_seen_by", ()))
        return cls(**fields, elements=elements)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source that reported this finding, its own first."""
        return (self.source, *self.also_seen_by)


@dataclass(frozen=True)
class StateContext:
    """Where findings were seen: the page state, locale, role and URL."""

    page_state: str
    locale: str
    role: str
    url: str


def findings_from_axe(
    violations: Sequence[Mapping[str, Any]], where: StateContext
) -> list[Finding]:
    """Turn axe-core violations into findings, grouping nodes by normalised identity."""
    findings: list[Finding] = []
    for violation in violations:
        tags = list(violation.get("tags", []))
        kind = "wcag" if set(tags) & set(WCAG_TAGS) else "best-practice"
        rule = str(violation["id"])
        source = f"axe:{rule}"
        groups: dict[str, list[Element]] = {}
        for node in violation.get("nodes", []):
            element = _element_from_node(node)
            groups.setdefault(normalise_selector(element.selector), []).append(element)
        for identity, elements in sorted(groups.items()):
            findings.append(
                Finding.seen(
                    where,
                    source=source,
                    kind=kind,
                    rule=rule,
                    criteria=criteria_from_tags(tags),
                    level=level_from_tags(tags),
                    impact=str(violation.get("impact") or "minor"),
                    description=str(violation.get("help", "")),
                    help_url=str(violation.get("helpUrl", "")),
                    identity=identity,
                    elements=tuple(elements),
                )
            )
    return findings


def _element_from_node(node: Mapping[str, Any]) -> Element:
    target = [_target_part(t) for t in node.get("target", [])] or [""]
    return Element(
        frame_path=tuple(target[:-1]),
        selector=target[-1],
        html=shorten_html(str(node.get("html", ""))),
        summary=str(node.get("failureSummary", "")).strip(),
    )


def _target_part(part: Any) -> str:
    # axe gives a string per frame level, or a list for shadow DOM paths.
    return " >>> ".join(part) if isinstance(part, list) else str(part)


def sort_key(finding: Finding) -> tuple[str, str, str, str, str]:
    return (finding.page_state, finding.role, finding.locale, finding.rule, finding.fingerprint)
