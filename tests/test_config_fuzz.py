"""Property-based fuzzing of the three config loaders (hypothesis).

sandboxes.toml, known-issues.toml and i18n-allowlist.toml are fed (1) arbitrary text,
(2) valid files with one value swapped for a hostile one, (3) valid files with one table
given random structure, and (4) valid files with random text spliced in. The loader must load
or raise ConfigError in one line that never repeats a planted secret: no other exception.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import tomllib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from leganto_qa.compare.known_issues import load_known_issues
from leganto_qa.config.sandboxes import load_config
from leganto_qa.config.translation_allowlist import load_allowlist
from leganto_qa.model.errors import ConfigError
from tests.test_config_hostile import ALLOWLIST, KNOWN, SANDBOXES

CANARY = "pw=Zq9 S3CR3T!"
"""Planted in hostile values; no validator accepts it as a name, so no message may show it."""
EXAMPLES = int(os.environ.get("LEGANTO_QA_FUZZ_EXAMPLES", "250"))
"""Examples per property; raise it for a longer hunt (LEGANTO_QA_FUZZ_EXAMPLES=5000)."""
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Loader = Callable[[Path], object]
FILES: dict[str, tuple[str, str, Loader]] = {
    "sandboxes": ("sandboxes.toml", SANDBOXES, load_config),
    "known": ("known-issues.toml", KNOWN, load_known_issues),
    "allowlist": ("i18n-allowlist.toml", ALLOWLIST, load_allowlist),
}
_FOLDER = Path(tempfile.mkdtemp(prefix="config-fuzz-"))
_BARE = re.compile(r"[A-Za-z0-9_-]+")


def outcome(file: str, text: str) -> str | None:
    """Load ``text`` as ``file``; the refusal message, or None when it loaded."""
    name, _, loader = FILES[file]
    path = _FOLDER / name
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        loader(path)
    except ConfigError as exc:
        message = str(exc)
        assert "\n" not in message and "\r" not in message, message
        assert len(message) < 600, message[:600]
        assert CANARY not in message and "S3CR3T" not in message, message
        count(f"{file}: refused")
        return message
    count(f"{file}: loaded")
    return None


def count(what: str) -> None:
    """Tally an outcome in hypothesis's statistics (--hypothesis-show-statistics)."""
    if currently_in_test_context():
        event(what)


# --------------------------------------------------------------------------- TOML writing


def toml_string(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif unicodedata.category(char) == "Cc":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if _BARE.fullmatch(key) else toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(text, text)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_document(data: dict[str, Any]) -> str:
    return "".join(f"{toml_key(k)} = {toml_value(v)}\n" for k, v in data.items())


# --------------------------------------------------------------------------- strategies

KEYS = sorted(
    {
        *("harness", "sandbox", "kind", "base_url", "institution", "release", "locales"),
        *("translation_locales", "language_switch", "targets", "roles", "api", "embedding"),
        *("list", "citation", "search", "login", "auth", "user", "user_env", "password_env"),
        *("state_file", "apikey_env", "course", "open_proxy", "pages", "url", "name"),
        *("issue", "id", "match", "rule", "page_state", "element", "vendor_ref", "status"),
        *("reported", "note", "content", "inside", "exact", "terms", "patterns", "same"),
        *("same_everywhere", "nb", "nn", "se", "en", "password", "apikey", "lms", "course_url"),
    }
)
HOSTILE_CHARS = "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\u2028\u2029\u202e\u2066\ufeff \"'\\"

urls = st.builds(
    lambda scheme, user, host, port, path: f"{scheme}{user}{host}{port}{path}",
    st.sampled_from(["https://", "http://", "javascript:", "file://", "ftp://", "", "HTTPS://"]),
    st.sampled_from(["", "me:" + CANARY.replace(" ", "") + "@", "@"]),
    st.sampled_from(
        ["example.org", "", "exa mple.org", "a\x00b", "[::1", "[::1]", "ex\u202eample"]
    ),
    st.sampled_from(["", ":0", ":1", ":65535", ":65536", ":99999", ":-1", ":https", ":"]),
    st.sampled_from(["", "/", "/almaws/v1", "/a?apikey=" + CANARY, "/#x", "/\n", "/\t"]),
)
hostile_strings = st.one_of(
    st.builds(lambda a, b: a + CANARY + b, st.text(max_size=20), st.text(max_size=20)),
    st.builds(lambda a: CANARY + a, st.text(alphabet=HOSTILE_CHARS, min_size=1, max_size=8)),
    st.builds(lambda n: CANARY + "x" * n, st.sampled_from([4096, 4097, 20_000])),
    st.builds(lambda url: url + CANARY, urls),
    urls,
    st.sampled_from(["", " ", "~nosuchuser/x", "/etc/shadow", "../../etc/shadow", "nb", "en"]),
)
scalars = st.one_of(
    hostile_strings,
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12))
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=12,
)


