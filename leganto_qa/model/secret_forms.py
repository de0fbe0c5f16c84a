"""Every form a secret value takes once a page, a URL or a file format has encoded it.

A password typed into a form comes back raw in a trace, HTML-escaped in an element's outer HTML
(``&amp;``, ``&quot;``, ``&#34;``, ``&#x27;``…), percent-encoded in a query string (``%26``,
``+``), JSON-escaped in a record (``\\"``, ``\\u0026``) and base64-encoded in a header or a
blob, and these nest (JSON of HTML, HTML of HTML). :func:`value_pattern` matches all of them
with one regular expression: each character of the secret other than an ASCII letter or digit
may appear in any of its encodings (letters and digits are never escaped by a serializer; the
longest run of them, the secret's :func:`anchor`, tells quickly which texts can hold it).
"""

from __future__ import annotations

import base64
import functools
import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.entities import codepoint2name
from urllib.parse import quote, quote_plus

_JSON_SHORT = {"\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", '"': '"', "\\": "\\"}
_AMP = "&(?:amp;)*"
"""An ``&`` that starts an entity, itself HTML-escaped any number of times (``&amp;amp;``)."""
_BACKSLASH = r"\\+"
"""A JSON escape's backslash, itself JSON-escaped any number of times (JSON in JSON)."""
_PERCENT = "%(?:25)*"
"""A percent-escape, itself percent-encoded any number of times (``%2526``)."""


def _hex(value: int, width: int = 2) -> str:
    """``value`` as hex digits that match in either case (``2[fF]``)."""
    digits = f"{value:0{width}x}"
    return "".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in digits)


def _utf16_units(char: str) -> list[int]:
    data = char.encode("utf-16-be")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def char_pattern(char: str) -> str:
    """A regular expression for one character in any of its encodings (see module docstring).

    ASCII letters and digits stand for themselves: no serializer escapes them (see
    :func:`anchor`), and leaving them out keeps the expressions small and quick to compile.
    """
    if char.isascii() and char.isalnum():
        return char
    code = ord(char)
    alternatives = [re.escape(char)]
    if char == "&":
        alternatives[0] = _AMP  # raw, &amp;, &amp;amp; …
    alternatives.append(f"{_AMP}#0*{code};")
    alternatives.append(f"{_AMP}#[xX]0*{_hex(code, 1)};")
    name = codepoint2name.get(code) or ("apos" if char == "'" else None)
    if name and char != "&":
        alternatives.append(f"{_AMP}{name};")
    alternatives.append("".join(f"{_PERCENT}{_hex(b)}" for b in char.encode("utf-8")))
    if char == " ":
        alternatives.append(r"\+")
    if char in _JSON_SHORT:
        alternatives.append(_BACKSLASH + re.escape(_JSON_SHORT[char]))
    if char == "/":
        alternatives.append(_BACKSLASH + "/")
    alternatives.append("".join(f"{_BACKSLASH}u{_hex(unit, 4)}" for unit in _utf16_units(char)))
    return "(?:" + "|".join(alternatives) + ")"


def value_pattern(secret: str) -> str:
    """A regular expression for ``secret`` raw, HTML-escaped, URL-encoded or JSON-escaped."""
    return "".join(char_pattern(char) for char in secret)


def _b64_encoders() -> tuple[Callable[[bytes], bytes], ...]:
    return (base64.b64encode, base64.urlsafe_b64encode)


def base64_forms(secret: str) -> set[str]:
    """Base64 text that shows ``secret``: encoded alone, and inside any longer base64 blob.

    Alone: standard and URL-safe alphabet, with and without ``=`` padding. Inside a blob the
    characters depend on where the secret starts (its offset modulo 3): for each of the three
    alignments the characters that encode the secret's bytes only are kept.
    """
    data = secret.encode("utf-8")
    forms: set[str] = set()
    for encode in _b64_encoders():
        alone = encode(data).decode("ascii")
        forms.update({alone, alone.rstrip("=")})
        for offset in range(3):
            encoded = encode(b"\0" * offset + data).decode("ascii").rstrip("=")
            lead = (0, 2, 3)[offset]  # characters that carry bits of the bytes before
            end = len(encoded) - (1 if (offset + len(data)) % 3 else 0)  # … or after
            core = encoded[lead:end]
            if len(core) >= 6:
                forms.add(core)
    return forms


def encoded_forms(secret: str) -> dict[str, str]:
    """Named, concrete encodings of ``secret`` (what a search for leaks looks for)."""
    forms = {
        "raw": secret,
        "html": html.escape(secret),
        "html-quote-false": html.escape(secret, quote=False),
        "html-&#34;": html.escape(secret).replace("&quot;", "&#34;").replace("&#x27;", "&#39;"),
        "html-double": html.escape(html.escape(secret)),
        "url-quote": quote(secret, safe=""),
        "url-quote-slash": quote(secret),
        "url-quote_plus": quote_plus(secret),
        "json": json.dumps(secret, ensure_ascii=False)[1:-1],
        "json-ascii": json.dumps(secret)[1:-1],
        "json-of-html": json.dumps(html.escape(secret))[1:-1],
    }
    for encode in _b64_encoders():
        kind = "b64" if encode is base64.b64encode else "b64url"
        alone = encode(secret.encode("utf-8")).decode("ascii")
        forms[kind] = alone
        forms[f"{kind}-nopad"] = alone.rstrip("=")
        for offset in range(3):
            blob = encode(b"\x89P" + b"x" * offset + secret.encode() + b"\xff\x00").decode()
            forms[f"{kind}-in-blob-{offset}"] = next(
                f for f in sorted(base64_forms(secret), key=len, reverse=True) if f in blob
            )
    return forms


_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
ANCHOR_MIN = 3


def anchor(secret: str) -> str | None:
    """The secret's longest run of ASCII letters and digits (None: shorter than 3).

    HTML escaping, percent-encoding and JSON escaping leave these characters as they are, so
    every encoded form of the secret contains its anchor: a fast substring test tells which
    texts need the (slow) full pattern at all.
    """
    runs = _ALNUM_RUN.findall(secret)
    best = max(runs, key=len, default="")
    return best if len(best) >= ANCHOR_MIN else None


@dataclass(frozen=True)
class Matcher:
    """Finds one secret in any of its forms (see :func:`value_pattern`, :func:`base64_forms`)."""

    anchor: str | None
    text_pattern: re.Pattern[str]
    bytes_pattern: re.Pattern[bytes]
    base64: tuple[str, ...]

    @classmethod
    @functools.cache
    def of(cls, secret: str) -> Matcher:
        """The matcher of ``secret`` (compiled once per process)."""
        pattern = value_pattern(secret)
        forms = tuple(sorted(base64_forms(secret), key=len, reverse=True))
        return cls(anchor(secret), re.compile(pattern), re.compile(pattern.encode()), forms)

    def mask(self, value: str, mask: str) -> str:
        for form in self.base64:
            if form in value:
                value = value.replace(form, mask)
        if self.anchor is None or self.anchor in value:
            value = self.text_pattern.sub(mask, value)
        return value

    def mask_bytes(self, value: bytes, mask: bytes) -> bytes:
        for form in self.base64:
            encoded = form.encode("ascii")
            if encoded in value:
                value = value.replace(encoded, mask)
        if self.anchor is None or self.anchor.encode("ascii") in value:
            value = self.bytes_pattern.sub(mask, value)
        return value


def matchers(secrets: Iterable[str]) -> tuple[Matcher, ...]:
    """A matcher per secret, longest secret first (a secret inside another goes second)."""
    return tuple(Matcher.of(s) for s in sorted(secrets, key=len, reverse=True))
