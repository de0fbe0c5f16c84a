"""Chromium discovery and installation (browser.browser_discovery); nothing is installed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from leganto_qa.browser.browser_discovery import (
    APT_INSTALL,
    APT_UPDATE,
    BrowserChoice,
    browser_version,
    ensure_browser,
    find_browser,
    is_debian,
    launch_args,
)
from leganto_qa.cli import doctor_checks as doctor
from leganto_qa.model.errors import BrowserNotFound

INSTALL = ("python", "-m", "playwright", "install", "chromium")


def fake_exe(folder: Path, name: str, version: str = "Chromium 120.0.1") -> str:
    """Create an executable shell script that prints `version` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\necho '{version}'\n", encoding="utf-8")
    path.chmod(0o755)
    return str(path)


class FakeRunner:
    """Records commands; `codes` gives each one's exit code (default 1), `effects` what a
    successful one changes on the fake machine."""

    def __init__(self, codes=None, effects=None):
        self.calls = []
        self.codes = codes or {}
        self.effects = effects or {}

    def __call__(self, argv):
        argv = tuple(argv)
        self.calls.append(argv)
        code = self.codes.get(argv, 1)
        if code == 0 and argv in self.effects:
            self.effects[argv]()
        return code


@pytest.fixture
def machine(tmp_path):
    """Fake executables: configured, env, playwright's, and one on an injected PATH."""
    return {
        "config": fake_exe(tmp_path / "cfg", "my-chrome"),
        "env": fake_exe(tmp_path / "env", "env-chromium"),
        "playwright": fake_exe(tmp_path / "ms-playwright", "chrome"),
        "bin": tmp_path / "bin",
        "system": fake_exe(tmp_path / "bin", "google-chrome"),
        "empty": str(tmp_path / "emptybin"),
    }


def no_playwright():
    return None


# --------------------------------------------------------------------------- discovery order


def test_config_beats_env_playwright_and_path(machine):
    choice = find_browser(
        machine["config"],
        environ={"LEGANTO_QA_CHROMIUM": machine["env"]},
        playwright_path=lambda: machine["playwright"],
        search_path=str(machine["bin"]),
    )
    assert choice == BrowserChoice(machine["config"], "config")


def test_env_beats_playwright_and_path(machine):
    def playwright_must_not_be_asked():
        raise AssertionError("Playwright is asked only when config and env are absent")

    choice = find_browser(
        None,
        environ={"LEGANTO_QA_CHROMIUM": machine["env"]},
        playwright_path=playwright_must_not_be_asked,
        search_path=str(machine["bin"]),
    )
    assert choice == BrowserChoice(machine["env"], "env")


def test_playwright_beats_path(machine):
    choice = find_browser(
        None,
        environ={},
        playwright_path=lambda: machine["playwright"],
        search_path=str(machine["bin"]),
    )
    assert choice == BrowserChoice(machine["playwright"], "playwright")


def test_path_is_last(machine):
    choice = find_browser(
        None, environ={}, playwright_path=no_playwright, search_path=str(machine["bin"])
    )
    assert choice == BrowserChoice(machine["system"], "system")


def test_path_names_in_order(tmp_path):
    chromium = fake_exe(tmp_path / "a", "chromium")
    fake_exe(tmp_path / "b", "google-chrome")
    search = f"{tmp_path / 'b'}:{tmp_path / 'a'}"
    choice = find_browser(None, environ={}, playwright_path=no_playwright, search_path=search)
    assert choice == BrowserChoice(chromium, "system")


def test_nothing_found_returns_none(machine):
    assert (
        find_browser(None, environ={}, playwright_path=no_playwright, search_path=machine["empty"])
        is None
    )


def test_missing_configured_path_is_an_error(tmp_path, machine):
    missing = tmp_path / "no-such-chrome"
    with pytest.raises(BrowserNotFound) as info:
        find_browser(missing, environ={}, playwright_path=lambda: machine["playwright"])
    assert str(info.value) == (
        f"sandboxes.toml [harness] browser = '{missing}' does not exist; fix the path, "
        "or remove the key to let the harness find Chromium"
    )


def test_non_executable_env_path_is_an_error(tmp_path, machine):
    plain = tmp_path / "chrome.txt"
    plain.write_text("not a program", encoding="utf-8")
    plain.chmod(0o644)
    with pytest.raises(BrowserNotFound) as info:
        find_browser(
            None,
            environ={"LEGANTO_QA_CHROMIUM": str(plain)},
            playwright_path=lambda: machine["playwright"],
        )
    message = str(info.value)
    assert message.startswith(f"LEGANTO_QA_CHROMIUM = '{plain}' is not an executable file; ")
    assert "unset LEGANTO_QA_CHROMIUM" in message


# --------------------------------------------------------------------------- installing


def ensure(machine, runner, *, debian, euid, messages, playwright_path=no_playwright):
    """ensure_browser on a machine with no browser on PATH."""
    return ensure_browser(
        None,
        environ={},
        playwright_path=playwright_path,
        search_path=machine["empty"],
        runner=runner,
        progress=messages.append,
        debian=lambda: debian,
        euid=lambda: euid,
        install_command=INSTALL,
    )


def test_found_browser_needs_no_install(machine):
    runner = FakeRunner()
    choice = ensure_browser(
        None,
        environ={},
        playwright_path=no_playwright,
        search_path=str(machine["bin"]),
        runner=runner,
        progress=[].append,
        debian=lambda: True,
        euid=lambda: 0,
    )
    assert choice == BrowserChoice(machine["system"], "system")
    assert runner.calls == []


