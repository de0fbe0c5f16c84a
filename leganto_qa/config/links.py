"""``[sandbox.<id>.links]``: the list permalinks and citation links suites/links checks.

Which course's lists, which permalink forms (the ones FS and LMS course pages use), which
citation links (Oria record, DOI, OpenURL link resolver, online resource), and how politely:
requests per second per host, timeouts, the longest ``Retry-After`` worth waiting for.
For a stand-in sandbox only the path of ``oria`` and ``doi_resolver`` counts: the stand-in
serves its own Oria-like record pages and DOI resolver.
"""

from __future__ import annotations

from dataclasses import dataclass

from leganto_qa.config.tables import MAX_NAME_CHARS, Table

__all__ = [
    "LINKS_KEYS",
    "LINK_KINDS",
    "PERMALINK_FORMS",
    "LinksConfig",
    "parse_links",
]

LINKS_KEYS = (
    "course",
    "permalinks",
    "roles",
    "course_link",
    "link_kinds",
    "oria",
    "oria_vid",
    "doi_resolver",
    "requests_per_second",
    "timeout_s",
    "max_retry_after_s",
    "max_redirects",
)
PERMALINK_FORMS = ("public", "auth=SAML", "auth=LOCAL", "course")
"""``public``: ``/leganto/public/<INST>/lists/<id>``; ``auth=...``: the same with the login
method FS and LMS links carry; ``course``: the list found by course code (``course_link``)."""
LINK_KINDS = ("oria", "doi", "openurl", "online")
COURSE_LINK = "/leganto/public/{institution}/lists?courseCode={course}&auth=SAML"
"""The list-by-course-code form (unconfirmed against Leganto's documentation: configurable)."""
EXAMPLES = {
    "course": '"SOS1001"',
    "permalinks": '["public", "auth=SAML", "auth=LOCAL", "course"]',
    "roles": '["anonymous", "student", "instructor"]',
    "course_link": f'"{COURSE_LINK}"',
    "link_kinds": '["oria", "doi", "openurl", "online"]',
    "oria": '"https://bibsys-almaprimo.hosted.exlibrisgroup.com"',
    "oria_vid": '"47BIBSYS_UBO:UBO"',
    "doi_resolver": '"https://doi.org/"',
}


@dataclass(frozen=True)
class LinksConfig:
    """``[sandbox.<id>.links]``: what suites/links opens and checks, and how fast."""

    course: str
    permalinks: tuple[str, ...] = PERMALINK_FORMS
    roles: tuple[str, ...] = ()
    """Who opens the permalinks: ``anonymous`` and role names (empty: anonymous and every role)."""
    course_link: str = COURSE_LINK
    link_kinds: tuple[str, ...] = LINK_KINDS
    oria: str | None = None
    """Base URL of Oria (Primo VE); without it Oria links are not checked."""
    oria_vid: str | None = None
    """The Primo VE view, ``<INSTITUTION>:<VIEW>`` (default ``<institution>:<institution>``)."""
    doi_resolver: str = "https://doi.org/"
    requests_per_second: float = 5.0
    timeout_s: float = 10.0
    max_retry_after_s: float = 30.0
    max_redirects: int = 10


def parse_links(table: Table) -> LinksConfig:
    """Validate ``[sandbox.<id>.links]``; errors name the key and the fix."""
    table.examples = {**EXAMPLES, **table.examples}
    table.check_keys(LINKS_KEYS)
    course = table.string("course", required=True, max_chars=MAX_NAME_CHARS)
    assert course is not None  # required
    course_link = table.string("course_link", max_chars=1000) or COURSE_LINK
    if not course_link.startswith("/") or "{course}" not in course_link:
        raise table.error(
            f"{table.name('course_link')} must be a path with {{course}} in it; "
            f"write it like {table.name('course_link')} = {EXAMPLES['course_link']}"
        )
    return LinksConfig(
        course=course,
        permalinks=_subset(table, "permalinks", PERMALINK_FORMS),
        roles=tuple(table.strings("roles") or ()),
        course_link=course_link,
        link_kinds=_subset(table, "link_kinds", LINK_KINDS),
        oria=table.url("oria", "base"),
        oria_vid=table.string("oria_vid", max_chars=MAX_NAME_CHARS),
        doi_resolver=table.url("doi_resolver", "base") or "https://doi.org/",
        requests_per_second=table.positive_number("requests_per_second", 5.0),
        timeout_s=table.positive_number("timeout_s", 10.0),
        max_retry_after_s=table.positive_number("max_retry_after_s", 30.0),
        max_redirects=table.integer_between("max_redirects", 1, 30, 10),
    )


def _subset(table: Table, key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    chosen = table.strings(key, nonempty=True)
    if chosen is None:
        return allowed
    for item in chosen:
        if item not in allowed:
            raise table.error(
                f"{table.name(key)} has {item!r}, which is not one of "
                f"{', '.join(allowed)}; write it like {table.name(key)} = {EXAMPLES[key]}"
            )
    return tuple(dict.fromkeys(chosen))
