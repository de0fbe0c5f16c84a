"""`translation_locales` in sandboxes.toml: the i18n suite's languages."""

from __future__ import annotations

import pytest

from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.errors import ConfigError
from tests.conftest import REPO, write_config

DEMO_LINE = 'translation_locales = ["nb", "nn", "se", "en"]'


def _config(tmp_path, line: str | None):
    text = (REPO / "sandboxes.toml").read_text(encoding="utf-8")
    assert DEMO_LINE in text
    return write_config(tmp_path, text.replace(DEMO_LINE, line or ""))


def test_demo_collects_text_in_four_locales_english_first():
    demo = load_config(REPO / "sandboxes.toml").sandbox("demo")
    assert demo.locales == ("en", "nb")
    assert demo.i18n_locales == ("en", "nb", "nn", "se")
    # --locale on the command line replaces both lists
    assert demo.with_locales(["nn"]).i18n_locales == ("en", "nn")


def test_without_translation_locales_the_suite_uses_locales(tmp_path):
    demo = load_config(_config(tmp_path, None)).sandbox("demo")
    assert demo.translation_locales == ()
    assert demo.i18n_locales == ("en", "nb")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('translation_locales = ["nb", "fi"]', r"item 2 is not a supported locale"),
        ('translation_locales = ["nn", "nn"]', r"item 2 \(nn\) is listed twice"),
        ("translation_locales = []", r"must be a non-empty list of strings"),
        ('translation_locales = "nn"', r"must be a non-empty list of strings"),
    ],
)
def test_bad_translation_locales_are_one_line_errors(tmp_path, line, message):
    with pytest.raises(ConfigError, match=message) as error:
        load_config(_config(tmp_path, line))
    assert "\n" not in str(error.value) and "translation_locales" in str(error.value)
