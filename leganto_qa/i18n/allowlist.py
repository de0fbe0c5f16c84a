"""``i18n-allowlist.toml``: content elements and terms that are the same in every language."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leganto_qa.config.toml_reader import read_toml
from leganto_qa.model.errors import ConfigError

FILE_NAME = "i18n-allowlist.toml"
ENV = "LEGANTO_QA_I18N_ALLOWLIST"
_PACKAGED = Path(__file__).resolve().parents[2] / FILE_NAME


@dataclass(frozen=True)
class Allowlist:
    """What the untranslated check leaves alone."""

    content_inside: tuple[str, ...] = ()
    content_exact: tuple[str, ...] = ()
    same_everywhere: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()
    same_in: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def allows(self, text: str, locale: str) -> bool:
        """True when ``text`` may be identical to the English text in ``locale``."""
        if text in self.same_everywhere or text in self.same_in.get(locale, frozenset()):
            return True
        return any(p.fullmatch(text) for p in self.patterns)

    def content_selectors(self) -> dict[str, list[str]]:
        """The argument of the collection script: content selectors by matching mode."""
        return {"inside": list(self.content_inside), "exact": list(self.content_exact)}


def allowlist_path(config_path: Path | None, environ: Mapping[str, str] = os.environ) -> Path:
    """``$LEGANTO_QA_I18N_ALLOWLIST``, else beside sandboxes.toml, else the repository's."""
    if environ.get(ENV):
        return Path(environ[ENV])
    if config_path is not None and (config_path.parent / FILE_NAME).is_file():
        return config_path.parent / FILE_NAME
    return _PACKAGED


def load_allowlist(path: Path) -> Allowlist:
    """The allowlist at ``path``; an empty one when the file does not exist."""
    if not path.is_file():
        return Allowlist()
    data = read_toml(path)
    label = path.name
    content = _table(data, "content", label)
    terms = _table(data, "terms", label)
    patterns = []
    for text in _strings(terms, "patterns", f"{label} [terms]"):
        try:
            patterns.append(re.compile(text))
        except re.error as exc:
            raise ConfigError(
                f"{label} [terms] patterns: {text!r} is not a regular expression ({exc}); fix it"
            ) from None
    same_in = {
        locale: frozenset(_strings(table, "same", f"{label} [terms.{locale}]"))
        for locale, table in terms.items()
        if isinstance(table, dict)
    }
    return Allowlist(
        content_inside=tuple(_strings(content, "inside", f"{label} [content]")),
        content_exact=tuple(_strings(content, "exact", f"{label} [content]")),
        same_everywhere=frozenset(_strings(terms, "same_everywhere", f"{label} [terms]")),
        patterns=tuple(patterns),
        same_in=same_in,
    )


def _table(data: Mapping[str, Any], key: str, label: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{label}: [{key}] must be a table; write [{key}] on its own line")
    return value


def _strings(table: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{where}: {key} must be a list of strings like {key} = ["…"]')
    return list(value)
