"""The run's data, free of any browser or test runner: findings, run records, state keys,
atomic storage, secret redaction, errors and outlined element crops.

Owns: what a run saw, as plain data. May import: the standard library, Pillow. Never Playwright,
pytest or any other ``leganto_qa`` subpackage.
"""
