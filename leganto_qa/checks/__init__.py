"""Browser-driven WCAG checks beyond axe-core (keyboard, focus, reflow, spacing, ...).

Each check is a small module with a ``CHECK`` (:class:`leganto_qa.checks.base.Check`);
:mod:`leganto_qa.checks.registry` lists them and :mod:`leganto_qa.checks.runner` runs them.
"""
