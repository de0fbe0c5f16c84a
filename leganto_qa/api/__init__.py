"""Clients of the Alma and Leganto APIs (Courses API, Sikt's open proxy) over requests.

Owns: talking to the APIs. May import: ``model``, ``config``.
"""
