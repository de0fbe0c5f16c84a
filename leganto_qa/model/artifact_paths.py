"""Where each file goes inside an evidence package (shared by case drafts and the builder)."""

from __future__ import annotations

from leganto_qa.model.storage import slug

MANIFEST = "manifest.json"
RECORD = "record.json"


def report(name: str) -> str:
    return f"reports/{name}"


def case(group: str) -> str:
    return f"cases/{slug(group)}.md"


def _state(page_state: str) -> str:
    return slug(page_state.replace("/", "."))


def axe(page_state: str, role: str, locale: str) -> str:
    return f"axe/{slug(role)}/{slug(locale)}/{_state(page_state)}.json"


def screenshot(page_state: str, role: str, locale: str) -> str:
    return f"screenshots/{slug(role)}/{slug(locale)}/{_state(page_state)}.png"


def crop(page_state: str, role: str, locale: str, rule: str, index: int) -> str:
    return f"crops/{slug(role)}/{slug(locale)}/{_state(page_state)}/{slug(rule)}-{index + 1}.png"


def test_artifact(test: str, artifact: str) -> str:
    """A failing workflow's artifact (trace.zip, failure.png) under ``traces/<test>/``."""
    name = artifact.rsplit("/", 1)[-1]
    return f"traces/{slug(test.replace('/', '.').replace('::', '--'))}/{slug(name)}"
