"""Documents rendered from run records: findings, regression, deviations, conformance,
case drafts and translations, with their jinja2 templates (autoescaped) and the WCAG catalogue.

Owns: what people read. May import: ``model``, ``config``, ``i18n``, ``compare``. Never
Playwright or pytest.
"""