def deep_text(depth: int, opener: str) -> str:
    closer = {"[": "]", "{a = ": "}"}[opener]
    return opener * depth + ("1" if opener != "[" else "") + closer * depth


raw_hostile_values = st.one_of(
    st.builds(deep_text, st.integers(1, 60_000), st.sampled_from(["[", "{a = "])),
    st.builds(lambda n: "9" * n, st.integers(1, 6000)),
    st.builds(lambda n: "'" + "x" * n + "'", st.integers(4000, 5000)),
)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a parsed document where a value sits."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


def replaced(data: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {k: replaced(v, rest, new) if k == head else v for k, v in data.items()}
    return [replaced(v, rest, new) if i == head else v for i, v in enumerate(data)]


PARSED = {file: tomllib.loads(text) for file, (_, text, _) in FILES.items()}
PLACES = {file: paths(data) for file, data in PARSED.items()}
VALUE_SLOTS = {
    file: [m.span(1) for m in re.finditer(r'= ("[^"\n]*"|\[[^\]\n]*\]|[0-9-]+)\s*$', text, re.M)]
    for file, (_, text, _) in FILES.items()
}

files = st.sampled_from(sorted(FILES))


# --------------------------------------------------------------------------- properties


@FUZZ
@given(file=files, text=st.text(max_size=300))
def test_arbitrary_text_loads_or_is_one_line(file, text):
    outcome(file, text)


@FUZZ
@given(file=files, data=st.data())
def test_one_value_swapped_for_a_hostile_structure(file, data):
    path = data.draw(st.sampled_from(PLACES[file]), label="place")
    value = data.draw(structures, label="value")
    document = replaced(PARSED[file], path, value)
    message = outcome(file, toml_document(document))
    if isinstance(value, str) and CANARY in value and message is None:
        # A secret-looking value was accepted: only where free text belongs.
        assert path[-1] in {"note", "search", "course", "tool_link", "name", "frame", "role"} | {
            "section_link",
            "citation_link",
            "link_selector",
            "new_window_button",
            "user",
        } | {"user_field", "password_field", "submit", "same_everywhere", "same", "inside"} | {
            "exact",
            "page_state",
            "element",
            "rule",
            "list",
            "patterns",
            "reports_dir",
        } | {"browser", "state_file"} or isinstance(path[-1], int), path


@FUZZ
@given(file=files, data=st.data())
def test_one_value_swapped_for_hostile_toml_text(file, data):
    _, text, _ = FILES[file]
    start, end = data.draw(st.sampled_from(VALUE_SLOTS[file]), label="slot")
    value = data.draw(raw_hostile_values, label="value")
    outcome(file, text[:start] + value + text[end:])


@FUZZ
@given(file=files, data=st.data())
def test_random_text_spliced_into_a_valid_file(file, data):
    _, text, _ = FILES[file]
    at = data.draw(st.integers(0, len(text)), label="at")
    cut = data.draw(st.integers(0, 20), label="cut")
    insert = data.draw(
        st.one_of(st.text(max_size=40), st.text(alphabet=HOSTILE_CHARS + "[]{}=.#,", max_size=40)),
        label="insert",
    )
    outcome(file, text[:at] + insert + text[at + cut :])


@pytest.mark.parametrize("file", sorted(FILES))
def test_the_fuzzed_files_load_unchanged(file):
    assert outcome(file, FILES[file][1]) is None
    assert outcome(file, toml_document(PARSED[file])) is None
