"""Cut a screenshot down to one element, outlined, so a reader sees what a finding points at.

Boxes are CSS pixels in the screenshot's viewport (``x, y, width, height``), as
``Locator.bounding_box()`` or ``getBoundingClientRect()`` give them; the screenshot may be
scaled (device pixel ratio), which the crop accounts for.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

OUTLINE_RGB = (214, 0, 108)
"""Magenta: visible on Leganto's white, grey and blue surfaces alike."""


@dataclass(frozen=True)
class Box:
    """An element's rectangle in CSS pixels of the viewport the screenshot shows."""

    x: float
    y: float
    width: float
    height: float

    @classmethod
    def from_mapping(cls, data: Mapping[str, float]) -> Box:
        return cls(float(data["x"]), float(data["y"]), float(data["width"]), float(data["height"]))

    @classmethod
    def from_list(cls, data: Sequence[float]) -> Box:
        x, y, width, height = (float(v) for v in data)
        return cls(x, y, width, height)

    def to_list(self) -> list[float]:
        return [round(self.x, 1), round(self.y, 1), round(self.width, 1), round(self.height, 1)]


def crop_with_outline(
    png: bytes, box: Box, viewport_width: float, margin: float = 24, line: int = 3
) -> bytes | None:
    """A PNG of ``box`` plus ``margin`` CSS px around it, the box outlined.

    ``viewport_width`` is the CSS width the screenshot shows (its scale is derived from it).
    None when the box lies wholly outside the screenshot or is empty.
    """
    from PIL import Image, ImageDraw  # Pillow only where a crop is made (not for a scan)

    image = Image.open(io.BytesIO(png)).convert("RGB")
    scale = image.width / viewport_width if viewport_width else 1.0
    left, top = box.x * scale, box.y * scale
    right, bottom = (box.x + box.width) * scale, (box.y + box.height) * scale
    if box.width <= 0 or box.height <= 0:
        return None
    if right <= 0 or bottom <= 0 or left >= image.width or top >= image.height:
        return None
    pad = margin * scale
    crop = (
        max(0, int(left - pad)),
        max(0, int(top - pad)),
        min(image.width, int(right + pad + 1)),
        min(image.height, int(bottom + pad + 1)),
    )
    draw = ImageDraw.Draw(image)
    width = max(1, round(line * scale))
    draw.rectangle(
        (left - width, top - width, right + width - 1, bottom + width - 1),
        outline=OUTLINE_RGB,
        width=width,
    )
    out = io.BytesIO()
    image.crop(crop).save(out, format="PNG", optimize=True)
    return out.getvalue()


def outline_boxes(png: bytes, boxes: Sequence[Box], viewport_width: float, line: int = 3) -> bytes:
    """The whole screenshot with every box outlined (e.g. overflowing elements, a focus path)."""
    from PIL import Image, ImageDraw

    image = Image.open(io.BytesIO(png)).convert("RGB")
    scale = image.width / viewport_width if viewport_width else 1.0
    draw = ImageDraw.Draw(image)
    width = max(1, round(line * scale))
    for box in boxes:
        left, top = box.x * scale, box.y * scale
        right, bottom = (box.x + box.width) * scale, (box.y + box.height) * scale
        draw.rectangle((left, top, right, bottom), outline=OUTLINE_RGB, width=width)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
