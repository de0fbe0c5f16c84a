"""The WCAG catalogue as data: success criteria, the Norwegian profile, and rule mappings.

``criteria.toml`` holds every WCAG 2.1 and 2.2 A/AA success criterion (names in English and
bokmål, level, Norwegian regulation status, EN 301 549 clause, Uutilsynet test rule ids, affected
user groups); ``rules.toml`` maps every axe rule and harness check to its criteria.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from leganto_qa.model.findings import Finding

HERE = Path(__file__).parent
NorwayStatus = Literal["required", "excepted", "not-required"]
NORWEGIAN_COUNT = 48
"""Criteria the Norwegian regulation requires (WCAG 2.1 A/AA except 1.2.3 and 1.2.4)."""


def criterion_order(criterion_id: str) -> tuple[int, ...]:
    """Sort key putting criteria in WCAG order (1.4.2 before 1.4.10)."""
    return tuple(int(part) for part in criterion_id.split("."))


@dataclass(frozen=True)
class Criterion:
    """One WCAG success criterion at level A or AA."""

    id: str
    level: str
    en: str
    nb: str
    norway: NorwayStatus
    wcag: str
    uutilsynet: tuple[str, ...]
    groups: tuple[str, ...]
    en301549: str
    manual_only: bool = False
    obsolete_in: str | None = None

    @property
    def principle(self) -> str:
        return self.id.split(".")[0]

    @property
    def required(self) -> bool:
        """True when the Norwegian regulation requires it."""
        return self.norway == "required"

    def name(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en

    def title(self, lang: str) -> str:
        return f"{self.id} {self.name(lang)}"


@dataclass(frozen=True)
class Catalogue:
    """The criteria in WCAG order, the user groups, principles and rule mappings."""

    criteria: tuple[Criterion, ...]
    groups: dict[str, dict[str, str]]
    principles: dict[str, dict[str, str]]
    rules: dict[str, dict[str, tuple[str, ...]]]
    """Criteria per rule, per finding source prefix (``axe``, ``check``, ``i18n``, ``frame``)."""

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def norwegian(self) -> tuple[Criterion, ...]:
        """The criteria the Norwegian regulation requires, in WCAG (uustatus) order."""
        return tuple(c for c in self.criteria if c.required)

    def group_name(self, key: str, lang: str) -> str:
        return self.groups.get(key, {}).get(lang, key)

    def mapping(self, source: str, rule: str) -> tuple[str, ...] | None:
        """The criteria a rule maps to; None when the rule is not in the catalogue."""
        prefix = source.split(":", 1)[0] if ":" in source else ""
        if prefix in self.rules and rule in self.rules[prefix]:
            return self.rules[prefix][rule]
        for table in self.rules.values():  # a source prefix this catalogue does not know
            if rule in table:
                return table[rule]
        return None

    def criteria_of(self, finding: Finding) -> tuple[str, ...]:
        """The A/AA criteria a finding deviates from; empty for best practice and translation."""
        if finding.kind != "wcag":
            return ()
        mapped = self.mapping(finding.source, finding.rule)
        ids = mapped if mapped is not None else finding.criteria
        known = {c.id for c in self.criteria}
        return tuple(sorted({c for c in ids if c in known}, key=criterion_order))

    def automated(self, prefixes: Iterable[str] = ("axe", "check", "i18n", "frame")) -> set[str]:
        """Criteria at least one rule of the given source prefixes checks."""
        return {
            criterion
            for prefix in prefixes
            for criteria in self.rules.get(prefix, {}).values()
            for criterion in criteria
        }


def _criterion(data: dict[str, Any]) -> Criterion:
    return Criterion(
        id=str(data["id"]),
        level=str(data["level"]),
        en=str(data["en"]),
        nb=str(data["nb"]),
        norway=data["norway"],
        wcag=str(data.get("wcag", "2.1")),
        uutilsynet=tuple(data.get("uutilsynet", ())),
        groups=tuple(data.get("groups", ())),
        en301549=str(data["en301549"]),
        manual_only=bool(data.get("manual_only", False)),
        obsolete_in=data.get("obsolete_in"),
    )


@cache
def catalogue() -> Catalogue:
    """The catalogue shipped with the harness."""
    criteria_data = tomllib.loads((HERE / "criteria.toml").read_text(encoding="utf-8"))
    rules_data = tomllib.loads((HERE / "rules.toml").read_text(encoding="utf-8"))
    criteria = sorted(
        (_criterion(c) for c in criteria_data["criterion"]), key=lambda c: criterion_order(c.id)
    )
    return Catalogue(
        criteria=tuple(criteria),
        groups={k: dict(v) for k, v in criteria_data["groups"].items()},
        principles={k: dict(v) for k, v in criteria_data["principles"].items()},
        rules={
            prefix: {rule: tuple(ids) for rule, ids in table.items()}
            for prefix, table in rules_data.items()
        },
    )


@cache
def wcag_labels(lang: str) -> dict[str, str]:
    """Strings of the accessibility documents in ``lang`` (en or nb)."""
    table: dict[str, dict[str, str]] = tomllib.loads(
        (HERE / "labels.toml").read_text(encoding="utf-8")
    )
    return table["nb" if lang == "nb" else "en"]
