"""leganto-qa: release, workflow and accessibility test harness for Leganto sandboxes."""

from __future__ import annotations

__version__ = "0.1.0"
