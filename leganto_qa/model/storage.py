"""Atomic file writes and collision-free artifact names.

Nothing the harness writes is ever half-written: every file goes to a temporary name in the
same folder and is renamed into place.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
SLUG_LIMIT = 80


def slug(text: str, limit: int = SLUG_LIMIT) -> str:
    """A file-name-safe form of ``text``; long names keep a hash so they stay unique."""
    cleaned = _SLUG_UNSAFE.sub("-", text).strip("-.") or "x"
    if len(cleaned) <= limit:
        return cleaned
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    return f"{cleaned[: limit - 11]}-{digest}"


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)  # readers see the old file or the whole new one, never a part
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
