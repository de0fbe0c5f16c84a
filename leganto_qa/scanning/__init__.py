"""Turning a confirmed page state into evidence: axe-core in every frame, the state
capture (screenshot, ARIA snapshot, axe JSON, browser checks) and the text capture of the i18n
suite.

Owns: what the browser shows, as findings. May import: ``browser``, ``checks``, ``i18n`` and the
record side, Playwright.
"""
