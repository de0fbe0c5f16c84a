"""Tests for loading and validating sandboxes.toml (leganto_qa.config.sandboxes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leganto_qa.config.sandboxes import ApiConfig, HarnessConfig, default_config_path, load_config
from leganto_qa.model.errors import ConfigError, LoginFailed

REPO = Path(__file__).resolve().parents[1]

GOOD = """\
[harness]
reports_dir = "out"

[sandbox.demo]
kind = "stand-in"
institution = "47BIBSYS_DEMO"
release = "2024-06"
locales = ["en", "nb"]

[sandbox.demo.targets]
list = "8812345670004711"
citation = "8812345671014711"

[sandbox.demo.roles.student]
login = "local"
user = "ola.student"
password_env = "LEGANTO_QA_DEMO_PASSWORD"

[sandbox.uio]
kind = "remote"
base_url = "https://sandbox02-eu.alma.exlibrisgroup.com/"
institution = "47BIBSYS_UBO"
release = "2024-07"
locales = ["nb", "en"]

[sandbox.uio.targets]
list = "991"
citation = "992"

[sandbox.uio.roles.student]
login = "storage-state"
"""


def write(tmp_path: Path, text: str) -> Path:
    """Write a sandboxes.toml into tmp_path and return its path."""
    path = tmp_path / "sandboxes.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    """Load `text` as a config and return the ConfigError's message."""
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    message = str(info.value)
    assert "\n" not in message
    return message


