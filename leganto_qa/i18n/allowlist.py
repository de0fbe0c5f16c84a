"""``i18n-allowlist.toml`` for the translation checks (read in leganto_qa.config.allowlist)."""

from __future__ import annotations

from leganto_qa.config.allowlist import ENV, FILE_NAME, Allowlist, allowlist_path, load_allowlist

__all__ = ["ENV", "FILE_NAME", "Allowlist", "allowlist_path", "load_allowlist"]
