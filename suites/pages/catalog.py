"""Expected UI names per locale (what users read), from `catalog/<locale>.toml`."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

CATALOG_DIR = Path(__file__).parent / "catalog"


@cache
def names(locale: str) -> dict[str, str]:
    """Names in ``locale``; keys missing there fall back to English, as Leganto does."""
    english = tomllib.loads((CATALOG_DIR / "en.toml").read_text(encoding="utf-8"))
    path = CATALOG_DIR / f"{locale}.toml"
    local = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {**english, **local}
