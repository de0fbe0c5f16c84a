"""Hostile config files: every one is refused in one line that names the place, never the value.

Each case edits a valid sandboxes.toml, known-issues.toml or i18n-allowlist.toml; the loader
must raise ConfigError (no other exception, no silent accept) whose message is one line, short,
and free of the planted secret-looking text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from leganto_qa.compare.known_issues import load_known_issues
from leganto_qa.config.sandboxes import load_config
from leganto_qa.config.translation_allowlist import load_allowlist
from leganto_qa.model.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]
SECRET = "hunter2 S3CR3T!"
"""Planted in hostile values: no message may repeat it."""
TOKEN = "S3CR3T-l7xx0123"
"""The same, where a URL cannot hold a space."""

SANDBOXES = """\
[harness]
reports_dir = "reports"

[sandbox.uio]
kind = "remote"
base_url = "https://sandbox02-eu.alma.exlibrisgroup.com"
institution = "47BIBSYS_UBO"
release = "2024-07"
locales = ["nb", "en"]

[sandbox.uio.targets]
list = "991"
citation = "992"

[sandbox.uio.roles.student]
login = "local"
user_env = "LQ_UIO_USER"
password_env = "LQ_UIO_PASSWORD"

[sandbox.uio.roles.instructor]
login = "storage-state"
state_file = ".auth/uio-instructor.json"

[sandbox.uio.api]
base_url = "https://api-eu.hosted.exlibrisgroup.com/almaws/v1"
apikey_env = "LQ_UIO_APIKEY"
course = "SOS1001"
open_proxy = "https://gw-unit.intark.uh-it.no/leganto-open-api"
open_proxy_institution = "uio"

[sandbox.uio.embedding]
lms = "canvas"
course_url = "https://uio.instructure.com/courses/123"
tool_link = "Pensumliste"
user_env = "LQ_LMS_USER"
password_env = "LQ_LMS_PASSWORD"

[sandbox.help]
kind = "pages"
locales = ["nb"]
pages = [
  "https://www.uio.no/tjenester/it/leganto/",
  { url = "https://lms.example.edu/course/1", name = "lms/course" },
]

