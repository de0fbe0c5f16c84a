"""Copyright data for Kopinor's BOLK report: which citations are digitised excerpts, and whether
the fields BOLK needs are present and well formed in the Alma Courses API answer.

A citation is a digitised excerpt when its type is a part of a work (``type`` ``BOOK_SEGMENT``,
``secondary_type`` ``BK_C`` or ``BOOK_EXTRACT``), when it carries a digitisation tag
(``DIGITIZED``, ``DIGITIZATION``, ``CLEARANCE_APPROVAL``) or when its ``license_type`` is
``BOLK`` (the values Norwegian institutions' BOLK exports read from the API).

The BOLK fields of an excerpt, each read from the API answer:

* ``rights_status``: ``copyrights_status.value`` (required; ``DECLINED`` is reported);
* ``isbn`` / ``issn``: ``metadata.isbn`` / ``metadata.issn``, check digit included (a book
  excerpt needs the ISBN, an article the ISSN; the other one is checked when given);
* ``pages``: the excerpt's page range, ``metadata.start_page``/``end_page`` (and
  ``start_page2``/``end_page2`` … ``10``) when given, else ``metadata.pages`` (required);
* ``work_pages``: the work's number of pages, ``metadata.total_pages`` — Alma's citation has no
  such field, so it is optional: when given, the excerpt must fit in the work, and the share of
  the work it is (``percent``) is compared with the configured limit, if any.

Each field is ``ok``, ``missing`` or ``malformed``; ``problems`` lists what the library should
fix. Pure functions: the api suite fetches the citations and records the entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from leganto_qa.integrations.identifiers import isbn_problem, issn_problem
from leganto_qa.integrations.page_ranges import (
    PageRange,
    parse_page_ranges,
    parse_work_pages,
    range_text,
)

__all__ = [
    "BOLK_FIELDS",
    "copyright_entry",
    "is_digitised_excerpt",
]

BOLK_FIELDS = ("rights_status", "isbn", "issn", "pages", "work_pages")
"""The fields an entry checks, in the order reports show them."""
EXCERPT_TYPES = frozenset({"BOOK_SEGMENT"})
EXCERPT_SECONDARY_TYPES = frozenset({"BK_C", "BOOK_EXTRACT"})
ARTICLE_TYPES = frozenset({"CR", "E_CR", "JR", "NEWSPAPER_ARTICLE"})
DIGITISATION_TAGS = frozenset({"DIGITIZED", "DIGITIZATION", "CLEARANCE_APPROVAL"})
BOLK_LICENSE = "BOLK"
EXTRA_RANGES = 10
"""Alma's citation has start_page/end_page and start_page2/end_page2 … start_page10/end_page10."""


def _text(value: Any) -> str:
    if isinstance(value, Mapping):
        value = value.get("value")
    return "" if value is None else str(value).strip()


def _meta(citation: Mapping[str, Any]) -> Mapping[str, Any]:
    meta = citation.get("metadata")
    return meta if isinstance(meta, Mapping) else {}


def _tags(citation: Mapping[str, Any]) -> set[str]:
    tags = citation.get("citation_tags")
    items = tags.get("citation_tag", []) if isinstance(tags, Mapping) else tags or []
    return {_text(t.get("value")) for t in items if isinstance(t, Mapping)}


def is_digitised_excerpt(citation: Mapping[str, Any]) -> bool:
    """True for a part of a work, a citation tagged for digitisation, or a BOLK-licensed one."""
    return (
        _text(citation.get("type")) in EXCERPT_TYPES
        or _text(citation.get("secondary_type")) in EXCERPT_SECONDARY_TYPES
        or bool(_tags(citation) & DIGITISATION_TAGS)
        or _text(citation.get("license_type")).upper() == BOLK_LICENSE
    )


def _field(value: str, problem: str | None, required: bool, what: str) -> dict[str, str]:
    if not value:
        return {"value": "", "status": "missing", "problem": f"{what} missing" if required else ""}
    if problem:
        return {"value": value, "status": "malformed", "problem": f"{what}: {problem}"}
    return {"value": value, "status": "ok", "problem": ""}


