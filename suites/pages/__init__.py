"""Page objects for Leganto's new UI (`/leganto/nui/`).

Locators use Leganto's own stable ids and element names (leganto-dom.md), scoped by role;
accessible names are compared with the per-locale catalogs only where the name is what a test
is about. Every action records a plain-language step, so a report can say how a state was reached.
"""
