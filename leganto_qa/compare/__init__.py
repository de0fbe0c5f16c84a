"""A run record against its sandbox's baseline: baselines (accept, show, history), the
comparison (new, persisting, resolved, regressions), ARIA snapshot diffs as sentences, API shape
diffs and the known-issue registry.

Owns: what changed. May import: ``model``, ``config``, ``i18n``. Never Playwright or pytest.
"""
