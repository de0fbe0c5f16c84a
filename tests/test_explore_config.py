"""``[harness] explore``, ``explore_max_states`` and ``explore_budget_s`` in sandboxes.toml."""

from __future__ import annotations

import pytest

from leganto_qa.config.sandboxes import load_config
from leganto_qa.explore.settings import ExploreSettings
from tests.test_config import GOOD, edit, error_for, write


def test_exploring_is_on_with_small_budgets_unless_set(tmp_path):
    assert ExploreSettings.of(load_config(write(tmp_path, GOOD))) == ExploreSettings(True, 8, 60.0)
    text = edit(
        'reports_dir = "out"',
        'reports_dir = "out"\nexplore = false\nexplore_max_states = 3\nexplore_budget_s = 12.5',
    )
    assert ExploreSettings.of(load_config(write(tmp_path, text))) == ExploreSettings(False, 3, 12.5)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('explore = "no"', "explore must be true or false; write e.g. explore = false"),
        ("explore_max_states = 2.5", "explore_max_states must be a whole number like"),
        ("explore_max_states = 500", "explore_max_states must be from 0 to 200"),
        ("explore_budget_s = 0", "explore_budget_s must be above 0 and finite"),
    ],
)
def test_a_bad_explore_setting_is_one_line_naming_the_key_and_fix(tmp_path, line, problem):
    text = edit('reports_dir = "out"', f'reports_dir = "out"\n{line}')
    assert error_for(tmp_path, text).startswith(f"sandboxes.toml: [harness] {problem}")
