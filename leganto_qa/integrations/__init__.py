"""The integrations the consortium keeps alive beside Leganto: list permalinks and citation links
(FS, LMS course pages, Oria), copyright data for Kopinor's BOLK report, archived list exports.

Owns: checking them over HTTP (requests) and parsing what they return (pure functions the
suites call); the entries the suites record (``record_integration``) and compare
(``compare.link_changes``, ``compare.copyright_changes``, ``compare.export_changes``).
May import: ``model``, ``config``. Never Playwright or pytest: the suites drive the browser.
"""
