"""The browser viewport every page state is captured in (element boxes and crops depend on it)."""

from __future__ import annotations

from typing import Final

VIEWPORT: Final = {"width": 1280, "height": 800}
