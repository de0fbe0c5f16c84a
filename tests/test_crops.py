"""Outlined element crops: what a deviation report or worklist shows next to a finding."""

from __future__ import annotations

import io

from PIL import Image

from leganto_qa.model.element_crops import OUTLINE_RGB, Box, crop_with_outline, outline_boxes


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (255, 255, 255)).save(out, format="PNG")
    return out.getvalue()


def test_crop_covers_the_box_plus_margin_and_outlines_it():
    crop = crop_with_outline(_png(1280, 800), Box(100, 200, 50, 20), 1280, margin=10)
    assert crop is not None
    image = Image.open(io.BytesIO(crop)).convert("RGB")
    assert image.size == (71, 41)
    assert image.getpixel((8, 20)) == OUTLINE_RGB  # just left of the box: the outline
    assert image.getpixel((35, 20)) == (255, 255, 255)  # inside the box: untouched


def test_crop_follows_the_device_pixel_ratio():
    crop = crop_with_outline(_png(2560, 1600), Box(100, 200, 50, 20), 1280, margin=10)
    assert crop is not None
    assert Image.open(io.BytesIO(crop)).size == (141, 81)


def test_crop_of_an_off_screen_or_empty_box_is_none():
    png = _png(1280, 800)
    assert crop_with_outline(png, Box(100, 900, 50, 20), 1280) is None
    assert crop_with_outline(png, Box(100, 100, 0, 20), 1280) is None


def test_crop_at_the_edge_is_clipped_to_the_screenshot():
    crop = crop_with_outline(_png(1280, 800), Box(0, 0, 30, 30), 1280, margin=24)
    assert crop is not None
    assert Image.open(io.BytesIO(crop)).size == (55, 55)


def test_outline_boxes_keeps_the_whole_screenshot():
    out = outline_boxes(_png(320, 200), [Box(10, 10, 20, 20), Box(100, 50, 30, 10)], 320)
    image = Image.open(io.BytesIO(out)).convert("RGB")
    assert image.size == (320, 200)
    assert image.getpixel((10, 15)) == OUTLINE_RGB
    assert image.getpixel((100, 55)) == OUTLINE_RGB
