"""Settings: ``sandboxes.toml`` (sandboxes, roles, targets, API, embedding, ``pages``
sandboxes), the TOML reader and table checker they share, ``config check``, and the run context.

Owns: everything a user configures. May import: ``model``. Never Playwright or pytest.
"""
