"""One difference in an integration the consortium keeps alive (links, copyright data, exports).

Each area's differ (``compare.link_changes``, ``compare.copyright_changes``,
``compare.export_changes``) turns the baseline's and the run's entries of its area into these;
``compare.integration_changes`` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Entries = Sequence[Mapping[str, Any]]
"""An area's entries, as in ``RunRecord.integrations[area]``: JSON objects, each with ``key``."""


@dataclass(frozen=True)
class IntegrationChange:
    """What changed since the baseline in one checked thing of one area.

    ``breaks``: True when an integration stopped working (a link broke, a copyright field was
    dropped, an export lost content): the comparison counts it as news (verdict not-ok).
    False for a fix or a change that needs no action.
    """

    area: str
    kind: str
    """e.g. ``broke``, ``fixed``, ``field-lost``, ``format-lost``, ``content-lost``."""
    key: str
    """The entry's key in its area (what changed)."""
    text: Mapping[str, str]
    """The sentence a tester reads, per report language (``en``, ``nb``)."""
    breaks: bool
    detail: Mapping[str, Any] = field(default_factory=dict)

    def sentence(self, lang: str = "en") -> str:
        return self.text.get(lang) or self.text.get("en", f"{self.area}: {self.kind} {self.key}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "kind": self.kind,
            "key": self.key,
            "breaks": self.breaks,
            "sentence": self.sentence("en"),
            "text": dict(self.text),
            "detail": dict(self.detail),
        }


Differ = Callable[[Entries, Entries], list[IntegrationChange]]
"""``differ(baseline_entries, run_entries)``: the changes of one area, in a stable order."""
