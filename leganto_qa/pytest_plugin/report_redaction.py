"""Secrets out of pytest's test reports before pytest-html, xdist or the terminal see them.

A failing assertion may quote what the page showed ("Actual value: …"), and captured output may
hold anything. The report's long representation (pytest's dataclasses: traceback entries, source
lines, locals, the crash message) and its captured sections are redacted in place, so the crash
message stays what it was, minus the secrets.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from leganto_qa.model.redaction import Redactor


def redact_report(report: pytest.TestReport, redactor: Redactor) -> None:
    """Redact ``report.longrepr`` and the captured sections of ``report`` in place."""
    report.longrepr = _redacted(report.longrepr, redactor, 0)
    report.sections = [(title, redactor.text(text)) for title, text in report.sections]


def _redacted(value: Any, redactor: Redactor, depth: int) -> Any:
    if depth > 12:  # pytest's representations are shallow; stop at anything that is not
        return value
    if isinstance(value, str):
        return redactor.text(value)
    if isinstance(value, list):
        return [_redacted(v, redactor, depth + 1) for v in value]
    if isinstance(value, tuple):
        return tuple(_redacted(v, redactor, depth + 1) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            current = getattr(value, field.name)
            try:
                setattr(value, field.name, _redacted(current, redactor, depth + 1))
            except dataclasses.FrozenInstanceError:
                continue  # not pytest's own representation; left as it is
    return value
