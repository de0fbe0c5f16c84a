"""The one table checker every TOML file of the harness is read through.

A :class:`Table` is one TOML table of a file already read by
:func:`leganto_qa.config.toml_reader.read_toml` (which enforces size, depth and character
limits). Its methods read one key each and raise a ConfigError with one line naming the file,
the table, the key, the cause and the fix. They never repeat a rejected value: it may be a
password pasted into the wrong key.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import cast

from leganto_qa.config.limits import unsafe_char
from leganto_qa.config.urls import UrlForm, normalised, url_problem
from leganto_qa.model.errors import ConfigError

SECRET_KEYS: Mapping[str, tuple[str, str]] = {
    "password": ("a literal password", "password_env"),
    "apikey": ("a literal API key", "apikey_env"),
    "api_key": ("a literal API key", "apikey_env"),
}
"""Keys people write secrets under, and the ``*_env`` key to use instead."""

ENV_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_NAME_CHARS = 200
"""Longest one-line value that becomes a name (page state, link text, selector)."""


class Table:
    """One TOML table being validated, knowing where it sits for error messages.

    ``where`` is the dotted table name (``sandbox.demo.roles.student``, shown as ``[...]``);
    ``place`` replaces that display when a file names its tables otherwise (``issue 'KI-1'
    (entry 1):``); ``prefix`` is put before key names (``match.`` for a dotted-key table).
    ``examples`` maps key names to a valid TOML value shown in the fix.
    """

    def __init__(
        self,
        label: str,
        where: str,
        data: Mapping[str, object],
        *,
        place: str | None = None,
        prefix: str = "",
        examples: Mapping[str, str] | None = None,
    ) -> None:
        self.label = label
        self.where = where
        self.data = data
        self.place = place if place is not None else (f"[{where}]" if where else "")
        self.prefix = prefix
        self.examples: Mapping[str, str] = examples or {}

    # ----------------------------------------------------------------------- messages

    def error(self, message: str) -> ConfigError:
        """A ConfigError: ``<file>: <table> <message>``."""
        prefix = f"{self.label}: {self.place}" if self.place else f"{self.label}:"
        return ConfigError(f"{prefix} {message}")

    def name(self, key: str) -> str:
        """The key as messages show it (with the table's prefix)."""
        return self.prefix + key

    def example(self, key: str) -> str:
        return self.examples.get(key, '"..."')

    # ----------------------------------------------------------------------- structure

    def check_keys(
        self, allowed: Collection[str], secrets: Mapping[str, tuple[str, str]] = SECRET_KEYS
    ) -> None:
        """Refuse a key not in ``allowed``: a secret's key says where the secret goes instead,
        a typo gets a did-you-mean, anything else the list of keys."""
        for key in self.data:
            if key in allowed:
                continue
            if key in secrets:
                what, env_key = secrets[key]
                raise self.error(
                    f"{self.name(key)}: {what} is not allowed in the file; "
                    f'set {env_key} = "SOME_ENV_VAR" and export SOME_ENV_VAR instead'
                )
            what = "key" if self.place else "top-level key"
            close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
            if close:
                raise self.error(
                    f"unknown {what} {self.name(key)!r}; did you mean {self.name(close[0])!r}?"
                )
            shown = ", ".join(self.name(k) for k in allowed) or "none"
            raise self.error(f"unknown {what} {self.name(key)!r}; use one of: {shown}")

    def table(self, key: str, *, required: bool = False) -> Table | None:
        """The sub-table ``[<where>.<key>]``, None when absent (unless ``required``)."""
        where = f"{self.where}.{key}" if self.where else key
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(f"missing table [{where}]; add it")
            return None
        if not isinstance(value, dict):
            raise self.error(f"{self.name(key)} must be a table; write it as [{where}]")
        return Table(self.label, where, cast(dict[str, object], value), examples=self.examples)

    def dotted(self, key: str, *, required: bool = False) -> Table | None:
        """The sub-table written as dotted keys (``match.rule = ...``), same place in messages."""
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(f"missing table {self.name(key)}; add it")
            return None
        if not isinstance(value, dict):
            raise self.error(
                f"{self.name(key)} must be a table; write {self.name(key)}.<key> = ..."
            )
        return Table(
            self.label,
            f"{self.where}.{key}" if self.where else key,
            cast(dict[str, object], value),
            place=self.place,
            prefix=f"{self.prefix}{key}.",
            examples=self.examples,
        )

    # ----------------------------------------------------------------------- values

    def string(
        self, key: str, *, required: bool = False, max_chars: int | None = None
    ) -> str | None:
        """A one-line string, stripped; None when absent. Tabs and line breaks are refused."""
        value = self.text(key, required=required)
        if value is None:
            return None
        if "\n" in value or "\t" in value:
            raise self.error(f"{self.name(key)} holds a line break or tab; write it on one line")
        if max_chars is not None and len(value) > max_chars:
            raise self.error(
                f"{self.name(key)} is {len(value)} characters long (the limit is {max_chars}); "
                "shorten it"
            )
        return value

    def text(self, key: str, *, required: bool = False) -> str | None:
        """A string that may span lines (a note), stripped; None when absent."""
        value = self.data.get(key)
        shown = self.name(key)
        if value is None:
            if required:
                raise self.error(
                    f"missing required key {shown!r}; add {shown} = {self.example(key)}"
                )
            return None
        if isinstance(value, bool) or not isinstance(value, str):
            if isinstance(value, int | float):
                raise self.error(f"{shown} must be a string, not a number; put it in quotes")
            raise self.error(f"{shown} must be a string like {shown} = {self.example(key)}")
        bad = unsafe_char(value, allow_layout=True)
        if bad is not None:
            raise self.error(f"{shown} holds {bad}; remove it")
        stripped = value.strip()
        if not stripped:
            raise self.error(f"{shown} is empty; give a value like {shown} = {self.example(key)}")
        return stripped

    def required(self, key: str) -> str:
        """A one-line string that must be there."""
        value = self.string(key, required=True)
        assert value is not None  # string(required=True) never returns None
        return value

    def choice(self, key: str, choices: Sequence[str], what: str, default: str | None) -> str:
        """One of ``choices``; ``default`` when absent (required when there is no default)."""
        value = self.string(key, required=default is None)
        if value is None:
            assert default is not None  # required when there is no default
            return default
        if value not in choices:
            raise self.error(f"{self.name(key)} is not {what}; use one of: {', '.join(choices)}")
        return value

    def env_name(self, key: str) -> str | None:
        """The name of an environment variable (never a secret itself)."""
        value = self.string(key)
        if value is not None and not ENV_NAME_RE.fullmatch(value):
            # The value may be a secret pasted in the wrong place: never echo it.
            raise self.error(
                f"{self.name(key)} must name an environment variable (letters, digits, '_'), "
                f'not hold a secret; write {self.name(key)} = "LEGANTO_QA_..." and export '
                "that variable"
            )
        return value

    def path(self, key: str, base: Path) -> Path | None:
        """A file path; relative ones are relative to ``base`` (the config file's folder)."""
        value = self.string(key)
        if value is None:
            return None
        try:
            resolved = Path(value).expanduser()
        except RuntimeError:  # ~name of a user this machine does not know
            raise self.error(
                f"{self.name(key)} starts with the home folder of an unknown user; "
                "write the full path or ~/..."
            ) from None
        return resolved if resolved.is_absolute() else base / resolved

    def inside(self, key: str, base: Path, roots: Sequence[Path], what: str) -> Path | None:
        """A path that must resolve inside one of ``roots`` (symbolic links followed)."""
        path = self.path(key, base)
        if path is None:
            return None
        resolved = path.resolve()
        if not any(resolved.is_relative_to(root.resolve()) for root in roots):
            folders = " or ".join(str(root) for root in roots)
            raise self.error(
                f"{self.name(key)} must be inside {folders} ({what}); "
                f"write e.g. {self.name(key)} = {self.example(key)}"
            )
        return path

    def url(self, key: str, form: UrlForm = "page", *, required: bool = False) -> str | None:
        """An http(s) URL: host, port 1-65535, no spaces or control characters."""
        value = self.string(key, required=required)
        if value is None:
            return None
        problem = url_problem(value, form)
        if problem is not None:
            raise self.error(
                f"{self.name(key)} {problem}; write it like {self.name(key)} = {self.example(key)}"
            )
        return normalised(value, form)

    def positive_number(self, key: str, default: float) -> float:
        """A number (integer or decimal) above 0; ``default`` when absent."""
        value = self.data.get(key, default)
        shown = self.name(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(f"{shown} must be a number like {shown} = {default:g}")
        if not value > 0 or value == float("inf"):
            raise self.error(
                f"{shown} must be above 0 and finite; write e.g. {shown} = {default:g}"
            )
        return float(value)

    def integer_between(self, key: str, low: int, high: int, default: int) -> int:
        """A whole number from ``low`` to ``high``; ``default`` when absent."""
        value = self.data.get(key, default)
        shown = self.name(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(f"{shown} must be a whole number like {shown} = {default}")
        if not low <= value <= high:
            raise self.error(
                f"{shown} must be from {low} to {high}; write e.g. {shown} = {default}"
            )
        return value

    def strings(self, key: str, *, nonempty: bool = False) -> list[str] | None:
        """A list of one-line strings; None when absent."""
        value = self.data.get(key)
        if value is None:
            return None
        shown = self.name(key)
        fix = f"write {shown} = {self.example(key)}"
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(f"{shown} must be a list of strings; {fix}")
        if nonempty and not value:
            raise self.error(f"{shown} is empty; {fix}")
        for index, item in enumerate(cast(list[str], value), start=1):
            bad = unsafe_char(item, allow_layout=False)
            if bad is not None:
                raise self.error(f"{shown} item {index} holds {bad}; remove it")
        return list(cast(list[str], value))
