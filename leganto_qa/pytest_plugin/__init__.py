"""The pytest plugin: options, ini settings, hooks, hook specs, the fixture chain,
outcome classification, progress and the run record at session end.

Owns: everything that knows pytest. May import: every layer below the CLI.

Entry points: ``plugin`` (hooks) and ``fixtures`` (fixtures). For a project's own conftest:
:func:`run_context` (the current run, in hooks such as ``pytest_generate_tests``) and
:func:`has_failed` (whether a test failed, in fixture teardown).
"""

from leganto_qa.pytest_plugin.failure_evidence import has_failed
from leganto_qa.pytest_plugin.keys import run_context

__all__ = ["has_failed", "run_context"]
