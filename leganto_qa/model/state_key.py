"""The key of everything seen in a run: page state, role and locale."""

from __future__ import annotations

from typing import NamedTuple


class StateKey(NamedTuple):
    """One page state as one role saw it in one locale (findings, screenshots, snapshots)."""

    page_state: str
    role: str
    locale: str

    @property
    def label(self) -> str:
        """The key as text, as baselines and reports store it: ``list/student [student, en]``."""
        return f"{self.page_state} [{self.role}, {self.locale}]"


def state_key(page_state: str, role: str, locale: str) -> str:
    """The text label of a page state key (see ``StateKey.label``)."""
    return StateKey(page_state, role, locale).label
