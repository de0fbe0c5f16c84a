"""Translation rules over collected text: the text inventory (keys, entries), the checks
(untranslated, raw keys, mojibake, mixed forms, page language), ``i18n-allowlist.toml`` and the
release view (strings new since the baseline, coverage).

Owns: what a translation problem is. May import: ``model``, ``config``. Never Playwright or pytest
(text is collected in the browser by ``scanning.text_capture``).
"""
