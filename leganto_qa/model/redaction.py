"""Keep secrets (passwords, API keys, session cookies) out of every artifact the harness keeps."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from leganto_qa.model.storage import write_bytes_atomic

MASK = "[REDACTED]"
MIN_SECRET_LENGTH = 6
"""Shorter values are not treated as secrets: masking them would garble ordinary text."""


class Redactor:
    """Knows the secret values of this process and removes them from text and files."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        self.add(*secrets)

    def add(self, *values: str | None) -> None:
        for value in values:
            if value and len(value) >= MIN_SECRET_LENGTH:
                self._secrets.add(value)

    def add_cookies(self, storage_state: Mapping[str, Any]) -> None:
        """Treat every cookie value of a Playwright storage state as a secret."""
        for cookie in storage_state.get("cookies") or []:
            self.add(str(cookie.get("value", "")))

    def text(self, value: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            value = value.replace(secret, MASK)
        return value

    def data(self, value: bytes) -> bytes:
        for secret in sorted(self._secrets, key=len, reverse=True):
            value = value.replace(secret.encode(), MASK.encode())
        return value

    def file(self, path: Path) -> None:
        """Scrub a text file or a zip (Playwright trace) in place, atomically."""
        if zipfile.is_zipfile(path):
            self._zip(path)
        else:
            original = path.read_bytes()
            scrubbed = self.data(original)
            if scrubbed != original:
                write_bytes_atomic(path, scrubbed)

    def _zip(self, path: Path) -> None:
        with zipfile.ZipFile(path) as source:
            entries = [(info, self.data(source.read(info))) for info in source.infolist()]
        tmp = path.with_suffix(path.suffix + ".redacting")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as target:
            for info, content in entries:
                target.writestr(info, content)
        tmp.replace(path)
