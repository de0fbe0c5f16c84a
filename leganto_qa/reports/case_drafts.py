"""Case drafts: Markdown ready to paste into an Ex Libris support case, one per group.

A group is one rule's new WCAG deviations (all page states and languages showing it), or one
workflow that passed in the baseline and fails now. Without a baseline every deviation group is
drafted. English by default; the draft lists the evidence package files to attach.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader

from leganto_qa.compare.drift import drift_detail, is_drift
from leganto_qa.model import artifact_paths
from leganto_qa.model.records import Outcome
from leganto_qa.model.state_key import StateKey
from leganto_qa.model.storage import slug, write_text_atomic
from leganto_qa.reports.deviations import Deviation, RunDocuments, shorten
from leganto_qa.reports.wcag import Criterion

REPORT_FILES = ("deviations.html", "conformance.html", "conformance.csv", "conformance.json")


@dataclass(frozen=True)
class CaseGroup:
    """What one case is about: a rule's deviations or one regressed workflow."""

    id: str
    kind: str
    """``wcag`` or ``regression``."""
    deviations: tuple[Deviation, ...] = ()
    outcome: Outcome | None = None

    @property
    def states(self) -> tuple[StateKey, ...]:
        return tuple(sorted({d.state_key for d in self.deviations}))

    def attachments(self) -> list[str]:
        """The evidence package files this case refers to."""
        files = [artifact_paths.report(name) for name in REPORT_FILES]
        files.append(artifact_paths.case(self.id))
        for page_state, role, locale in self.states:
            files.append(artifact_paths.screenshot(page_state, role, locale))
            files.append(artifact_paths.axe(page_state, role, locale))
        if self.outcome is not None:
            files += [
                artifact_paths.test_artifact(self.outcome.test, a) for a in self.outcome.artifacts
            ]
        return files


def case_groups(docs: RunDocuments) -> list[CaseGroup]:
    """New deviations grouped by rule (all of them without a baseline), then regressions."""
    wanted = ("new",) if docs.comparison is not None else ("none",)
    by_rule: dict[str, list[Deviation]] = {}
    for deviation in docs.deviations:
        if deviation.status in wanted:
            by_rule.setdefault(deviation.finding.rule, []).append(deviation)
    groups = [
        CaseGroup(id=f"wcag-{slug(rule)}", kind="wcag", deviations=tuple(items))
        for rule, items in sorted(by_rule.items())
    ]
    if docs.comparison is not None:
        groups += [
            CaseGroup(id=f"regression-{slug(_test_name(o.test))}", kind="regression", outcome=o)
            for o in docs.comparison.regressions
        ]
    return groups


ROLE_PHRASES = {
    "student": "a student",
    "instructor": "an instructor",
    "visitor": "a visitor who is not logged in",
}


@dataclass(frozen=True)
class WorkflowSteps:
    """What a failed workflow did, in words a person repeats in the sandbox."""

    role: str
    locale: str
    steps: tuple[str, ...]

    @property
    def who(self) -> str:
        return ROLE_PHRASES.get(self.role, f"the role {self.role}")


def workflow_steps(docs: RunDocuments, outcome: Outcome) -> WorkflowSteps | None:
    """The steps the page objects recorded for a failed test (``tests/<test>/steps.json``)."""
    for artifact in outcome.artifacts:
        path = docs.layout.root / artifact
        if artifact.endswith("steps.json") and path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            steps = tuple(str(step) for step in data.get("steps", ()))
            return WorkflowSteps(str(data.get("role", "")), str(data.get("locale", "")), steps)
    return None


def _test_name(test: str) -> str:
    return test.rsplit("::", 1)[-1]


def _fence(text: str) -> str:
    """A Markdown code fence longer than any backtick run in ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


@cache
def _environment() -> Environment:
    # Markdown, not HTML: page content goes into code fences and is pasted as plain text.
    return Environment(
        loader=PackageLoader("leganto_qa.reports", "templates"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_case(docs: RunDocuments, group: CaseGroup, package_name: str) -> str:
    """The Markdown draft of one case."""
    record = docs.record
    criteria: list[Criterion] = []
    for deviation in group.deviations:
        for cid in deviation.criteria:
            found = docs.catalogue.criterion(cid)
            if found is not None and found not in criteria:
                criteria.append(found)
    first = group.deviations[0] if group.deviations else None
    state = first.state if first else None
    framed = any(e.frame_path for d in group.deviations for e in d.finding.elements)
    return (
        _environment()
        .get_template("case.md.j2")
        .render(
            group=group,
            record=record,
            docs=docs,
            cat=docs.catalogue,
            criteria=criteria,
            first=first,
            state=state,
            framed=framed,
            roles=sorted({d.finding.role for d in group.deviations}),
            locales=sorted({d.finding.locale for d in group.deviations})
            or list(record.sandbox.get("locales") or [])[:1],
            impacts=sorted({d.finding.impact for d in group.deviations}),
            confirmed=any(d.finding.confirmed for d in group.deviations),
            package_name=package_name,
            attachments=group.attachments(),
            shorten=shorten,
            fence=_fence,
            test_name=_test_name(group.outcome.test) if group.outcome else "",
            workflow=workflow_steps(docs, group.outcome) if group.outcome else None,
            drift=drift_detail(group.outcome.message)
            if group.outcome and is_drift(group.outcome.message)
            else "",
        )
    )


def package_name(docs: RunDocuments, group: str | None = None) -> str:
    """File name of the evidence package for the run (or one case group)."""
    base = f"evidence-{slug(str(docs.record.sandbox.get('id', '')))}-{slug(docs.record.run_id)}"
    return f"{base}-{slug(group)}.zip" if group else f"{base}.zip"


def write_case_drafts(docs: RunDocuments) -> list[Path]:
    """``cases/<group>.md`` beside the run record; returns the paths written."""
    paths = []
    for group in case_groups(docs):
        path = docs.layout.root / artifact_paths.case(group.id)
        write_text_atomic(path, render_case(docs, group, package_name(docs)))
        paths.append(path)
    return paths
