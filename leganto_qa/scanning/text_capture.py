"""Keeping a page state's text inventory and translation findings in the run record."""

from __future__ import annotations

from dataclasses import dataclass, replace

from playwright.sync_api import Page

from leganto_qa.config.run_context import RunContext
from leganto_qa.config.translation_allowlist import Allowlist
from leganto_qa.i18n.text_inventory import TextInventory, collect
from leganto_qa.i18n.translation_checks import check
from leganto_qa.model.findings import Finding
from leganto_qa.model.records import write_part
from leganto_qa.model.storage import write_bytes_atomic
from leganto_qa.scanning.secret_masks import screenshot

PART_KIND = "text_inventory"
SCREENSHOT = "i18n.png"


@dataclass(frozen=True)
class TextCapture:
    """One page state's text in one locale and what the checks found in it."""

    inventory: TextInventory
    findings: list[Finding]
    new: list[Finding]

    def describe_new(self) -> str:
        """One line per WCAG language finding the baseline does not accept."""
        inv = self.inventory
        lines = [
            f"{len(self.new)} new WCAG language finding(s) in {inv.page_state} "
            f"[{inv.role}, {inv.locale}]"
        ]
        for finding in self.new:
            element = finding.elements[0] if finding.elements else None
            where = f"{element.selector}: {element.summary}" if element else finding.identity
            lines.append(f"  {finding.rule} (WCAG {', '.join(finding.criteria)}) {where}")
        return "\n".join(lines)


def collect_text(
    run: RunContext, page: Page, state: str, role: str, locale: str, allow: Allowlist
) -> TextInventory:
    """The page's text inventory, secrets and session ids removed."""
    inventory = collect(
        page, state, role, locale, run.redactor.text(page.url), allow.content_selectors()
    )
    return TextInventory.from_dict(run.redactor.json(inventory.to_dict()))


def capture_text(
    run: RunContext,
    page: Page,
    state: str,
    role: str,
    locale: str,
    allow: Allowlist,
    english: TextInventory | None = None,
) -> TextCapture:
    """Collect, check and store; a screenshot is kept when something was found (for crops)."""
    inventory = collect_text(run, page, state, role, locale, allow)
    found = check(inventory, english, allow)
    findings = [Finding.from_dict(run.redactor.json(f.to_dict())) for f in found]
    if findings and not run.axe_only:
        path = run.layout.state_dir(state, locale, role) / SCREENSHOT
        write_bytes_atomic(path, screenshot(page, run.redactor))
        inventory = replace(inventory, screenshot=run.layout.relative(path))
    write_part(
        run.layout,
        run.worker,
        PART_KIND,
        {"inventory": inventory.to_dict(), "findings": [f.to_dict() for f in findings]},
        run.redactor,
    )
    new = [
        f
        for f in findings
        if f.kind == "wcag" and f.fingerprint not in run.accepted and f.problem not in run.accepted
    ]
    return TextCapture(inventory=inventory, findings=findings, new=new)