def edit(old: str, new: str, text: str = GOOD) -> str:
    """GOOD with exactly one occurrence of `old` replaced by `new`."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


# --------------------------------------------------------------------------- loading


def test_good_config_loads(tmp_path):
    config = load_config(write(tmp_path, GOOD))
    assert isinstance(config, HarnessConfig)
    assert config.sandbox_ids == ("demo", "uio")
    assert config.reports_dir == tmp_path / "out"
    assert config.browser is None
    demo = config.sandbox("demo")
    assert demo.is_stand_in and demo.base_url is None
    assert demo.default_locale == "en"
    assert demo.language_switch == "settings-menu"
    assert demo.targets.list == "8812345670004711" and demo.targets.draft_list is None
    student = demo.role("student")
    assert (student.login, student.auth, student.user) == ("local", "local", "ola.student")
    uio = config.sandbox("uio")
    assert uio.base_url == "https://sandbox02-eu.alma.exlibrisgroup.com"
    assert uio.default_locale == "nb"
    uio_student = uio.role("student")
    assert uio_student.auth == "SAML"
    assert uio_student.state_file == tmp_path / ".auth" / "uio-student.json"


def test_repository_sandboxes_toml_loads():
    config = load_config(REPO / "sandboxes.toml")
    demo = config.sandbox("demo")
    assert (demo.kind, demo.institution, demo.release) == ("stand-in", "47BIBSYS_DEMO", "2024-06")
    assert demo.locales == ("en", "nb")
    assert demo.targets.list == "8812345670004711"
    assert demo.targets.draft_list == "8812345690004711"
    assert demo.targets.section == "8812345670104711"
    assert demo.targets.citation == "8812345671014711"
    assert demo.targets.online_citation == "8812345671024711"
    assert demo.role_names == ("student", "instructor")
    assert demo.role("instructor").user == "kari.laerer"
    assert {role.password_env for role in demo.roles} == {"LEGANTO_QA_DEMO_PASSWORD"}


def test_repository_examples_load_when_uncommented(tmp_path):
    """The commented uio/hvl examples are valid once uncommented."""
    text = (REPO / "sandboxes.toml").read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        if re.match(r"# (\[sandbox\.|\[notify\]|[a-z_]+ = )", line):
            line = line[2:]
        lines.append(line)
    config = load_config(write(tmp_path, "\n".join(lines)))
    assert config.sandbox_ids == ("demo", "demo-hvl", "uio", "hvl")
    assert config.sandbox("uio").role("student").login == "storage-state"
    assert config.sandbox("uio").role("student").auth == "SAML"
    assert config.sandbox("hvl").role("student").user_env == "LEGANTO_QA_HVL_STUDENT_USER"
    assert config.notify is not None and config.notify.webhook_env == "LEGANTO_QA_WEBHOOK_URL"


def test_default_config_path(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert default_config_path({}) == tmp_path / "sandboxes.toml"
    assert default_config_path({"LEGANTO_QA_CONFIG": "/etc/lq.toml"}) == Path("/etc/lq.toml")


# --------------------------------------------------------------------------- file errors


def test_missing_file_names_path_and_fix(tmp_path):
    missing = tmp_path / "nowhere" / "sandboxes.toml"
    with pytest.raises(ConfigError) as info:
        load_config(missing)
    assert str(info.value) == (
        f"config file {missing} does not exist; create it (copy sandboxes.toml from the "
        "leganto-qa repository and edit it) or point LEGANTO_QA_CONFIG at yours"
    )


def test_bad_toml_names_line(tmp_path):
    text = edit('release = "2024-07"', 'release "2024-07"')
    line = text.splitlines().index('release "2024-07"') + 1
    message = error_for(tmp_path, text)
    assert message == (
        f"sandboxes.toml: line {line}: Expected '=' after a key in a key/value pair "
        "(column 9); fix the TOML syntax"
    )


def test_bad_toml_at_end_of_file(tmp_path):
    message = error_for(tmp_path, GOOD + 'search = "unterminated\n')
    line = len(GOOD.splitlines()) + 1
    assert message.startswith(f"sandboxes.toml: line {line}: ")
    assert message.endswith("; fix the TOML syntax")


# --------------------------------------------------------------------------- key errors


def test_unknown_key_suggests_close_match(tmp_path):
    message = error_for(tmp_path, edit('locales = ["nb", "en"]', 'locale = ["nb", "en"]'))
    assert message == "sandboxes.toml: [sandbox.uio] unknown key 'locale'; did you mean 'locales'?"


def test_unknown_key_without_match_lists_allowed(tmp_path):
    message = error_for(tmp_path, edit('list = "991"', 'list = "991"\ncolour = "red"'))
    assert message == (
        "sandboxes.toml: [sandbox.uio.targets] unknown key 'colour'; use one of: "
        "list, draft_list, section, citation, online_citation, search"
    )


def test_unknown_top_level_table(tmp_path):
    message = error_for(tmp_path, GOOD.replace("[sandbox.", "[sandboxes."))
    assert message == "sandboxes.toml: unknown top-level key 'sandboxes'; did you mean 'sandbox'?"


def test_bad_login_method(tmp_path):
    message = error_for(tmp_path, edit('login = "storage-state"', 'login = "ldap"'))
    assert message == (
        "sandboxes.toml: [sandbox.uio.roles.student] login is not a login method; "
        "use one of: none, local, storage-state"
    )


def test_literal_password_refused_without_echoing_it(tmp_path):
    text = edit('user = "ola.student"', 'user = "ola.student"\npassword = "hunter2"')
    message = error_for(tmp_path, text)
    assert message.startswith("sandboxes.toml: [sandbox.demo.roles.student] password: ")
    assert "not allowed" in message and "password_env" in message
    assert "hunter2" not in message


def test_secret_in_password_env_not_echoed(tmp_path):
    message = error_for(
        tmp_path, edit('password_env = "LEGANTO_QA_DEMO_PASSWORD"', 'password_env = "s3cr3t!"')
    )
    assert "must name an environment variable" in message
    assert "s3cr3t" not in message


def test_local_login_needs_password_env(tmp_path):
    message = error_for(tmp_path, edit('password_env = "LEGANTO_QA_DEMO_PASSWORD"\n', ""))
    assert message == (
        "sandboxes.toml: [sandbox.demo.roles.student] missing required key 'password_env' for "
        "login = 'local'; add password_env = \"LEGANTO_QA_UIO_PASSWORD\" and export that variable"
    )


def test_local_login_needs_exactly_one_user_source(tmp_path):
    text = edit('user = "ola.student"', 'user = "ola.student"\nuser_env = "LQ_USER"')
    assert "give exactly one of user" in error_for(tmp_path, text)


def test_local_only_key_refused_for_storage_state(tmp_path):
    text = edit('login = "storage-state"', 'login = "storage-state"\nuser = "x"')
    assert error_for(tmp_path, text) == (
        "sandboxes.toml: [sandbox.uio.roles.student] user is only used with login = 'local' "
        "(this role has login = 'storage-state'); remove it"
    )


def test_bad_auth_profile(tmp_path):
    text = edit('login = "storage-state"', 'login = "storage-state"\nauth = "feide"')
    assert error_for(tmp_path, text) == (
        "sandboxes.toml: [sandbox.uio.roles.student] auth is not a Leganto login "
        "profile; use one of: local, SAML, CAS, guest"
    )


def test_remote_without_base_url(tmp_path):
    text = edit('base_url = "https://sandbox02-eu.alma.exlibrisgroup.com/"\n', "")
    assert error_for(tmp_path, text) == (
        "sandboxes.toml: [sandbox.uio] missing required key 'base_url' for kind = 'remote'; "
        'add base_url = "https://sandbox02-eu.alma.exlibrisgroup.com"'
    )


def test_stand_in_with_base_url(tmp_path):
    text = edit('kind = "stand-in"', 'kind = "stand-in"\nbase_url = "http://localhost:8000"')
    assert error_for(tmp_path, text) == (
        "sandboxes.toml: [sandbox.demo] base_url is not used with kind = 'stand-in' (the harness "
        "starts the stand-in itself); remove base_url, or set kind = 'remote'"
    )


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("ftp://example.org", "is not an http(s) URL"),
        ("https://example.org/leganto/nui", "must be the server only"),
        ("https://example.org/?x=1", "must be the server only"),
    ],
)
def test_bad_base_url(tmp_path, url, fragment):
    text = edit("https://sandbox02-eu.alma.exlibrisgroup.com/", url)
    assert fragment in error_for(tmp_path, text)


def test_base_url_with_credentials_not_echoed(tmp_path):
    text = edit("https://sandbox02-eu", "https://me:hunter2@sandbox02-eu")
    message = error_for(tmp_path, text)
    assert "must not carry a user name or password" in message
    assert "hunter2" not in message


def test_bad_locale(tmp_path):
    assert error_for(tmp_path, edit('["nb", "en"]', '["nb", "de"]')) == (
        "sandboxes.toml: [sandbox.uio] locales: item 2 is not a supported locale; "
        "use some of: en, nb, nn, se"
    )


def test_empty_locales(tmp_path):
    assert error_for(tmp_path, edit('["nb", "en"]', "[]")) == (
        "sandboxes.toml: [sandbox.uio] locales is empty; list at least one of en, nb, nn, se "
        'like locales = ["en", "nb"]'
    )


def test_bad_institution(tmp_path):
    message = error_for(tmp_path, edit('"47BIBSYS_UBO"', '"47bibsys_ubo"'))
    assert message.startswith(
        "sandboxes.toml: [sandbox.uio] institution is not an Alma institution"
    )


def test_unquoted_id_asks_for_quotes(tmp_path):
    assert error_for(tmp_path, edit('list = "991"', "list = 991")) == (
        "sandboxes.toml: [sandbox.uio.targets] list must be a string, not a number; "
        "put it in quotes"
    )


def test_missing_required_key(tmp_path):
    assert error_for(tmp_path, edit('release = "2024-07"\n', "")) == (
        "sandboxes.toml: [sandbox.uio] missing required key 'release'; add release = \"2024-06\""
    )


def test_no_sandboxes(tmp_path):
    assert "no sandboxes declared" in error_for(tmp_path, '[harness]\nreports_dir = "r"\n')


# --------------------------------------------------------------------------- API


def test_unknown_sandbox_lists_known(tmp_path):
    config = load_config(write(tmp_path, GOOD))
    with pytest.raises(ConfigError) as info:
        config.sandbox("x")
    assert str(info.value) == "unknown sandbox 'x' in sandboxes.toml; known: demo, uio"


def test_unknown_role_lists_known(tmp_path):
    demo = load_config(write(tmp_path, GOOD)).sandbox("demo")
    with pytest.raises(ConfigError, match=r"has no role 'librarian' \(known: student\)"):
        demo.role("librarian")


def test_credentials_read_from_environment(tmp_path):
    student = load_config(write(tmp_path, GOOD)).sandbox("demo").role("student")
    environ = {"LEGANTO_QA_DEMO_PASSWORD": "pa55word"}
    assert student.credentials(environ) == ("ola.student", "pa55word")
    assert "pa55word" not in repr(student)


def test_credentials_unset_names_variable_never_value(tmp_path):
    student = load_config(write(tmp_path, GOOD)).sandbox("demo").role("student")
    with pytest.raises(LoginFailed) as info:
        student.credentials({"OTHER": "pa55word"})
    message = str(info.value)
    assert message == (
        "sandbox 'demo' role 'student': environment variable LEGANTO_QA_DEMO_PASSWORD "
        "(the password of 'ola.student') is not set; export LEGANTO_QA_DEMO_PASSWORD=<password> "
        "and run again"
    )
    assert "pa55word" not in message


def test_credentials_user_env_unset(tmp_path):
    text = edit('user = "ola.student"', 'user_env = "LQ_USER"')
    student = load_config(write(tmp_path, text)).sandbox("demo").role("student")
    with pytest.raises(LoginFailed, match=r"environment variable LQ_USER .* export LQ_USER="):
        student.credentials({"LEGANTO_QA_DEMO_PASSWORD": "pa55word"})
    assert student.credentials({"LQ_USER": "u", "LEGANTO_QA_DEMO_PASSWORD": "p"}) == ("u", "p")


def test_credentials_refused_for_storage_state(tmp_path):
    role = load_config(write(tmp_path, GOOD)).sandbox("uio").role("student")
    with pytest.raises(ConfigError, match="uses login = 'storage-state'"):
        role.credentials({})


def test_with_release_and_locales(tmp_path):
    demo = load_config(write(tmp_path, GOOD)).sandbox("demo")
    assert demo.with_release("2024-08").release == "2024-08"
    assert demo.with_locales("nn, se").locales == ("nn", "se")
    assert demo.with_locales(["se"]).default_locale == "se"
    assert demo.release == "2024-06"  # the original is unchanged
    with pytest.raises(ConfigError, match="release override '2024 08' is not a release label"):
        demo.with_release("2024 08")
    with pytest.raises(ConfigError, match="'de' is not a supported locale"):
        demo.with_locales("en,de")
    with pytest.raises(ConfigError, match="no locales given"):
        demo.with_locales([])


# --------------------------------------------------------------------------- [sandbox.<id>.api]

API = """
[sandbox.demo.api]
course = "SOS1001"
apikey_env = "LEGANTO_QA_DEMO_APIKEY"

