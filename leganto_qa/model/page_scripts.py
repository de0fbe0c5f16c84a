"""Browser-side JavaScript kept as package data (``*.js`` next to the Python that runs it).

Each file holds one function expression that Playwright calls with one argument; Python passes
values as that argument and never builds a script out of strings. Read once, then cached.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def page_script(package: str, name: str) -> str:
    """The source of ``name`` (e.g. ``js/measure.js``) inside ``package``."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")
