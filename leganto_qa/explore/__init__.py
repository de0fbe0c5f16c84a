"""Exploring a page state: what a user can open on it (menus, dialogs, disclosures, tabs,
tooltips, content a click reveals), each opened the way a user would, scanned as a child page
state ``<state> \u203a <name>`` and closed again; then the widget checks on what opened.

Owns: which controls are tried, when a state is new, how the page is restored. May import:
``scanning`` (the capture result), ``checks`` (widget checks, findings from problems),
``browser`` and the record side, Playwright. Never pytest: the suites pass the capture callback
(the ``capture_state`` fixture).
"""