def test_playwright_install_first(machine):
    installed = {"path": None}
    runner = FakeRunner(
        codes={INSTALL: 0},
        effects={INSTALL: lambda: installed.update(path=machine["playwright"])},
    )
    messages = []
    choice = ensure(
        machine,
        runner,
        debian=True,
        euid=0,
        playwright_path=lambda: installed["path"],
        messages=messages,
    )
    assert choice == BrowserChoice(machine["playwright"], "installed")
    assert runner.calls == [INSTALL]
    assert "running python -m playwright install chromium" in messages[0]


def test_apt_after_playwright_fails_on_debian_as_root(machine, tmp_path):
    apt_bin = tmp_path / "usr-bin"
    runner = FakeRunner(
        codes={INSTALL: 1, APT_UPDATE: 0, APT_INSTALL: 0},
        effects={APT_INSTALL: lambda: fake_exe(apt_bin, "chromium")},
    )
    messages = []
    choice = ensure_browser(
        None,
        environ={},
        playwright_path=no_playwright,
        search_path=str(apt_bin),
        runner=runner,
        progress=messages.append,
        debian=lambda: True,
        euid=lambda: 0,
        install_command=INSTALL,
    )
    assert choice == BrowserChoice(str(apt_bin / "chromium"), "installed")
    assert runner.calls == [INSTALL, APT_UPDATE, APT_INSTALL]
    assert any("apt-get install -y chromium" in line for line in messages)


@pytest.mark.parametrize(("debian", "euid"), [(True, 1000), (False, 0)])
def test_no_apt_unless_debian_and_root(machine, debian, euid):
    runner = FakeRunner(codes={INSTALL: 1})
    messages = []
    with pytest.raises(BrowserNotFound) as info:
        ensure(machine, runner, debian=debian, euid=euid, messages=messages)
    assert runner.calls == [INSTALL]
    assert str(info.value).endswith(
        "; run 'python -m playwright install chromium', or install Chromium "
        "(Debian: apt-get install -y chromium) and set LEGANTO_QA_CHROMIUM"
    )
    assert "\n" not in str(info.value)
    assert any("exit code 1" in line for line in messages)


def test_everything_fails_final_message(machine):
    runner = FakeRunner(codes={INSTALL: 1, APT_UPDATE: 100, APT_INSTALL: 100})
    with pytest.raises(BrowserNotFound) as info:
        ensure(machine, runner, debian=True, euid=0, messages=[])
    assert runner.calls == [INSTALL, APT_UPDATE, APT_INSTALL]
    assert str(info.value) == (
        "no Chromium found ([harness] browser, LEGANTO_QA_CHROMIUM, Playwright's browsers and "
        "PATH were checked, and installing one failed); run 'python -m playwright install "
        "chromium', or install Chromium (Debian: apt-get install -y chromium) and set "
        "LEGANTO_QA_CHROMIUM"
    )


def test_is_debian_reads_etc(tmp_path):
    assert not is_debian(tmp_path)
    (tmp_path / "os-release").write_text('ID=linuxmint\nID_LIKE="ubuntu debian"\n')
    assert is_debian(tmp_path)
    (tmp_path / "os-release").write_text("ID=fedora\n")
    assert not is_debian(tmp_path)
    (tmp_path / "debian_version").write_text("12.5\n")
    assert is_debian(tmp_path)


# --------------------------------------------------------------------------- launching


def test_launch_args_as_root_and_user():
    choice = BrowserChoice("/usr/bin/chromium", "system")
    as_user = launch_args(choice, euid=lambda: 1000, disable_features=lambda: None)
    assert as_user == {
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": ["--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }
    as_root = launch_args(choice, headless=False, euid=lambda: 0, disable_features=lambda: None)
    assert as_root["args"][-1] == "--no-sandbox" and as_root["headless"] is False
    merged = launch_args(choice, euid=lambda: 1000, disable_features=lambda: "--disable-features=A")
    assert merged["args"][-1] == "--disable-features=A"  # the only list, so it is the one used
    assert "executable_path" not in launch_args(BrowserChoice(None, "playwright"))


def test_browser_version(machine, tmp_path):
    assert browser_version(BrowserChoice(machine["system"], "system")) == "Chromium 120.0.1"
    failing = tmp_path / "broken"
    failing.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    assert browser_version(BrowserChoice(str(failing), "system")) == "unknown"
    assert browser_version(BrowserChoice(str(tmp_path / "gone"), "system")) == "unknown"


# --------------------------------------------------------------------------- doctor


def test_doctor_reports_discovery_without_installing(machine, tmp_path):
    checks = doctor.run_checks(
        tmp_path / "missing.toml",
        environ={},
        playwright_path=no_playwright,
        search_path=str(machine["bin"]),
    )
    by_name = {check.name: check for check in checks}
    assert list(by_name) == [
        "Python",
        "Playwright",
        "axe-core",
        "config",
        "browser",
        "browser version",
    ]
    assert by_name["Python"].ok == (sys.version_info >= (3, 11))
    assert by_name["axe-core"].detail.startswith("4.")
    assert not by_name["config"].ok and "does not exist" in by_name["config"].detail
    assert by_name["browser"].ok and machine["system"] in by_name["browser"].detail
    assert by_name["browser version"].detail == "Chromium 120.0.1"


def test_doctor_without_browser(machine, tmp_path):
    checks = doctor.run_checks(
        tmp_path / "missing.toml",
        environ={},
        playwright_path=no_playwright,
        search_path=machine["empty"],
    )
    assert not checks[-1].ok and "no Chromium found" in checks[-1].detail
