"""Reading a TOML file of the harness (sandboxes.toml, known-issues.toml, i18n-allowlist.toml).

Every file goes through :func:`read_toml`: size limit, UTF-8, nesting limit, ``tomllib``, then
the limits on the parsed tree (:mod:`leganto_qa.config.limits`). Any problem is one
ConfigError naming the file, the line or place, the cause and the fix, never the value.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from leganto_qa.config.limits import MAX_FILE_BYTES, check_nesting, check_tree
from leganto_qa.model.errors import ConfigError

_TOML_POS_RE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")
_MAX_REASON_CHARS = 80
"""tomllib's reasons may quote a key; a longer reason is cut (a key is never a secret)."""


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed, limit-checked file; any problem is a ConfigError naming the file and fix."""
    label = path.name
    text = _read_text(path, label)
    return parse_toml(label, text)


def parse_toml(label: str, text: str) -> dict[str, Any]:
    """Parse ``text`` (the file ``label``) within the limits; errors as in :func:`read_toml`."""
    check_nesting(label, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(toml_error_message(label, text, exc)) from None
    except RecursionError:
        raise ConfigError(
            f"{label}: values nested too deeply to read; flatten the arrays and tables"
        ) from None
    except ValueError:
        # e.g. an integer of more than 4300 digits: Python refuses to convert it.
        raise ConfigError(
            f"{label}: a number is too long to read; write numbers with fewer digits"
        ) from None
    check_tree(label, data)
    return data


def _read_text(path: Path, label: str) -> str:
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ConfigError(
            f"{label}: cannot be read ({exc.strerror}); check the file's permissions"
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ConfigError(
            f"{label}: larger than {MAX_FILE_BYTES // 1024} KiB; a config file is a few "
            "kilobytes, check that this is the right file"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{label}: not UTF-8 text ({exc.reason}); save it as UTF-8") from None


def toml_error_message(label: str, text: str, exc: tomllib.TOMLDecodeError) -> str:
    """tomllib's error as one line: file, line, column, reason and fix."""
    message = str(exc)
    match = _TOML_POS_RE.search(message)
    reason = message if match is None else message[: match.start()]
    if len(reason) > _MAX_REASON_CHARS or "\n" in reason:
        reason = reason[:_MAX_REASON_CHARS].split("\n")[0] + "…"
    if match is None:
        return f"{label}: {reason}; fix the TOML syntax"
    if match.group(1) is None:
        last = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        return f"{label}: line {last}: {reason} (at end of file); fix the TOML syntax"
    line, column = match.group(1), match.group(2)
    return f"{label}: line {line}: {reason} (column {column}); fix the TOML syntax"
