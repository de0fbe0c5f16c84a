"""Keep secrets (passwords, API keys, session cookies) out of every artifact the harness keeps.

One :class:`Redactor` per run knows the run's secret values (from the sandbox's environment
variables at start, then every login's password and cookies) and is the one pass every string
from the browser goes through before it is stored: finding HTML and summaries, failure messages,
text inventories, ARIA snapshots, URLs, titles and Playwright traces. It masks each value in all
its encodings (:mod:`leganto_qa.model.secret_forms`) and secrets by their shape
(:mod:`leganto_qa.model.secret_shapes`).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from leganto_qa.model.secret_forms import Matcher, matchers
from leganto_qa.model.secret_shapes import MASK, mask_shapes
from leganto_qa.model.storage import write_bytes_atomic

__all__ = ["MASK", "MIN_SECRET_LENGTH", "SECRET_ENV", "Redactor", "rewrite_zip"]


def rewrite_zip(data: bytes, transform: Callable[[str, bytes], bytes]) -> bytes:
    """``data`` (a zip) with every file member passed through ``transform(name, content)``;
    folder entries are dropped."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if not info.is_dir():
                target.writestr(info.filename, transform(info.filename, source.read(info)))
    return out.getvalue()


MIN_SECRET_LENGTH = 6
"""Shorter values are not treated as secrets: masking them would garble ordinary text."""
SECRET_ENV = re.compile(r"(PASSWORD|APIKEY|API_KEY|TOKEN|SECRET)$")
"""Environment variables whose values are secrets, whatever the configuration names."""


class Redactor:
    """Knows the secret values of this process and removes them from text, data and files."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        self._matchers: tuple[Matcher, ...] | None = None
        self.add(*secrets)

    @property
    def secrets(self) -> frozenset[str]:
        return frozenset(self._secrets)

    def add(self, *values: str | None) -> None:
        for value in values:
            for form in {value, unquote(value)} if value else ():
                if len(form) >= MIN_SECRET_LENGTH and form not in self._secrets:
                    self._secrets.add(form)
                    self._matchers = None

    def add_cookies(self, storage_state: Mapping[str, Any]) -> None:
        """Treat every cookie value of a Playwright storage state as a secret."""
        for cookie in storage_state.get("cookies") or []:
            self.add(str(cookie.get("value", "")))

    def add_environment(
        self, names: Iterable[str] = (), environ: Mapping[str, str] | None = None
    ) -> None:
        """Values of the named variables and of every ``*PASSWORD``/``*APIKEY``/``*TOKEN``…"""
        env = os.environ if environ is None else environ
        wanted = set(names)
        self.add(*(v for k, v in env.items() if k in wanted or SECRET_ENV.search(k.upper())))

    def _known(self) -> tuple[Matcher, ...]:
        if self._matchers is None:
            self._matchers = matchers(self._secrets)
        return self._matchers

    def text(self, value: str) -> str:
        """``value`` with every known secret (in any encoding) and secret shape masked."""
        for matcher in self._known():
            value = matcher.mask(value, MASK)
        return mask_shapes(value)

    def data(self, value: bytes) -> bytes:
        """Bytes: UTF-8 text as :meth:`text`, anything else by the secrets' byte forms."""
        try:
            decoded = value.decode("utf-8")
        except UnicodeDecodeError:
            for matcher in self._known():
                value = matcher.mask_bytes(value, MASK.encode())
            return value
        return self.text(decoded).encode("utf-8")

    def json(self, value: Any) -> Any:
        """A JSON-like value (dicts, lists, strings) with every string redacted."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {self.text(str(k)): self.json(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.json(v) for v in value]
        return value

    def zip(self, data: bytes) -> bytes:
        """A zip (a Playwright trace) with every member redacted, nested zips included."""
        return rewrite_zip(data, lambda _name, content: self.content(content))

    def content(self, data: bytes) -> bytes:
        """A file's bytes redacted: a zip member by member, anything else as :meth:`data`."""
        if data[:4] == b"PK\x03\x04":
            try:
                return self.zip(data)
            except zipfile.BadZipFile:
                pass  # not a zip after all
        return self.data(data)

    def file(self, path: Path) -> None:
        """Redact a text file or a zip (Playwright trace) in place, atomically."""
        self.store(path, path)

    def store(self, source: Path, target: Path) -> None:
        """Write ``source`` redacted to ``target`` (atomically; nothing unredacted reaches it)."""
        original = source.read_bytes()
        scrubbed = self.content(original)
        if scrubbed != original or source != target:
            write_bytes_atomic(target, scrubbed)
