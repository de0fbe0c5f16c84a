"""How much exploring a page state may cost (``[harness] explore*`` in sandboxes.toml)."""

from __future__ import annotations

from dataclasses import dataclass

from leganto_qa.config.models import HarnessConfig
from leganto_qa.config.sandboxes import EXPLORE_BUDGET_S, EXPLORE_MAX_STATES


@dataclass(frozen=True)
class ExploreSettings:
    """Whether to explore, and the budget of one page state."""

    enabled: bool = True
    max_states: int = EXPLORE_MAX_STATES
    budget_s: float = EXPLORE_BUDGET_S

    @classmethod
    def of(cls, harness: HarnessConfig) -> ExploreSettings:
        return cls(harness.explore, harness.explore_max_states, harness.explore_budget_s)
