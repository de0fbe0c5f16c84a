"""Remove secrets by their shape before anything leaves the harness in an evidence package.

The run's own files were redacted when they were written (leganto_qa.model.redaction: known
values in every encoding, and secret shapes). A package is built by another process, which may
know other secrets (its own environment); every file passes the same redaction again, and this
module adds what only a finished file shows: headers, cookies and sensitive fields in parsed
JSON (Playwright traces, HAR), and metadata text hidden in images (images are re-encoded from
their pixels).
"""

from __future__ import annotations

import base64
import io
import json
import re
from typing import Any

from PIL import Image

from leganto_qa.model.redaction import MASK, Redactor, rewrite_zip
from leganto_qa.model.secret_shapes import SENSITIVE_FIELDS, SENSITIVE_HEADERS

_DATA_URI = re.compile(r"data:image/(png|jpe?g);base64,([A-Za-z0-9+/=]+)")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
TEXT_SUFFIXES = (
    ".json",
    ".jsonl",
    ".trace",
    ".network",
    ".txt",
    ".md",
    ".html",
    ".csv",
    ".yaml",
    ".log",
    ".har",
    ".stacks",
)


class Scrubber:
    """Secrets out of text, JSON, images and Playwright trace zips (by value and by shape)."""

    def __init__(self, redactor: Redactor | None = None) -> None:
        self.redactor = redactor or Redactor()

    def text(self, text: str) -> str:
        """Known secret values (in every encoding) and secret shapes masked."""
        return self.redactor.text(text)

    def json_value(self, value: Any, key: str = "") -> Any:
        """A JSON document with sensitive headers, cookies and fields masked."""
        if isinstance(value, dict):
            name = str(value.get("name", "")).lower()
            masked_value = name in SENSITIVE_HEADERS or name in SENSITIVE_FIELDS
            in_cookies = key == "cookies"
            out = {}
            for k, v in value.items():
                lowered = str(k).lower()
                sensitive = (k == "value" and (masked_value or in_cookies)) or (
                    lowered in SENSITIVE_HEADERS or lowered in SENSITIVE_FIELDS
                )
                out[k] = MASK if sensitive and isinstance(v, str) else self.json_value(v, str(k))
            return out
        if isinstance(value, list):
            return [self.json_value(v, key) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def json_text(self, text: str) -> str:
        """JSON or JSON-lines text, scrubbed structurally where it parses, by pattern elsewhere."""
        try:
            return json.dumps(self.json_value(json.loads(text)), ensure_ascii=False, indent=1)
        except ValueError:
            return self.json_lines(text)

    def json_lines(self, text: str) -> str:
        """JSON-lines text (Playwright's trace files), one document per line kept per line."""
        lines = []
        for line in text.splitlines():
            try:
                parsed = json.loads(line) if line.lstrip().startswith(("{", "[")) else None
            except ValueError:
                parsed = None
            lines.append(
                json.dumps(self.json_value(parsed), ensure_ascii=False)
                if parsed is not None
                else self.text(line)
            )
        return "\n".join(lines) + ("\n" if text.endswith("\n") else "")

    def html(self, text: str) -> str:
        """HTML with its text scrubbed and its embedded images re-encoded from their pixels."""

        def reencode(match: re.Match[str]) -> str:
            kind = match.group(1)
            try:
                clean = self.image(base64.b64decode(match.group(2)), f".{kind}")
            except (ValueError, OSError):
                return "data:,"  # an image that does not decode is dropped, not passed on
            return f"data:image/{'png' if kind == 'png' else 'jpeg'};base64," + base64.b64encode(
                clean
            ).decode("ascii")

        return _DATA_URI.sub(reencode, self.text(text))

    @staticmethod
    def image(data: bytes, suffix: str) -> bytes:
        """The image re-encoded from its pixels: text chunks and EXIF do not survive."""
        with Image.open(io.BytesIO(data)) as image:
            rgb = image.convert("RGB")
        # a new image from the pixels alone: no info (text chunks, comments, EXIF) carried over
        pixels = Image.frombytes("RGB", rgb.size, rgb.tobytes())
        out = io.BytesIO()
        if suffix == ".png":
            pixels.save(out, format="PNG", compress_level=6)
        else:
            pixels.save(out, format="JPEG", quality=85)
        return out.getvalue()

    def file(self, name: str, data: bytes) -> bytes:
        """Scrub one file by its name's suffix; unknown binaries are scrubbed by value."""
        lowered = name.lower()
        if lowered.endswith(IMAGE_SUFFIXES):
            suffix = ".png" if lowered.endswith(".png") else ".jpeg"
            return self.image(data, suffix)
        if lowered.endswith(".zip"):
            return self.zip(data)
        if lowered.endswith((".jsonl", ".trace", ".network")):
            return self.json_lines(data.decode("utf-8", errors="replace")).encode("utf-8")
        if lowered.endswith((".json", ".har")):
            return self.json_text(data.decode("utf-8", errors="replace")).encode("utf-8")
        if lowered.endswith((".html", ".htm")):
            return self.html(data.decode("utf-8", errors="replace")).encode("utf-8")
        if lowered.endswith(TEXT_SUFFIXES) or _looks_textual(data):
            return self.text(data.decode("utf-8", errors="replace")).encode("utf-8")
        return self.redactor.data(data)

    def zip(self, data: bytes) -> bytes:
        """A Playwright trace (or any zip) with every member scrubbed."""
        return rewrite_zip(data, self.file)


def _looks_textual(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
