"""Size, depth and character limits every TOML file of the harness must keep.

Checked twice, never by recursion: the text's bracket nesting before ``tomllib`` parses it
(a deeply nested array would exhaust Python's stack), then the parsed tree (depth, key and
string lengths, control characters). Messages name the file and the place, never the value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from leganto_qa.model.errors import ConfigError

MAX_FILE_BYTES = 1024 * 1024
"""A config file larger than this is refused unread (ours are a few kilobytes)."""
MAX_DEPTH = 12
"""Tables and arrays nested deeper than this are refused (the files need 5)."""
MAX_STRING_CHARS = 4096
"""Longest string value (a URL, a note, a regular expression)."""
MAX_KEY_CHARS = 100
"""Longest key or table name."""

_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")
_SCAN_RE = re.compile(r"""[\[\]{}"'#.=,\n]""")
_BASIC_STRING_RE = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_UNSAFE_FORMAT = frozenset("\u200e\u200f\u2028\u2029\ufeff") | frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
)
"""Direction overrides and line separators: they make text read differently than it is."""


def check_nesting(label: str, text: str) -> None:
    """Refuse text whose brackets nest deeper than MAX_DEPTH, or a dotted key of more parts,
    in one pass without recursion (tomllib slows down on long dotted keys)."""
    depth, parts, pos = 0, 0, 0
    while (found := _SCAN_RE.search(text, pos)) is not None:
        char, pos = found.group(), found.end()
        if char in "\"'#":
            end = text.find("\n", pos) if char == "#" else _string_end(text, found.start())
            if end < 0:
                return  # an unterminated comment or string: tomllib names the line
            pos = end
            continue
        parts = parts + 1 if char == "." else 0
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(0, depth - 1)
        if depth > MAX_DEPTH or parts >= MAX_DEPTH:
            line = text.count("\n", 0, found.start()) + 1
            raise ConfigError(
                f"{label}: line {line}: keys, arrays or tables nested deeper than {MAX_DEPTH} "
                "levels; flatten the value"
            )


def _string_end(text: str, start: int) -> int:
    """Where the TOML string starting at ``start`` ends (-1: not terminated)."""
    if text.startswith('"""', start):
        pos = start + 3
        while (close := text.find('"""', pos)) >= 0:
            first = close
            while first > pos and text[first - 1] == "\\":
                first -= 1
            if (close - first) % 2 == 0:
                return _past_quotes(text, close, '"')
            pos = close + 1
        return -1
    if text.startswith("'''", start):
        close = text.find("'''", start + 3)
        return _past_quotes(text, close, "'") if close >= 0 else -1
    if text[start] == "'":
        close = text.find("'", start + 1)
        line_end = text.find("\n", start + 1)
        return -1 if close < 0 or (0 <= line_end < close) else close + 1
    found = _BASIC_STRING_RE.match(text, start)
    return found.end() if found else -1


def _past_quotes(text: str, close: int, quote: str) -> int:
    """The end of a multi-line string closed at ``close``: up to 2 quotes may belong to it."""
    end = close + 3
    while end < len(text) and text[end] == quote and end - close < 5:
        end += 1
    return end


Place = tuple[str | int, ...]
"""Where a value sits: keys, and 1-based positions in arrays."""


def check_tree(label: str, data: Mapping[str, object]) -> None:
    """Refuse a parsed file with too deep nesting, over-long keys or strings, control chars."""
    stack: list[tuple[object, Place]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            raise ConfigError(
                f"{label}: {show_place(path[:MAX_DEPTH])} nests tables or arrays deeper than "
                f"{MAX_DEPTH} levels; flatten it"
            )
        if isinstance(value, Mapping):
            for key, item in value.items():
                _check_key(label, path, str(key))
                stack.append((item, (*path, str(key))))
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value, start=1))
        elif isinstance(value, str):
            _check_string(label, path, value)


def _check_key(label: str, path: Place, key: str) -> None:
    where = show_table(path) if path else "the top level"
    if len(key) > MAX_KEY_CHARS:
        raise ConfigError(
            f"{label}: {where} has a key of {len(key)} characters (the limit is "
            f"{MAX_KEY_CHARS}); shorten it"
        )
    bad = unsafe_char(key, allow_layout=False)
    if bad is not None:
        raise ConfigError(f"{label}: {where} has a key holding {bad}; remove it")


def _check_string(label: str, path: Place, value: str) -> None:
    if len(value) > MAX_STRING_CHARS:
        raise ConfigError(
            f"{label}: {show_place(path)} is {len(value)} characters long (the limit is "
            f"{MAX_STRING_CHARS}); shorten it"
        )
    bad = unsafe_char(value, allow_layout=True)
    if bad is not None:
        raise ConfigError(f"{label}: {show_place(path)} holds {bad}; remove it")


def unsafe_char(text: str, *, allow_layout: bool) -> str | None:
    """Describe the first control or direction character in ``text`` (None: there is none).

    ``allow_layout`` lets tab and line feed through (multi-line notes); everything else in
    Unicode category Cc, and the direction overrides, is refused.
    """
    for index, char in enumerate(text, start=1):
        if allow_layout and char in "\t\n":
            continue
        if char in _UNSAFE_FORMAT or unicodedata.category(char) in ("Cc", "Cs"):
            return f"a control character (U+{ord(char):04X}, character {index})"
    return None


def show_place(path: Place) -> str:
    """A value's place as messages name it: ``[sandbox.demo] base_url``, or with array
    positions ``sandbox.help.pages item 2: name`` (keys bare when TOML allows, else quoted)."""
    if len(path) > 1 and all(isinstance(part, str) for part in path):
        return f"{show_table(path[:-1])} {_show_key(str(path[-1]))}"
    first = next((i for i, part in enumerate(path) if isinstance(part, int)), len(path))
    head, rest = path[: max(0, first - 1)], path[max(0, first - 1) :]
    text, after_item = "", False
    for part in rest:
        if isinstance(part, int):
            text, after_item = text + f" item {part}", True
            continue
        joint = ": " if after_item else "." if text else ""
        text, after_item = text + joint + _show_key(part), False
    return f"{show_table(head)} {text}" if head else text


def show_table(path: Place) -> str:
    """A table's place: ``[sandbox.demo.roles]``, or ``issue item 1: match`` in an array."""
    if all(isinstance(part, str) for part in path):
        return "[" + ".".join(_show_key(str(part)) for part in path) + "]"
    return show_place(path)


def _show_key(key: str) -> str:
    if _BARE_KEY_RE.fullmatch(key):
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
