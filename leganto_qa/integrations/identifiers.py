"""ISBN and ISSN: is a value one well-formed identifier, check digit included.

Hyphens and spaces are tolerated (``978-82-05-50198-0``, ``0332 6330``) and an ``ISBN``/``ISSN``
prefix is dropped; anything else (two identifiers in one field, a qualifier such as
``(ib.)``) is reported, since BOLK matches works by the identifier alone. An ISBN-13 must start
with the EAN prefix 978 or 979 (ISO 2108). Pure functions; ``problem`` returns one short English
phrase or None.
"""

from __future__ import annotations

import re

__all__ = ["isbn_problem", "issn_problem", "normalise"]

_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")
_PREFIX = re.compile(r"^(ISBN|ISSN)(-1[03])?:?\s*", re.IGNORECASE)


def normalise(value: str) -> str:
    """The identifier without its ``ISBN``/``ISSN`` prefix, hyphens and spaces, X upper-case."""
    return _SEPARATORS.sub("", _PREFIX.sub("", value.strip())).upper()


def _isbn10_ok(digits: str) -> bool:
    if not re.fullmatch(r"\d{9}[\dX]", digits):
        return False
    values = [10 if c == "X" else int(c) for c in digits]
    return sum((10 - i) * v for i, v in enumerate(values)) % 11 == 0


def _isbn13_ok(digits: str) -> bool:
    if not re.fullmatch(r"\d{13}", digits):
        return False
    return sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(digits)) % 10 == 0


def isbn_problem(value: str) -> str | None:
    """None for a valid ISBN-10 or ISBN-13; else what is wrong with it."""
    digits = normalise(value)
    if not digits:
        return "empty"
    if not re.fullmatch(r"[\dX]+", digits):
        return "not an ISBN (only digits, hyphens and spaces; X as an ISBN-10 check digit)"
    if len(digits) == 10:
        return None if _isbn10_ok(digits) else "ISBN-10 check digit does not match"
    if len(digits) == 13:
        if not digits.startswith(("978", "979")):
            return "ISBN-13 does not start with 978 or 979"
        return None if _isbn13_ok(digits) else "ISBN-13 check digit does not match"
    return f"an ISBN has 10 or 13 digits, this has {len(digits)}"


def issn_problem(value: str) -> str | None:
    """None for a valid ISSN (8 characters, the last a mod-11 check digit or X)."""
    digits = normalise(value)
    if not digits:
        return "empty"
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        return "not an ISSN (NNNN-NNNC: 7 digits and a check digit 0-9 or X)"
    total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    return None if digits[7] == expected else "ISSN check digit does not match"
