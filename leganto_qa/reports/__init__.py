"""Documents rendered from run records: findings, regression, deviations, conformance,
case drafts and translations, the run index and trends (``run_index``, ``trend_report``), with
their jinja2 templates (autoescaped) and the WCAG catalogue.

Owns: what people read. May import: ``model``, ``config``, ``i18n``, ``compare``. Never
Playwright or pytest.
"""
