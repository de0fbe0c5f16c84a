"""A shard of a run: part K of N (``--shard K/N``), as the command line writes it and records keep.

Which tests belong to which shard is the plugin's business (``pytest_plugin.sharding``); joining
the shards' records again is ``model.record_merge``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from leganto_qa.model.errors import HarnessError

_SHARD_RE = re.compile(r"\s*(\d{1,4})\s*/\s*(\d{1,4})\s*")
MAX_SHARDS = 1000


@dataclass(frozen=True, order=True)
class Shard:
    """Part ``index`` (1-based) of ``count``."""

    index: int
    count: int

    @property
    def label(self) -> str:
        """``"1/2"``: how the command line and the run record write it."""
        return f"{self.index}/{self.count}"


def shard_problem(text: str) -> str | None:
    """Why ``text`` is not a shard ``K/N`` (a phrase), or None."""
    found = _SHARD_RE.fullmatch(text)
    if found is None:
        return "is not of the form K/N (e.g. 1/2)"
    index, count = int(found[1]), int(found[2])
    if not 1 <= count <= MAX_SHARDS:
        return f"has N outside 1-{MAX_SHARDS}"
    if not 1 <= index <= count:
        return f"has K outside 1-{count}"
    return None


def parse_shard(text: str) -> Shard:
    """``"2/4"`` → Shard(2, 4); anything else raises HarnessError in one line."""
    problem = shard_problem(text)
    if problem is not None:
        raise HarnessError(
            f"shard {text!r} {problem}; give --shard K/N with 1 <= K <= N, e.g. --shard 1/2"
        )
    found = _SHARD_RE.fullmatch(text)
    assert found is not None
    return Shard(int(found[1]), int(found[2]))


def assign_units(weights: Mapping[str, int], count: int, salt: str = "") -> dict[str, int]:
    """Each unit (a group of tests that must stay together) → its shard, 1..``count``.

    Balanced and deterministic: the units, heaviest first (ties by name), each go to the least
    loaded shard so far (ties: the lowest). The shard numbers are then rotated by a stable hash of
    ``salt`` (the sandbox id), so that many sandboxes sharded alike do not all put their heaviest
    role on shard 1. Same units, same answer, on every machine and in every Python.
    """
    loads = [0] * count
    offset = int(hashlib.sha256(salt.encode()).hexdigest(), 16) % count
    placed: dict[str, int] = {}
    for unit in sorted(weights, key=lambda u: (-weights[u], u)):
        slot = min(range(count), key=lambda s: (loads[s], s))
        loads[slot] += weights[unit]
        placed[unit] = (slot + offset) % count + 1
    return placed
