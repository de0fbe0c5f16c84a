"""Command-line options and ini settings of the plugin, read once into :class:`Settings`.

Every option has a ``--leganto-*`` name; the older short names (``--sandbox``, ``--release``,
...) still parse as deprecated aliases for one release. Team settings go in the ini file
(``leganto_sandbox``, ``leganto_config``, ...); the command line wins over the ini file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from leganto_qa.config.sandboxes import CONFIG_ENV, DEFAULT_CONFIG_NAME

GROUP = ("leganto-qa", "leganto-qa: run suites against a Leganto sandbox")

DEPRECATED_ALIASES: dict[str, str] = {
    "--sandbox": "--leganto-sandbox",
    "--release": "--leganto-release",
    "--locale": "--leganto-locale",
    "--run-id": "--leganto-run-id",
    "--axe-only": "--leganto-axe-only",
    "--checks": "--leganto-checks",
    "--checks-all-locales": "--leganto-checks-all-locales",
    "--shuffle-seed": "--leganto-shuffle-seed",
}
"""Old option name → new one. The old names go away in the release after next."""

_INI: tuple[tuple[str, str, str], ...] = (
    ("leganto_sandbox", "string", "sandbox id to test when --leganto-sandbox is not given"),
    ("leganto_config", "paths", "sandboxes.toml, relative to this ini file"),
    ("leganto_release", "string", "release label (stand-in: the release it serves)"),
    ("leganto_locales", "linelist", "locales to test, one a line (default: the sandbox's)"),
    (
        "leganto_translation_locales",
        "linelist",
        "the i18n suite's locales, one a line (default: the sandbox's translation_locales)",
    ),
    ("leganto_checks", "string", "browser checks on page states (all, none, or names)"),
    ("leganto_checks_all_locales", "bool", "run the browser checks in every locale"),
    ("leganto_axe_only", "bool", "scan page states with axe only"),
    ("leganto_progress", "bool", "one line per finished test instead of dots"),
)


def add_options(parser: pytest.Parser) -> None:
    """Register the ``--leganto-*`` options (with their deprecated aliases) and ini settings."""
    group = parser.getgroup(*GROUP)
    _add_run_options(group)
    _add_scan_options(group)
    for ini_name, kind, help_text in _INI:
        parser.addini(ini_name, f"leganto-qa: {help_text}.", type=kind)  # type: ignore[arg-type]


def _add_run_options(group: pytest.OptionGroup) -> None:
    _add(
        group,
        "--leganto-sandbox",
        "sandbox id from sandboxes.toml to test; enables the harness (ini: leganto_sandbox)",
        metavar="ID",
    )
    _add(
        group,
        "--leganto-config",
        f"path of sandboxes.toml (default: ${CONFIG_ENV}, ini leganto_config, "
        "./sandboxes.toml, else the rootdir's)",
        metavar="PATH",
    )
    _add(
        group,
        "--leganto-release",
        "release label: served by a stand-in sandbox, recorded for a real one "
        "(ini: leganto_release)",
        metavar="LABEL",
    )
    _add(
        group,
        "--leganto-locale",
        "locale to test, repeatable (default: the sandbox's locales; ini: leganto_locales)",
        action="append",
        metavar="LOCALE",
    )
    _add(
        group,
        "--leganto-translation-locale",
        "locale of the i18n suite, repeatable (default: the sandbox's translation_locales, or "
        "--leganto-locale when given; ini: leganto_translation_locales)",
        action="append",
        metavar="LOCALE",
    )
    _add(group, "--leganto-run-id", "run id (default: a new timestamped id)", metavar="ID")
    _add(
        group,
        "--leganto-shuffle-seed",
        "run tests in an order shuffled with this seed, to show results do not depend on order",
        type=int,
        metavar="SEED",
    )
    _add(
        group,
        "--leganto-shard",
        "run only shard K of N (e.g. 1/2): a deterministic split that keeps each role's login "
        "on one shard; join the shards' records with 'leganto-qa merge'",
        metavar="K/N",
    )
    _add(
        group,
        "--leganto-progress",
        "print one line per finished test instead of pytest's dots (ini: leganto_progress)",
        action="store_true",
    )


def _add_scan_options(group: pytest.OptionGroup) -> None:
    _add(
        group,
        "--leganto-axe-only",
        "scan page states with axe only: no screenshots or ARIA snapshots (ini: leganto_axe_only)",
        action="store_true",
    )
    _add(
        group,
        "--leganto-checks",
        "browser checks on page states, e.g. keyboard,reflow; all; none (default: all, in the "
        "default locale; ini: leganto_checks)",
        metavar="NAMES",
    )
    _add(
        group,
        "--leganto-checks-all-locales",
        "run the browser checks in every locale, not only the default one "
        "(ini: leganto_checks_all_locales)",
        action="store_true",
    )


_OLD_NAMES = {new: old for old, new in DEPRECATED_ALIASES.items()}


def deprecated_aliases_used(args: tuple[str, ...] | list[str]) -> list[str]:
    """The deprecated option names among ``args`` (``--sandbox demo``, ``--checks=none``)."""
    used = {arg.partition("=")[0] for arg in args if arg.startswith("--")}
    return sorted(name for name in DEPRECATED_ALIASES if name in used)


def warn_deprecated_aliases(config: pytest.Config) -> None:
    """One deprecation warning naming the old options used and their new names."""
    used = deprecated_aliases_used(list(config.invocation_params.args))
    if used:
        pairs = ", ".join(f"{old} → {DEPRECATED_ALIASES[old]}" for old in used)
        config.issue_config_time_warning(
            pytest.PytestDeprecationWarning(
                f"leganto-qa: deprecated option name(s) {pairs}; the old names go away in the "
                "release after next"
            ),
            stacklevel=2,
        )


def _add(group: pytest.OptionGroup, name: str, help_text: str, **options: Any) -> None:
    """One option; its dest is the name in snake case, None when not given (ini decides)."""
    names = [name]
    if name in _OLD_NAMES:
        names.append(_OLD_NAMES[name])
        help_text += f"; {_OLD_NAMES[name]} is a deprecated alias"
    dest = name.removeprefix("--").replace("-", "_")
    group.addoption(*names, dest=dest, default=None, help=help_text + ".", **options)


@dataclass(frozen=True)
class Settings:
    """What the options and the ini file ask of the harness (command line first)."""

    sandbox: str | None
    config_path: Path
    release: str | None
    locales: tuple[str, ...]
    translation_locales: tuple[str, ...]
    """The i18n suite's locales from the command line or ini; () means the sandbox's."""
    run_id: str | None
    axe_only: bool
    checks: str | None
    """``--leganto-checks`` as given; None: the default selection."""
    checks_all_locales: bool
    shuffle_seed: int | None
    progress: bool
    shard: str | None = None
    """``--leganto-shard K/N`` as given (checked in ``sharding``); None: the whole run."""

    @property
    def enabled(self) -> bool:
        """The harness runs only when a sandbox is named."""
        return bool(self.sandbox)


SETTINGS_KEY = pytest.StashKey[Settings]()


def settings(config: pytest.Config) -> Settings:
    """The settings of this pytest run, read on first use and kept in ``config.stash``."""
    found = config.stash.get(SETTINGS_KEY, None)
    if found is None:
        found = config.stash[SETTINGS_KEY] = _read(config)
    return found


def _read(config: pytest.Config) -> Settings:
    option = config.option
    return Settings(
        sandbox=option.leganto_sandbox or config.getini("leganto_sandbox") or None,
        config_path=config_path(config),
        release=option.leganto_release or config.getini("leganto_release") or None,
        locales=tuple(option.leganto_locale or config.getini("leganto_locales")),
        translation_locales=tuple(
            option.leganto_translation_locale or config.getini("leganto_translation_locales")
        ),
        run_id=option.leganto_run_id,
        axe_only=_flag(config, "axe_only"),
        checks=option.leganto_checks or config.getini("leganto_checks") or None,
        checks_all_locales=_flag(config, "checks_all_locales"),
        shuffle_seed=option.leganto_shuffle_seed,
        progress=_flag(config, "progress"),
        shard=option.leganto_shard,
    )


def _flag(config: pytest.Config, name: str) -> bool:
    given = getattr(config.option, f"leganto_{name}")
    return bool(given) if given is not None else bool(config.getini(f"leganto_{name}"))


def config_path(config: pytest.Config) -> Path:
    """sandboxes.toml: --leganto-config, $LEGANTO_QA_CONFIG, ini, ./, then the rootdir's."""
    given = config.option.leganto_config
    if given:
        return Path(given).expanduser()
    from_env = os.environ.get(CONFIG_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    from_ini: list[Path] = config.getini("leganto_config")
    if from_ini:
        return from_ini[0]
    here = Path.cwd() / DEFAULT_CONFIG_NAME
    in_rootdir = config.rootpath / DEFAULT_CONFIG_NAME
    return in_rootdir if not here.exists() and in_rootdir.exists() else here
