"""Reading a TOML file of the harness (sandboxes.toml, known-issues.toml) with one-line errors."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from leganto_qa.model.errors import ConfigError

_TOML_POS_RE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file; any problem is a ConfigError naming the file, the line and the fix."""
    label = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{label}: not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
    except OSError as exc:
        raise ConfigError(
            f"{label}: cannot be read ({exc.strerror}); check the file's permissions"
        ) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(toml_error_message(label, text, exc)) from exc


def toml_error_message(label: str, text: str, exc: tomllib.TOMLDecodeError) -> str:
    message = str(exc)
    match = _TOML_POS_RE.search(message)
    if match is None:
        return f"{label}: {message}; fix the TOML syntax"
    reason = message[: match.start()]
    if match.group(1) is None:
        last = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        return f"{label}: line {last}: {reason} (at end of file); fix the TOML syntax"
    line, column = match.group(1), match.group(2)
    return f"{label}: line {line}: {reason} (column {column}); fix the TOML syntax"
