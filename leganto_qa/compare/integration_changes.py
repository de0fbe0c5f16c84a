"""Integration changes since the baseline: each area's differ run on the entries of that area.

An area is compared only when both the baseline and the run hold entries for it: a run that left
out the ``links`` suite says nothing about links, neither broken nor fixed.
"""

from __future__ import annotations

from collections.abc import Mapping

from leganto_qa.compare.copyright_changes import diff_copyright
from leganto_qa.compare.export_changes import diff_exports
from leganto_qa.compare.integration_change import Differ, Entries, IntegrationChange
from leganto_qa.compare.link_changes import diff_links

DIFFERS: dict[str, Differ] = {
    "copyright": diff_copyright,
    "exports": diff_exports,
    "links": diff_links,
}
"""Area → its differ. One line per area (links, copyright, exports)."""


def diff_integrations(
    baseline: Mapping[str, Entries], run: Mapping[str, Entries]
) -> tuple[IntegrationChange, ...]:
    """Every area's changes, areas in name order; breaks and fixes as each differ orders them."""
    changes: list[IntegrationChange] = []
    for area in sorted(set(baseline) & set(run) & set(DIFFERS)):
        changes += DIFFERS[area](baseline[area], run[area])
    return tuple(changes)
