"""Which findings a sandbox's baseline accepts (the release-regression work extends this)."""

from __future__ import annotations

import json
from pathlib import Path

from leganto_qa.errors import HarnessError


def baseline_path(reports_dir: Path, sandbox_id: str) -> Path:
    return reports_dir / "baselines" / f"{sandbox_id}.json"


def accepted_fingerprints(reports_dir: Path, sandbox_id: str) -> frozenset[str]:
    """Fingerprints of the findings the baseline accepts; empty when there is no baseline."""
    path = baseline_path(reports_dir, sandbox_id)
    if not path.exists():
        return frozenset()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return frozenset(str(f["fingerprint"]) for f in data["findings"])
    except (json.JSONDecodeError, KeyError, TypeError):
        raise HarnessError(
            f"{path}: not a readable baseline; restore it from version control or accept a "
            "run again"
        ) from None
