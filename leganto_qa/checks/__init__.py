"""Browser-driven WCAG checks beyond axe-core (keyboard, focus, reflow, spacing, ...).

Each check is a small module with a ``CHECK`` (:class:`leganto_qa.checks.base.Check`);
:mod:`leganto_qa.checks.registry` lists them and :mod:`leganto_qa.checks.check_runner` runs them.

Owns: what a barrier beyond axe is and how to find it in the browser. May import: ``model``,
``config``, Playwright.
"""
