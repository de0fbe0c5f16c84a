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
_SAML_B64 = re.compile(r"(?<![A-Za-z0-9+/_-])P[A-Za-z0-9+/_-]{39,}={0,2}")
"""Base64 of a document that starts with ``<`` (an XML document), at least 30 bytes."""
_BASIC = re.compile(r"(?i)\b(basic)(\s+|%20|\+)([A-Za-z0-9+/]{6,}={0,2})")

Replacement = str | Callable[[re.Match[str]], str]
SHAPES: tuple[tuple[re.Pattern[str], Replacement], ...] = (
    # "Authorization: apikey …" as a header line of a log
    (re.compile(rf"(?im)^(\s*(?:{_HEADERS})\s*:\s*).+$"), rf"\g<1>{MASK}"),
    # {"name": "Cookie", "value": "…"} (HAR, Playwright's trace.network), JSON-escaped or not
    (
        re.compile(
            rf'(?i)(\\*"name\\*"\s*:\s*\\*"(?:{_HEADERS}|{_FIELDS})\\*"\s*,\s*\\*"value\\*"\s*:\s*\\*")'
            r'(?:[^"\\]|\\[^"])*(\\*")'
        ),
        rf"\g<1>{MASK}\g<2>",
    ),
    # "apikey": "…", "SAMLResponse": "…" in JSON (also JSON inside JSON)
    (
        re.compile(rf'(?i)(\\*"(?:{_FIELDS}|{_HEADERS})\\*"\s*:\s*\\*")(?:[^"\\]|\\[^"])*(\\*")'),
        rf"\g<1>{MASK}\g<2>",
    ),
    # <input name="SAMLResponse" value="…"> (the SAML POST binding), either attribute first
    (
        re.compile(
            rf"(?i)(\bname\s*=\s*[\"']?(?:{_FIELDS})[\"']?[^>]*?\bvalue\s*=\s*){_ATTR_VALUE}"
        ),
        rf'\g<1>"{MASK}"',
    ),
    (
        re.compile(rf"(?i)(\bvalue\s*=\s*){_ATTR_VALUE}([^>]*?\bname\s*=\s*[\"']?(?:{_FIELDS})\b)"),
        rf'\g<1>"{MASK}"\g<2>',
    ),
    # apikey=…, SAMLResponse=…, id_token=… in URLs, form posts and logs (also URL-encoded)
    (
        re.compile(rf"(?i)(?<![\w-])((?:{_FIELDS})(?:=|%3D))(?:[^&\s\"'<>#;\\]|\\[^\"])+"),
        rf"\g<1>{MASK}",
    ),
    # "apikey …" / "Bearer …" credentials inside a line
    (
        re.compile(r"(?i)\b(apikey|bearer)(\s+|%20|\+)[A-Za-z0-9._~+/=-]{8,}"),
        rf"\g<1>\g<2>{MASK}",
    ),
    # SAML assertions and responses as XML, raw or HTML-escaped
    (re.compile(rf"(?s){_SAML_XML}"), MASK),
    # JSON Web Tokens (LTI 1.3 id_token, OAuth access tokens)
    (re.compile(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), MASK),
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
    for pattern, replacement in SHAPES:
        text = pattern.sub(replacement, text)
    text = _BASIC.sub(_basic, text)
    return _SAML_B64.sub(_saml_blob, text)
