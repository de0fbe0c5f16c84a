"""The titles of a BibTeX file's entries, in file order, as plain Unicode text.

A small reader rather than a library: the check needs one field per entry. It handles what
exports contain: ``{…}`` and ``"…"`` values with nested braces, ``#`` concatenation, bare
numbers, ``@comment``/``@preamble``/``@string`` blocks (skipped), and LaTeX letters and accents
(``{\\o}`` → ø, ``{\\aa}`` → å, ``\\v{c}`` → č, ``\\'a`` → á).
"""

from __future__ import annotations

import re
import unicodedata

_ENTRY = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")
_FIELD = re.compile(r"\s*([A-Za-z][\w:.+-]*)\s*=\s*")
_SKIPPED = frozenset({"comment", "preamble", "string"})
_LETTERS = {
    "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "ss": "ß",
    "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "ng": "ŋ", "NG": "Ŋ", "dh": "ð",
    "DH": "Ð", "dj": "đ", "DJ": "Đ", "i": "\u0131", "j": "\u0237",
}  # fmt: skip
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "v": "\u030c", "u": "\u0306", "H": "\u030b",
    "c": "\u0327", "k": "\u0328", "r": "\u030a",
}  # fmt: skip
_ACCENT = re.compile(r"\\([`'^\"~=.]|[vuHckr](?=[\s{]))\s*(?:\{\s*(\\?\w)\s*\}|(\\?\w))")
_LETTER = re.compile(r"\\(aa|AA|ae|AE|ss|oe|OE|ng|NG|dh|DH|dj|DJ|o|O|l|L|i|j)(?![A-Za-z])\s?")
_ESCAPED = re.compile(r"\\([&%$#_{}])")


def bibtex_titles(text: str) -> tuple[str, ...]:
    """Each entry's ``title`` (``""`` for an entry without one), in file order."""
    titles: list[str] = []
    pos = 0
    while (match := _ENTRY.search(text, pos)) is not None:
        kind, opening = match.group(1).lower(), match.group(2)
        end = _closing(text, match.end(), "}" if opening == "{" else ")")
        if kind not in _SKIPPED:
            fields = _fields(text[match.end() : end])
            titles.append(latex_to_text(fields.get("title", "")))
        pos = end + 1
    return tuple(titles)


def _closing(text: str, start: int, close: str) -> int:
    """Where the entry that opened before ``start`` ends (its end of text if unclosed)."""
    depth = 0
    i = start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
        elif char == close and depth == 0:
            return i
        i += 1
    return len(text)


def _fields(body: str) -> dict[str, str]:
    """``name = value`` pairs after the citation key; names lower-cased, first one kept."""
    comma = body.find(",")
    pos = comma + 1 if comma >= 0 and "=" not in body[:comma] else 0
    fields: dict[str, str] = {}
    while (match := _FIELD.match(body, pos)) is not None:
        value, pos = _value(body, match.end())
        fields.setdefault(match.group(1).lower(), value)
        pos = body.find(",", pos)
        if pos < 0:
            break
        pos += 1
    return fields


def _value(body: str, pos: int) -> tuple[str, int]:
    """A value and the position after it: ``{…}``, ``"…"``, a bare word, joined by ``#``."""
    parts: list[str] = []
    while pos < len(body):
        while pos < len(body) and body[pos].isspace():
            pos += 1
        if pos >= len(body):
            break
        char = body[pos]
        if char in '{"':
            end = _delimited(body, pos)
            parts.append(body[pos + 1 : end])
            pos = end + 1
        else:
            word = re.match(r"[^,#}\s]+", body[pos:])
            parts.append(word.group(0) if word else "")
            pos += len(word.group(0)) if word else 1
        rest = body[pos:].lstrip()
        if not rest.startswith("#"):
            break
        pos = len(body) - len(rest) + 1
    return "".join(parts), pos


def _delimited(body: str, start: int) -> int:
    """The index of the brace or quote that closes the one at ``start``."""
    quote = body[start] == '"'
    depth = 0 if quote else 1
    i = start + 1
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and not quote:
                return i
        elif char == '"' and quote and depth == 0:
            return i
        i += 1
    return len(body)


def latex_to_text(value: str) -> str:
    """LaTeX letters, accents and escapes to Unicode; braces dropped, spaces collapsed."""

    def accent(match: re.Match[str]) -> str:
        base = match.group(2) or match.group(3) or ""
        base = _LETTERS.get(base[1:], base[1:]) if base.startswith("\\") else base
        return unicodedata.normalize("NFC", base + _ACCENTS[match.group(1)])

    text = _ACCENT.sub(accent, value)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _ESCAPED.sub(lambda m: "\0" + m.group(1), text)  # marked: survives brace removal
    text = re.sub(r"(?<!\0)[{}]", "", text).replace("\0", "")
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("~", " ")
    return " ".join(text.split())
