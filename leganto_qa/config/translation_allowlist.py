"""``i18n-allowlist.toml``: content elements and terms that are the same in every language.

Read here (through the shared table checker) so ``leganto-qa config check`` can validate it;
the translation checks use it through :mod:`leganto_qa.config.translation_allowlist`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from leganto_qa.config.config_paths import ALLOWLIST_NAME
from leganto_qa.config.tables import Table
from leganto_qa.config.toml_reader import read_toml
from leganto_qa.config.values import LOCALES

FILE_NAME = ALLOWLIST_NAME
ENV = "LEGANTO_QA_I18N_ALLOWLIST"
_PACKAGED = Path(__file__).resolve().parents[2] / FILE_NAME
_EXAMPLES = {
    "inside": '[".section-name"]',
    "exact": '["dd"]',
    "same_everywhere": '["Leganto"]',
    "patterns": "['^[0-9]+$']",
    "same": '["Status"]',
}


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
    top = Table(path.name, "", read_toml(path), examples=_EXAMPLES)
    top.check_keys(("content", "terms"))
    content = top.table("content") or Table(top.label, "content", {}, examples=_EXAMPLES)
    content.check_keys(("inside", "exact"))
    terms = top.table("terms") or Table(top.label, "terms", {}, examples=_EXAMPLES)
    terms.check_keys(("same_everywhere", "patterns", *LOCALES))
    same_in = {}
    for locale in LOCALES:
        table = terms.table(locale)
        if table is not None:
            table.check_keys(("same",))
            same_in[locale] = frozenset(table.strings("same") or ())
    return Allowlist(
        content_inside=tuple(content.strings("inside") or ()),
        content_exact=tuple(content.strings("exact") or ()),
        same_everywhere=frozenset(terms.strings("same_everywhere") or ()),
        patterns=_patterns(terms),
        same_in=same_in,
    )


def _patterns(terms: Table) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for index, text in enumerate(terms.strings("patterns") or (), start=1):
        try:
            patterns.append(re.compile(text))
        except re.error as exc:
            raise terms.error(
                f"patterns item {index} is not a regular expression ({exc.msg} at position "
                f"{exc.pos}); fix it"
            ) from None
        except (RecursionError, OverflowError, ValueError):
            raise terms.error(
                f"patterns item {index} is too complex for a regular expression (groups "
                "nested too deeply or a repeat too large); simplify it"
            ) from None
    return tuple(patterns)