def _structured_ranges(meta: Mapping[str, Any]) -> str:
    """``start_page`` to ``end_page`` (and the numbered pairs) as one text; "" when none."""
    parts = []
    for n in ("", *(str(i) for i in range(2, EXTRA_RANGES + 1))):
        start, end = _text(meta.get(f"start_page{n}")), _text(meta.get(f"end_page{n}"))
        if start or end:
            parts.append(f"{start}-{end}" if start and end and start != end else start or end)
    return ", ".join(parts)


def _pages(meta: Mapping[str, Any]) -> tuple[dict[str, str], tuple[PageRange, ...]]:
    structured, text = _structured_ranges(meta), _text(meta.get("pages"))
    value = structured or text
    ranges, problem = parse_page_ranges(value) if value else ((), None)
    if not problem and structured and text:
        from_text, text_problem = parse_page_ranges(text)
        if text_problem or sum(r.pages for r in from_text) != sum(r.pages for r in ranges):
            problem = f"start_page/end_page say {range_text(ranges)}, pages says '{text}'"
    shown = range_text(ranges) if ranges and not problem else value
    return _field(shown, problem, True, "page range"), ranges


def _identifiers(citation: Mapping[str, Any], meta: Mapping[str, Any]) -> dict[str, Any]:
    kinds = {_text(citation.get("type")), _text(citation.get("secondary_type"))}
    article = bool(kinds & ARTICLE_TYPES) and not kinds & EXCERPT_TYPES
    isbn, issn = _text(meta.get("isbn")), _text(meta.get("issn"))
    need_isbn = not article and not issn
    need_issn = article and not isbn
    return {
        "isbn": _field(isbn, isbn_problem(isbn) if isbn else None, need_isbn, "ISBN"),
        "issn": _field(issn, issn_problem(issn) if issn else None, need_issn, "ISSN"),
    }


def _rights(citation: Mapping[str, Any]) -> dict[str, str]:
    status = _text(citation.get("copyrights_status"))
    declined = "rights declined (copyrights_status DECLINED)" if status == "DECLINED" else None
    return _field(status, declined, True, "rights status")


def _extent(
    ranges: tuple[PageRange, ...], work: int | None, limit_percent: float | None
) -> tuple[int | None, float | None, list[str]]:
    """Pages of the excerpt, its share of the work in percent, and what is wrong with them."""
    pages = sum(r.pages for r in ranges) if ranges else None
    if pages is None or work is None:
        return pages, None, []
    percent = round(100 * pages / work, 1)
    if pages > work:
        return pages, percent, [f"the excerpt ({pages} pages) is longer than the work ({work})"]
    if limit_percent is not None and percent > limit_percent:
        return (
            pages,
            percent,
            [f"the excerpt is {percent:g} % of the work, over {limit_percent:g} %"],
        )
    return pages, percent, []


def copyright_entry(
    citation: Mapping[str, Any],
    *,
    list_name: str,
    list_id: str,
    list_code: str = "",
    section: str = "",
    release: str = "",
    limit_percent: float | None = None,
) -> dict[str, Any]:
    """The entry ``record_integration("copyright", …)`` keeps for one digitised excerpt."""
    meta = _meta(citation)
    pages_field, ranges = _pages(meta)
    work_text = _text(meta.get("total_pages"))
    work, work_problem = parse_work_pages(work_text) if work_text else (None, None)
    fields: dict[str, dict[str, str]] = {
        "rights_status": _rights(citation),
        **_identifiers(citation, meta),
        "pages": pages_field,
        "work_pages": _field(work_text, work_problem, False, "number of pages of the work"),
    }
    excerpt_pages, percent, extent_problems = _extent(ranges, work, limit_percent)
    info = citation.get("section_info")
    section = section or (_text(info.get("name")) if isinstance(info, Mapping) else "")
    title = next(
        (_text(meta.get(k)) for k in ("chapter_title", "chapter", "article_title") if meta.get(k)),
        _text(meta.get("title")),
    )
    return {
        "key": str(citation.get("id", "")),
        "list": list_name,
        "list_code": list_code,
        "list_id": list_id,
        "release": release,
        "section": section,
        "title": title,
        "work": _text(meta.get("journal_title")) or _text(meta.get("title")),
        "fields": fields,
        "excerpt_pages": excerpt_pages,
        "percent": percent,
        "limit_percent": limit_percent,
        "problems": [f["problem"] for f in fields.values() if f["problem"]] + extent_problems,
    }
