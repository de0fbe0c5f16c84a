"""The i18n suite's languages can be chosen apart from the pages' (`--translation-locale`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from leganto_qa.cli.main import main
from leganto_qa.cli.run_command import RunRequest, pytest_command
from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.errors import ConfigError
from tests.conftest import REPO


def test_locales_replace_both_and_translation_locales_then_set_the_i18n_suites_alone():
    harness = load_config(REPO / "sandboxes.toml")
    plain = harness.run_target("demo", locales=("en", "nb"))
    assert plain.i18n_locales == ("en", "nb")
    both = harness.run_target("demo", locales=("en", "nb"), translation_locales=("nb", "nn", "se"))
    assert both.locales == ("en", "nb")
    assert both.i18n_locales == ("en", "nb", "nn", "se")


def test_an_unknown_translation_locale_is_refused_in_one_line():
    harness = load_config(REPO / "sandboxes.toml")
    with pytest.raises(ConfigError, match="locales override 'de'"):
        harness.run_target("demo", translation_locales=("de",))


def test_the_run_passes_translation_locales_to_pytest():
    request = RunRequest(Path("sandboxes.toml"), "demo", translation_locales=("nn", "se"))
    command = pytest_command(request, "r1")
    assert command.count("--leganto-translation-locale") == 2
    assert command[command.index("--leganto-translation-locale") + 1] == "nn"


def test_the_cli_refuses_an_unknown_translation_locale_before_any_browser(tmp_path):
    config = tmp_path / "sandboxes.toml"
    config.write_text((REPO / "sandboxes.toml").read_text())
    result = CliRunner().invoke(
        main, ["run", "--config", str(config), "--translation-locale", "de", "--suite", "i18n"]
    )
    assert result.exit_code == 1
    assert "locales override 'de'" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "reports" / "runs").exists()
