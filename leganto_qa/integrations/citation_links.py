"""The links of a citation, read from the Alma Courses API's citation object.

* ``oria``: the Oria (Primo VE) record of ``metadata.mms_id``:
  ``{oria}/discovery/fulldisplay?docid=alma{mms_id}&context=L&vid={vid}``; its page must show
  the citation's title (``metadata.title``: the book's title, also for a chapter);
* ``doi``: ``metadata.doi`` at the DOI resolver;
* ``openurl``: ``open_url``, the link resolver's services page;
* ``online``: ``metadata.source``, the online resource.

A citation without the field has no link of that kind (nothing to check, nothing recorded).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from leganto_qa.config.links import LinksConfig

__all__ = ["KIND_NAMES", "CitationLink", "LinkPlaces", "citation_links"]

KIND_NAMES = {
    "oria": ("Oria", "Oria"),
    "doi": ("the DOI", "DOI-en"),
    "openurl": ("the link resolver", "lenkeresolveren"),
    "online": ("the online resource", "nettressursen"),
}
"""Link kind → how a sentence names where it leads (en, nb)."""


@dataclass(frozen=True)
class CitationLink:
    """One link of one citation, and the title its page must show (Oria only)."""

    kind: str
    url: str
    expect_title: str | None = None


@dataclass(frozen=True)
class LinkPlaces:
    """Where the links lead: Oria's base URL and view, the DOI resolver."""

    oria: str | None
    vid: str
    doi_resolver: str

    @classmethod
    def of(cls, config: LinksConfig, institution: str, stand_in: str | None) -> LinkPlaces:
        """``stand_in``: the stand-in's loopback base URL; it serves Oria and DOI itself."""
        oria, resolver = config.oria, config.doi_resolver
        if stand_in is not None:
            oria = stand_in + (urlsplit(oria).path if oria else "")
            resolver = stand_in + urlsplit(resolver).path
        vid = config.oria_vid or f"{institution}:{institution}"
        return cls(oria.rstrip("/") if oria else None, vid, resolver.rstrip("/") + "/")

    def record_url(self, mms_id: str) -> str:
        """The Oria full display of Alma record ``mms_id`` (needs ``oria``)."""
        return (
            f"{self.oria}/discovery/fulldisplay?docid=alma{quote(mms_id)}"
            f"&context=L&vid={quote(self.vid, safe=':')}"
        )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def citation_links(
    citation: Mapping[str, Any], kinds: tuple[str, ...], places: LinkPlaces
) -> list[CitationLink]:
    """The links of ``citation`` of the ``kinds`` asked for, in that order."""
    meta = citation.get("metadata") or {}
    title = _text(meta.get("title"))
    found: dict[str, CitationLink] = {}
    mms_id = _text(meta.get("mms_id"))
    if mms_id and places.oria:
        found["oria"] = CitationLink("oria", places.record_url(mms_id), title or None)
    if doi := _text(meta.get("doi")):
        found["doi"] = CitationLink("doi", places.doi_resolver + quote(doi, safe="/"))
    if open_url := _text(citation.get("open_url")):
        found["openurl"] = CitationLink("openurl", open_url)
    if source := _text(meta.get("source")):
        found["online"] = CitationLink("online", source)
    return [found[k] for k in kinds if k in found and found[k].url.startswith("http")]