[sandbox.uio.api]
base_url = "https://api-eu.hosted.exlibrisgroup.com/almaws/v1/"
apikey_env = "LEGANTO_QA_UIO_APIKEY"
course = "SOS1001"
open_proxy = "https://gw-unit.intark.uh-it.no/leganto-open-api"
open_proxy_institution = "uio"
"""
GOOD_API = GOOD + API


def api_error(tmp_path: Path, old: str, new: str) -> str:
    return error_for(tmp_path, edit(old, new, GOOD_API))


def test_api_table_loads(tmp_path):
    config = load_config(write(tmp_path, GOOD_API))
    demo, uio = config.sandbox("demo").api, config.sandbox("uio").api
    assert demo == ApiConfig(None, "LEGANTO_QA_DEMO_APIKEY", "SOS1001", None, None)
    assert uio == ApiConfig(
        base_url="https://api-eu.hosted.exlibrisgroup.com/almaws/v1",
        apikey_env="LEGANTO_QA_UIO_APIKEY",
        course="SOS1001",
        open_proxy="https://gw-unit.intark.uh-it.no/leganto-open-api",
        open_proxy_institution="uio",
    )
    assert load_config(write(tmp_path, GOOD)).sandbox("uio").api is None


def test_repository_demo_has_api_table():
    api = load_config(REPO / "sandboxes.toml").sandbox("demo").api
    assert api == ApiConfig(
        None,
        "LEGANTO_QA_DEMO_APIKEY",
        "SOS1001",
        "http://leganto.localhost/leganto-open-api",  # the stand-in's own open proxy
        "demo",
        excerpt_limit_percent=15,  # BOLK (suites/api/test_copyright_data.py)
    )


def test_repository_uio_example_has_api_table(tmp_path):
    text = (REPO / "sandboxes.toml").read_text(encoding="utf-8")
    lines = [
        ln[2:] if re.match(r"# (\[sandbox\.|\[notify\]|[a-z_]+ = )", ln) else ln
        for ln in text.split("\n")
    ]
    api = load_config(write(tmp_path, "\n".join(lines))).sandbox("uio").api
    assert api is not None and api.base_url is not None and api.open_proxy_institution == "uio"
    assert api.apikey_env == "LEGANTO_QA_UIO_APIKEY"


def test_api_unknown_key_suggests_close_match(tmp_path):
    message = api_error(tmp_path, 'course = "SOS1001"\napikey_env', 'cours = "SOS1001"\napikey_env')
    assert message == (
        "sandboxes.toml: [sandbox.demo.api] unknown key 'cours'; did you mean 'course'?"
    )
    message = api_error(tmp_path, 'open_proxy_institution = "uio"', 'region = "eu"')
    assert message == (
        "sandboxes.toml: [sandbox.uio.api] unknown key 'region'; use one of: "
        "base_url, apikey_env, course, open_proxy, open_proxy_institution, excerpt_limit_percent"
    )


@pytest.mark.parametrize("key", ["apikey", "api_key"])
def test_api_literal_apikey_refused_without_echoing_it(tmp_path, key):
    secret = "l7xx0123456789abcdef0123456789abcdef"
    message = api_error(tmp_path, 'apikey_env = "LEGANTO_QA_UIO_APIKEY"', f'{key} = "{secret}"')
    assert message == (
        f"sandboxes.toml: [sandbox.uio.api] {key}: a literal API key is not allowed in the file; "
        'set apikey_env = "SOME_ENV_VAR" and export SOME_ENV_VAR instead'
    )


def test_api_key_pasted_into_apikey_env_not_echoed(tmp_path):
    secret = "l7xx0123456789abcdef-0123456789"
    message = api_error(tmp_path, '"LEGANTO_QA_UIO_APIKEY"', f'"{secret}"')
    assert "apikey_env must name an environment variable" in message
    assert secret not in message


def test_api_stand_in_with_base_url_refused(tmp_path):
    message = api_error(
        tmp_path,
        'course = "SOS1001"\napikey_env',
        'base_url = "http://127.0.0.1:5000/almaws/v1"\ncourse = "SOS1001"\napikey_env',
    )
    assert message == (
        "sandboxes.toml: [sandbox.demo.api] base_url is not used with kind = 'stand-in' (the "
        "harness uses the stand-in's own API and generates its key); remove base_url, or set "
        "kind = 'remote'"
    )


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        (
            'base_url = "https://api-eu.hosted.exlibrisgroup.com/almaws/v1/"\n',
            "",
            "missing required key 'base_url' for kind = 'remote'",
        ),
        (
            "https://api-eu.hosted.exlibrisgroup.com/almaws/v1/",
            "https://api-eu.hosted.exlibrisgroup.com",
            "is not an Alma API base; end it with /almaws/v1",
        ),
        ('apikey_env = "LEGANTO_QA_UIO_APIKEY"\n', "", "missing required key 'apikey_env'"),
        (
            'open_proxy_institution = "uio"',
            'open_proxy_institution = "UiO"',
            "is not an institution name of the open proxy",
        ),
        ('open_proxy_institution = "uio"', "", "missing required key 'open_proxy_institution'"),
        (
            'open_proxy = "https://gw-unit.intark.uh-it.no/leganto-open-api"\n',
            "",
            "open_proxy_institution is only used with open_proxy",
        ),
        ("https://gw-unit.intark.uh-it.no/", "gw-unit.intark.uh-it.no/", "is not an http(s) URL"),
    ],
)
def test_api_bad_values(tmp_path, old, new, fragment):
    assert fragment in api_error(tmp_path, old, new)


def test_api_url_with_key_in_query_not_echoed(tmp_path):
    message = api_error(tmp_path, "almaws/v1/", "almaws/v1?apikey=l7xxsecretsecret")
    assert "must not carry a query" in message and "l7xxsecretsecret" not in message


def test_api_key_read_from_environment_never_echoed(tmp_path):
    api = load_config(write(tmp_path, GOOD_API)).sandbox("uio").api
    assert api is not None
    assert api.apikey({"LEGANTO_QA_UIO_APIKEY": "l7xx-key-123"}) == "l7xx-key-123"
    with pytest.raises(LoginFailed) as info:
        api.apikey({"OTHER": "l7xx-key-123"})
    assert str(info.value) == (
        "environment variable LEGANTO_QA_UIO_APIKEY (the Alma API key) is not set; "
        "export LEGANTO_QA_UIO_APIKEY=<API key> and run again"
    )
