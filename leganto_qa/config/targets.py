"""``[sandbox.<id>.targets]`` (what a run visits) and a sandbox's ``locales`` lists."""

from __future__ import annotations

from leganto_qa.config.models import Targets
from leganto_qa.config.tables import MAX_NAME_CHARS, Table
from leganto_qa.config.values import DIGITS_RE, LOCALES, locales_problem

TARGET_KEYS = ("list", "draft_list", "section", "citation", "online_citation", "search")
_ID_KEYS = ("list", "citation", "draft_list", "section", "online_citation")


def parse_targets(table: Table) -> Targets:
    """Leganto ids (digit strings) of the list, citation, ... and a search term."""
    table.check_keys(TARGET_KEYS)
    ids: dict[str, str | None] = {}
    for key in _ID_KEYS:
        value = table.string(key, required=key in ("list", "citation"))
        if value is not None and not DIGITS_RE.fullmatch(value):
            raise table.error(
                f"{key} is not a Leganto id; use the digits from the page's URL "
                f"like {key} = {table.example('list')}"
            )
        ids[key] = value
    list_id, citation_id = ids["list"], ids["citation"]
    assert list_id is not None and citation_id is not None  # required above
    return Targets(
        list=list_id,
        citation=citation_id,
        draft_list=ids["draft_list"],
        section=ids["section"],
        online_citation=ids["online_citation"],
        search=table.string("search", max_chars=MAX_NAME_CHARS),
    )


def parse_locales(table: Table) -> tuple[str, ...]:
    """``locales``: supported locales, each once; the first is the default."""
    if "locales" not in table.data:
        raise table.error(
            f"missing required key 'locales'; add locales = {table.example('locales')}"
        )
    if not isinstance(table.data["locales"], list):
        raise table.error(
            f"locales must be a list of strings; write locales = {table.example('locales')} "
            "(the first is the default)"
        )
    locales = tuple(table.strings("locales") or ())
    if not locales:
        raise table.error(
            f"locales is empty; list at least one of {', '.join(LOCALES)} "
            f"like locales = {table.example('locales')}"
        )
    problem = locales_problem(locales)
    if problem:
        raise table.error(f"locales: {problem}")
    return locales


def parse_translation_locales(table: Table) -> tuple[str, ...]:
    """Optional ``translation_locales`` (the i18n suite's locales); () means ``locales``."""
    value = table.data.get("translation_locales")
    if value is None:
        return ()
    example = '["nb", "nn", "se", "en"]'
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise table.error(
            "translation_locales must be a non-empty list of strings; "
            f"write translation_locales = {example}"
        )
    locales = tuple(table.strings("translation_locales") or ())
    problem = locales_problem(locales)
    if problem:
        raise table.error(f"translation_locales: {problem}")
    return locales
