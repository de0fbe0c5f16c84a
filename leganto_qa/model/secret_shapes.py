"""Secrets recognised by their shape, whose values the harness never learned.

Authorization/apikey/cookie headers, ``apikey=``/``SAMLResponse=``/``id_token=`` parameters,
form fields and JSON keys of those names, SAML assertions (raw XML, HTML-escaped or base64),
bearer and basic credentials, and JSON Web Tokens (LTI 1.3 ``id_token``, OAuth tokens).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass

MASK = "[REDACTED]"
SENSITIVE_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-xsrf-token",
        "x-csrf-token",
        "apikey",
        "x-api-key",
    }
)
SENSITIVE_FIELDS = frozenset(
    {
        "apikey",
        "api_key",
        "access_token",
        "id_token",
        "refresh_token",
        "token",
        "samlresponse",
        "samlrequest",
        "samlart",
        "client_secret",
        "password",
        "jsessionid",
    }
)
_HEADERS = "|".join(sorted(SENSITIVE_HEADERS))
_FIELDS = "|".join(sorted(SENSITIVE_FIELDS))
_ATTR_VALUE = r"(?:\"[^\"]*\"|'[^']*')"
_SAML_ELEMENT = r"(?:[\w-]+:)?(?:Assertion|Response|EncryptedAssertion)"
_SAML_XML = (  # a prefixed saml*: element, or one whose opening tag names the SAML namespace
    rf"(?:<|&lt;)(saml\w*:(?:Assertion|Response|EncryptedAssertion)|{_SAML_ELEMENT}"
    r"(?=[^>]{0,300}urn:oasis:names:tc:SAML))\b.*?(?:<|&lt;)/\1(?:>|&gt;)"
)
_BASIC = re.compile(r"(?i)\b(basic)(\s+|%20|\+)([A-Za-z0-9+/]{6,}={0,2})")

Replacement = str | Callable[[re.Match[str]], str]
_NAMES = tuple(sorted(SENSITIVE_HEADERS | SENSITIVE_FIELDS))
_SAML_B64_STARTS = ("PHNhbW", "PD94bWw", "PFJlc3Bvbn", "PEFzc2VydGlvb", "PEVuY3J5cHRlZE")
"""Base64 of ``<sam``, ``<?xml``, ``<Respon``, ``<Assertio``, ``<Encrypted``."""
_SAML_B64 = re.compile(
    rf"(?<![A-Za-z0-9+/_-])(?:{'|'.join(_SAML_B64_STARTS)})[A-Za-z0-9+/_-]{{30,}}={{0,2}}"
)


@dataclass(frozen=True)
class Shape:
    """A secret's shape; the text cannot match without one of its ``needles``.

    A needle in lower case is looked for in the lower-cased text, any other as it is.
    """

    pattern: re.Pattern[str]
    replacement: Replacement
    needles: tuple[str, ...]


SHAPES: tuple[Shape, ...] = (
    # "Authorization: apikey …" as a header line of a log
    Shape(
        re.compile(rf"(?im)^(\s*(?:{_HEADERS})\s*:\s*).+$"),
        rf"\g<1>{MASK}",
        tuple(sorted(SENSITIVE_HEADERS)),
    ),
    # {"name": "Cookie", "value": "…"} (HAR, Playwright's trace.network), JSON-escaped or not
    Shape(
        re.compile(
            rf'(?i)(\\*"name\\*"\s*:\s*\\*"(?:{_HEADERS}|{_FIELDS})\\*"\s*,\s*\\*"value\\*"\s*:\s*\\*")'
            r'(?:[^"\\]|\\[^"])*(\\*")'
        ),
        rf"\g<1>{MASK}\g<2>",
        _NAMES,
    ),
    # "apikey": "…", "SAMLResponse": "…" in JSON (also JSON inside JSON)
    Shape(
        re.compile(rf'(?i)(\\*"(?:{_FIELDS}|{_HEADERS})\\*"\s*:\s*\\*")(?:[^"\\]|\\[^"])*(\\*")'),
        rf"\g<1>{MASK}\g<2>",
        _NAMES,
    ),
    # <input name="SAMLResponse" value="…"> (the SAML POST binding), either attribute first
    Shape(
        re.compile(
            rf"(?i)(\bname\s*=\s*[\"']?(?:{_FIELDS})[\"']?[^>]*?\bvalue\s*=\s*){_ATTR_VALUE}"
        ),
        rf'\g<1>"{MASK}"',
        tuple(sorted(SENSITIVE_FIELDS)),
    ),
    Shape(
        re.compile(rf"(?i)(\bvalue\s*=\s*){_ATTR_VALUE}([^>]*?\bname\s*=\s*[\"']?(?:{_FIELDS})\b)"),
        rf'\g<1>"{MASK}"\g<2>',
        tuple(sorted(SENSITIVE_FIELDS)),
    ),
    # apikey=…, SAMLResponse=…, id_token=… in URLs, form posts and logs (also URL-encoded)
    Shape(
        re.compile(rf"(?i)(?<![\w-])((?:{_FIELDS})(?:=|%3D))(?:[^&\s\"'<>#;\\]|\\[^\"])+"),
        rf"\g<1>{MASK}",
        tuple(sorted(SENSITIVE_FIELDS)),
    ),
    # "apikey …" / "Bearer …" credentials inside a line
    Shape(
        re.compile(r"(?i)\b(apikey|bearer)(\s+|%20|\+)[A-Za-z0-9._~+/=-]{8,}"),
        rf"\g<1>\g<2>{MASK}",
        ("apikey", "bearer"),
    ),
    # SAML assertions and responses as XML, raw or HTML-escaped
    Shape(re.compile(rf"(?s){_SAML_XML}"), MASK, ("saml",)),
    # JSON Web Tokens (LTI 1.3 id_token, OAuth access tokens)
    Shape(re.compile(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), MASK, ("eyJ",)),
)


def _b64decode(text: str) -> bytes:
    usable = text.rstrip("=")
    usable = usable[: len(usable) - len(usable) % 4]
    try:
        return base64.b64decode(usable.replace("-", "+").replace("_", "/"), validate=False)
    except (binascii.Error, ValueError):
        return b""


def _saml_blob(match: re.Match[str]) -> str:
    decoded = _b64decode(match.group(0))
    return MASK if b"SAML" in decoded or b"Assertion" in decoded else match.group(0)


def _basic(match: re.Match[str]) -> str:
    """``Basic <base64 of user:password>``; ordinary words after "basic" stay."""
    decoded = _b64decode(match.group(3) + "=" * (-len(match.group(3)) % 4))
    if b":" in decoded and decoded.isascii():
        return f"{match.group(1)}{match.group(2)}{MASK}"
    return match.group(0)


def mask_shapes(text: str) -> str:
    """``text`` with every secret-shaped part replaced by :data:`MASK`."""
    lowered = text.lower()
    if not (_ANY_LOWER_NEEDLE.search(lowered) or _ANY_OTHER_NEEDLE.search(text)):
        return text  # most texts (an axe result holds thousands): one search each, not ~100
    for shape in _ALL_SHAPES:
        if any(needle in (lowered if needle.islower() else text) for needle in shape.needles):
            text = shape.pattern.sub(shape.replacement, text)
    return text


_DECODED = (  # shapes told apart from ordinary text by decoding them
    Shape(_BASIC, _basic, ("basic",)),
    Shape(_SAML_B64, _saml_blob, tuple(start.lower() for start in _SAML_B64_STARTS)),
)
_ALL_SHAPES = (*SHAPES, *_DECODED)


def _any_needle(lower_case: bool) -> re.Pattern[str]:
    needles = {n for shape in _ALL_SHAPES for n in shape.needles if n.islower() == lower_case}
    return re.compile("|".join(re.escape(n) for n in sorted(needles)) or r"(?!)")


_ANY_LOWER_NEEDLE = _any_needle(True)
_ANY_OTHER_NEEDLE = _any_needle(False)