[sandbox.help.login]
url = "https://lms.example.edu/login"
user_env = "HELP_USER"
password_env = "HELP_PASSWORD"
user_field = "#username"
password_field = "#password"
submit = "button[type=submit]"
"""

KNOWN = """\
[[issue]]
id = "KI-1"
match.rule = "button-name"
match.page_state = "list/*"
vendor_ref = "Case 07212345"
status = "open"
reported = 2024-06-12
note = "Icons without names"
"""

ALLOWLIST = (REPO / "i18n-allowlist.toml").read_text(encoding="utf-8")

DEEP_ARRAY = "[" * 50_000 + "]" * 50_000
DEEP_TABLE = "{a = " * 50_000 + "1" + "}" * 50_000
MEGA = "x" * 1_000_000

Loader = Callable[[Path], object]
FILES: dict[str, tuple[str, str, Loader]] = {
    "sandboxes": ("sandboxes.toml", SANDBOXES, load_config),
    "known": ("known-issues.toml", KNOWN, load_known_issues),
    "allowlist": ("i18n-allowlist.toml", ALLOWLIST, load_allowlist),
}


def case(file: str, old: str, new: str, fragment: str) -> tuple[str, str, str, str]:
    return (file, old, new, fragment)


ROLE = 'user_env = "LQ_UIO_USER"'
API_URL = "https://api-eu.hosted.exlibrisgroup.com/almaws/v1"
BASE_URL = "https://sandbox02-eu.alma.exlibrisgroup.com"
PAGE = '"https://www.uio.no/tjenester/it/leganto/"'
STATE = 'state_file = ".auth/uio-instructor.json"'

HOSTILE = {
    # depth and size
    "deep-arrays-sandboxes": case("sandboxes", '["nb", "en"]', DEEP_ARRAY, "nested deeper"),
    "deep-tables-sandboxes": case("sandboxes", '["nb", "en"]', DEEP_TABLE, "nested deeper"),
    "deep-dotted-key": case(
        "sandboxes", 'kind = "remote"', "a" + ".a" * 100_000 + " = 1", "deeper"
    ),
    "deep-arrays-known": case("known", '"Icons without names"', DEEP_ARRAY, "nested deeper"),
    "deep-arrays-allowlist": case(
        "allowlist", "same = []", f"same = {DEEP_ARRAY}", "nested deeper"
    ),
    "page-name-1MB": case("sandboxes", '"lms/course"', f'"{MEGA}"', "characters long"),
    "file-over-1MiB": case("sandboxes", "[harness]", "#" + "x" * 1_100_000 + "\n[harness]", "KiB"),
    "note-1MB": case("known", '"Icons without names"', f'"{MEGA}"', "characters long"),
    "pattern-5000-chars": case(
        "allowlist", "patterns = [", f"patterns = ['{'a' * 5000}', ", "limit"
    ),
    "integer-5000-digits": case(
        "sandboxes", 'release = "2024-07"', "release = " + "9" * 5000, "too long"
    ),
    "regex-nested-2000": case(
        "allowlist", "patterns = [", f"patterns = ['{'(' * 2000}{')' * 2000}', ", "too complex"
    ),
    # URLs
    "port-99999-base-url": case("sandboxes", BASE_URL, BASE_URL + ":99999", "port"),
    "port-0-base-url": case("sandboxes", BASE_URL, BASE_URL + ":0", "port"),
    "port-letters-base-url": case("sandboxes", BASE_URL, BASE_URL + ":https", "port"),
    "port-99999-api": case("sandboxes", API_URL, API_URL.replace(".com", ".com:99999"), "port"),
    "port-99999-open-proxy": case("sandboxes", "uh-it.no/", "uh-it.no:99999/", "port"),
    "port-99999-course-url": case(
        "sandboxes", "instructure.com/", "instructure.com:99999/", "port"
    ),
    "port-99999-page": case("sandboxes", "www.uio.no/", "www.uio.no:99999/", "port"),
    "port-99999-login-url": case("sandboxes", "edu/login", "edu:99999/login", "port"),
    "nul-in-base-url": case("sandboxes", BASE_URL, BASE_URL + "\\u0000", "control character"),
    "newline-in-base-url": case("sandboxes", BASE_URL, BASE_URL + "\\n" + SECRET, "line break"),
    "newline-in-page-url": case("sandboxes", "leganto/", "leganto/\\nx", "line break"),
    "tab-in-api-url": case("sandboxes", "almaws/v1", "almaws/\\tv1", "line break or tab"),
    "space-in-host": case("sandboxes", "sandbox02-eu.alma", "sandbox02 eu.alma", "space"),
    "javascript-page": case("sandboxes", PAGE, '"javascript:alert(1)"', "not an http(s) URL"),
    "file-page": case("sandboxes", PAGE, '"file:///etc/passwd"', "not an http(s) URL"),
    "no-host": case("sandboxes", BASE_URL, "https://", "host"),
    "credentials-in-url": case(
        "sandboxes", "https://sandbox02", f"https://me:{TOKEN}@sandbox02", "user name or password"
    ),
    "apikey-in-api-query": case("sandboxes", "almaws/v1", "almaws/v1?apikey=" + TOKEN, "query"),
    "nul-in-login-url": case("sandboxes", "edu/login", "edu/login\\u0000", "control character"),
    # session files
    "state-file-etc-shadow": case(
        "sandboxes", STATE, 'state_file = "/etc/shadow"', "must be inside"
    ),
    "state-file-dotdot": case(
        "sandboxes", STATE, 'state_file = "../../../../etc/shadow"', "must be inside"
    ),
    "state-file-unknown-user": case(
        "sandboxes", STATE, 'state_file = "~nosuchuser9/x.json"', "unknown user"
    ),
    "lms-state-file-etc": case(
        "sandboxes",
        'tool_link = "Pensumliste"',
        'login = "storage-state"\nstate_file = "/etc/passwd"',
        "must be inside",
    ),
    # control characters in any string
    "esc-in-tool-link": case(
        "sandboxes", '"Pensumliste"', '"Pensum\\u001b[31mliste"', "control character"
    ),
    "bidi-in-selector": case("sandboxes", '"#username"', '"#user\\u202ename"', "control character"),
    "nul-in-key": case(
        "sandboxes", 'course = "SOS1001"', '"cou\\u0000rse" = "SOS1001"', "control character"
    ),
    "key-10k-chars": case("sandboxes", 'course = "SOS1001"', "k" * 10_000 + ' = "x"', "key of"),
    "nul-in-note": case("known", '"Icons without names"', '"Icons\\u0000"', "control character"),
    "newline-in-id": case("known", '"KI-1"', '"KI-1\\nKI-2"', "not an issue id"),
    "esc-in-rule": case("known", '"button-name"', '"button\\u001bname"', "control character"),
    "del-in-allowlist-term": case(
        "allowlist", '"Leganto"', '"Lega\\u007fnto"', "control character"
    ),
    "nul-in-pattern": case(
        "allowlist", "patterns = [", 'patterns = ["a\\u0000", ', "control character"
    ),
    # unknown tables and keys
    "bogus-table-allowlist": case(
        "allowlist", "[content]", "[bogus]\nx = 1\n\n[content]", "unknown top-level key 'bogus'"
    ),
    "locale-table-allowlist": case("allowlist", "[terms.se]", "[terms.de]", "unknown key 'de'"),
    "typo-key-allowlist": case("allowlist", "same = []", "sam = []", "did you mean 'same'?"),
    "bogus-table-sandboxes": case(
        "sandboxes", "[harness]", "[bogus]\n[harness]", "unknown top-level key 'bogus'"
    ),
    "typo-key-role": case(
        "sandboxes",
        'password_env = "LQ_UIO_PASSWORD"',
        'passwrd_env = "LQ_UIO_PASSWORD"',
        "did you mean 'password_env'?",
    ),
    "bogus-table-known": case(
        "known", "[[issue]]", "[bogus]\n[[issue]]", "unknown top-level key 'bogus'"
    ),
    # secrets where a name belongs
    "literal-password": case("sandboxes", ROLE, f'{ROLE}\npassword = "{SECRET}"', "not allowed"),
    "secret-in-password-env": case(
        "sandboxes", '"LQ_UIO_PASSWORD"', f'"{SECRET}"', "must name an environment variable"
    ),
    "secret-in-vendor-ref": case(
        "known", '"Case 07212345"', f'"{SECRET}"', "not a vendor reference"
    ),
    "secret-as-status": case("known", 'status = "open"', f'status = "{SECRET}"', "is not a status"),
    "secret-as-login": case(
        "sandboxes", 'login = "local"', f'login = "{SECRET}"', "not a login method"
    ),
    "secret-as-number": case("sandboxes", '"991"', "991", "not a number"),
    # wrong shapes
    "not-utf8": case("sandboxes", "[harness]", "# \udcff\n[harness]", "UTF-8"),
    "typo-top-table": case(
        "sandboxes", "[sandbox.help]\n", "[sandboxx]\n", "did you mean 'sandbox'?"
    ),
    "pages-item-number": case("sandboxes", PAGE, "1", "must be a URL"),
    "issue-is-table": case("known", "[[issue]]", "[issue]", "array of tables"),
    "bad-date": case("known", "2024-06-12", "2024-13-45", "line 7"),
    "allowlist-content-number": case(
        "allowlist", ALLOWLIST, "content = 3\n", "content must be a table"
    ),
    "allowlist-list-of-numbers": case("allowlist", '"Normal", "Status"', "1, 2", "list of strings"),
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    data = text.encode("utf-8", errors="surrogateescape")
    path.write_bytes(data)
    return path


def refusal(loader: Loader, path: Path) -> str:
    """The one-line refusal of ``path``; fails the test on silence or any other exception."""
    with pytest.raises(ConfigError) as info:
        loader(path)
    message = str(info.value)
    assert "\n" not in message and "\r" not in message
    assert len(message) < 400, message[:400]
    assert SECRET not in message and "S3CR3T" not in message
    assert "x" * 100 not in message
    return message


@pytest.mark.parametrize("name", ["sandboxes", "known", "allowlist"])
def test_the_unedited_files_load(tmp_path, name):
    file_name, text, loader = FILES[name]
    loader(write(tmp_path, file_name, text))


@pytest.mark.parametrize(("file", "old", "new", "fragment"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_config_is_one_line_without_the_value(tmp_path, file, old, new, fragment):
    file_name, text, loader = FILES[file]
    assert text.count(old) >= 1, old
    message = refusal(loader, write(tmp_path, file_name, text.replace(old, new, 1)))
    assert message.startswith(file_name + ":") or "config file" in message, message
    assert fragment in message, message


def test_state_file_through_a_symlink_out_of_the_project_is_refused(tmp_path):
    (tmp_path / ".auth").symlink_to("/etc", target_is_directory=True)
    text = SANDBOXES.replace(STATE, 'state_file = ".auth/shadow"')
    assert "must be inside" in refusal(load_config, write(tmp_path, "sandboxes.toml", text))


def test_state_file_in_the_users_config_folder_is_accepted(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home-config"))
    text = SANDBOXES.replace(STATE, f'state_file = "{tmp_path}/home-config/leganto-qa/s.json"')
    config = load_config(write(tmp_path / "project", "sandboxes.toml", text))
    role = config.sandbox("uio").role("instructor")
    assert role.state_file == tmp_path / "home-config" / "leganto-qa" / "s.json"


# --------------------------------------------------------------------------- config check


def config_check(
    config: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LQ_", "HELP_"))}
    return subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", "config", "check", "--config", str(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, **(env or {})},
    )


def test_config_check_on_a_broken_file_is_one_line_without_the_secret(tmp_path):
    text = SANDBOXES.replace('"LQ_UIO_PASSWORD"', f'"{SECRET}"')
    result = config_check(write(tmp_path, "sandboxes.toml", text))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert len(output.strip().splitlines()) == 1, output
    assert "Traceback" not in output
    assert SECRET not in output and "S3CR3T" not in output
    assert "password_env must name an environment variable" in output


@pytest.mark.parametrize(
    ("file_name", "text", "fragment"),
    [
        (
            "known-issues.toml",
            KNOWN.replace('status = "open"', 'status = "done"'),
            "is not a status",
        ),
        ("i18n-allowlist.toml", "[bogus]\n", "unknown top-level key 'bogus'"),
    ],
)
def test_config_check_validates_the_files_beside_sandboxes_toml(
    tmp_path, file_name, text, fragment
):
    config = write(tmp_path, "sandboxes.toml", (REPO / "sandboxes.toml").read_text())
    write(tmp_path, file_name, text)
    result = config_check(config)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and file_name in result.stderr
    assert fragment in result.stderr


def test_config_check_names_missing_login_variables_and_exits_1(tmp_path):
    config = write(tmp_path, "sandboxes.toml", SANDBOXES)
    result = config_check(config, {"LQ_UIO_USER": "ola", "LQ_LMS_USER": "ola"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("missing environment variable(s): LQ_UIO_PASSWORD (sandbox uio")
    for name in ("LQ_UIO_APIKEY", "LQ_LMS_PASSWORD", "HELP_USER", "HELP_PASSWORD"):
        assert name in last
    assert "LQ_UIO_USER" not in last


def test_config_check_passes_when_every_variable_is_set(tmp_path):
    config = write(tmp_path, "sandboxes.toml", SANDBOXES)
    names = ("LQ_UIO_USER", "LQ_UIO_PASSWORD", "LQ_UIO_APIKEY", "LQ_LMS_USER", "LQ_LMS_PASSWORD")
    env = {name: "set" for name in (*names, "HELP_USER", "HELP_PASSWORD")}
    result = config_check(config, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "missing" not in result.stdout
    assert "known-issues.toml: none beside sandboxes.toml (optional)" in result.stdout
