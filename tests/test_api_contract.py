"""The api suite on the stand-in: comparing 2024-06 with 2024-05 lists exactly the documented
API changes (fixtures/sandbox/RELEASES.md #7 and #8), and the API key reaches no artifact."""

from __future__ import annotations

import pytest

from leganto_qa.compare.baseline import baseline_from_record
from leganto_qa.compare.comparison import compare
from leganto_qa.model.records import RunRecord
from tests.conftest import DEMO_PASSWORD, REPO, load, run_suites, write_config

pytestmark = pytest.mark.browser

APIKEY = "never-in-any-artifact-api-5512"
"""Exported as the demo's apikey_env so the test can prove the key reaches no file."""
ENV = {"LEGANTO_QA_DEMO_PASSWORD": DEMO_PASSWORD, "LEGANTO_QA_DEMO_APIKEY": APIKEY}
API_TESTS = {
    "test_course_is_found_by_code",
    "test_course_reading_lists_and_citations_come_back",
    "test_response_shape_is_recorded",
    "test_api_complete_citations_match_what_students_see",
    "test_open_proxy_finds_the_same_course_lists_and_citations",
    "test_open_proxy_returns_no_field_outside_its_whitelist",
    "test_open_proxy_shape_is_recorded",
    "test_copyright_data_of_digitised_excerpts_is_recorded",  # test_copyright_data.py
}
SHAPES = {"course", "reading_list", "citation"}
OPEN_PROXY_SHAPES = {f"open_proxy_{name}" for name in SHAPES}
DOCUMENTED = [
    (
        "citation",
        "enum-value-added",
        "secondary_type.value",
        "Field 'secondary_type.value' has a new value 'E_CR'.",
    ),
    (  # the open proxy whitelists secondary_type, so #8 shows through it (#7 does not)
        "open_proxy_citation",
        "enum-value-added",
        "secondary_type.value",
        "Field 'secondary_type.value' has a new value 'E_CR'.",
    ),
    (
        "reading_list",
        "renamed",
        "publishing_status",
        "Field 'publishingStatus' (object) is now called 'publishing_status'.",
    ),
]


class ApiRuns:
    def __init__(self, root) -> None:
        self.config = write_config(root)
        self.done: dict[str, dict] = {}

    def get(self, name: str, release: str) -> dict:
        if name not in self.done:
            release_arg = ("--leganto-release", release)
            result = run_suites(self.config, name, *release_arg, suites=("api",), env=ENV)
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
            self.done[name] = load(self.config, name)
        return self.done[name]

    def run_dir(self, name: str):
        return self.config.parent / "reports" / "runs" / "demo" / name


@pytest.fixture(scope="module")
def api_runs(tmp_path_factory) -> ApiRuns:
    return ApiRuns(tmp_path_factory.mktemp("api-runs"))


def changes(run: dict, baseline_run: dict) -> list[tuple[str, str, str, str]]:
    baseline = baseline_from_record(RunRecord.from_dict(baseline_run))
    result = compare(RunRecord.from_dict(run), baseline)
    return [(name, c.kind, c.path, c.sentence()) for name, c in result.api_changes]


@pytest.mark.parametrize("release", ["2024-05", "2024-06"])
def test_api_suite_passes_and_records_shapes(api_runs, release):
    record = api_runs.get(f"api-{release}", release)
    outcomes = {o["test"].split("::")[-1]: o["outcome"] for o in record["outcomes"]}
    assert outcomes == dict.fromkeys(API_TESTS, "passed")
    assert {o["suite"] for o in record["outcomes"]} == {"api"}
    assert set(record["api_shapes"]) == SHAPES | OPEN_PROXY_SHAPES


def test_2024_06_vs_2024_05_lists_exactly_the_documented_api_changes(api_runs):
    old = api_runs.get("api-2024-05", "2024-05")
    new = api_runs.get("api-2024-06", "2024-06")
    assert changes(new, old) == DOCUMENTED
    releases = (REPO / "fixtures" / "sandbox" / "RELEASES.md").read_text(encoding="utf-8")
    assert "`publishingStatus: {value, desc}`" in releases and '"E_CR"' in releases


def test_same_release_twice_shows_no_api_change(api_runs):
    first = api_runs.get("api-2024-05", "2024-05")
    again = api_runs.get("api-2024-05-again", "2024-05")
    assert changes(first, first) == []
    assert changes(again, first) == []  # another start (other port, other links): same shapes


def test_api_key_reaches_no_artifact(api_runs):
    for name, release in (("api-2024-05", "2024-05"), ("api-2024-06", "2024-06")):
        api_runs.get(name, release)
        for path in api_runs.run_dir(name).rglob("*"):
            if path.is_file():
                assert APIKEY.encode() not in path.read_bytes(), path


def test_without_api_table_the_suite_skips_with_a_reason(tmp_path):
    text = (REPO / "sandboxes.toml").read_text(encoding="utf-8")
    start = text.index("[sandbox.demo.api]")
    end = text.index("\n\n", start)
    config = write_config(tmp_path, text[:start] + text[end + 2 :])
    result = run_suites(config, "no-api", "--leganto-release", "2024-05", suites=("api",), env=ENV)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    outcomes = load(config, "no-api")["outcomes"]
    assert {o["outcome"] for o in outcomes} == {"skipped"}
    assert {o["message"] for o in outcomes} == {
        "sandbox 'demo' has no [sandbox.demo.api] table in sandboxes.toml; add one with "
        "apikey_env and course to check the Alma Courses API"
    }
