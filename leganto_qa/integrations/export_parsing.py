"""What a list export holds: the citation titles of a RIS or BibTeX file, the text of a PDF,
Word or Excel file.

Export files come from a vendor's server and are treated as hostile: at most
``MAX_EXPORT_BYTES`` are read, zip members are capped after decompression, XML with a DTD is
refused, PDFs are read page by page up to ``MAX_PDF_PAGES``. Anything unreadable raises
:class:`ExportUnreadable` with one line naming the format, what is wrong and what to do. A
zero-byte (or blank) file is not unreadable: it is an export with no records.

PDF text comes from pypdf (fonts, encodings and compressed streams are real work); RIS and
BibTeX are line and brace formats read here, and Word and Excel files are zipped XML read with
the standard library, because the check needs titles and text, not a document model.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from leganto_qa.integrations.bibtex_titles import bibtex_titles

MAX_EXPORT_BYTES = 25 * 1024 * 1024
"""The largest export file read (a reading list export is kilobytes to a few megabytes)."""
MAX_MEMBER_BYTES = 50 * 1024 * 1024
"""The largest XML part of a Word or Excel file, after decompression (zip bombs)."""
MAX_PDF_PAGES = 500

FORMATS = ("pdf", "word", "excel", "ris", "bibtex", "print")
"""Formats the checks read: Leganto's export formats, and ``print`` (the print view's PDF)."""
RECORD_FORMATS = frozenset({"ris", "bibtex"})
"""Formats of records with a title each; the others are documents whose text is searched."""
EXTENSIONS = {"pdf": "pdf", "docx": "word", "xlsx": "excel", "ris": "ris", "bib": "bibtex"}

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_R = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_RIS_TITLES = ("TI", "T1", "CT", "BT")


class ExportUnreadable(ValueError):
    """The file is not what its format says (one line: format, what is wrong, what to do)."""


@dataclass(frozen=True)
class ExportContent:
    """What one export file holds."""

    format: str
    titles: tuple[str, ...] | None
    """Record formats: each record's title, in file order; None for documents."""
    text: str
    """Documents: their text in reading order (paragraphs, rows); records: ``""``."""

    @property
    def records(self) -> int | None:
        return None if self.titles is None else len(self.titles)


def format_of(filename: str) -> str | None:
    """The export format of a file name by its extension (``SOS1001.ris`` → ``ris``)."""
    return EXTENSIONS.get(filename.rsplit(".", 1)[-1].lower()) if "." in filename else None


def parse_export(fmt: str, data: bytes) -> ExportContent:
    """The titles or text of an export file in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ExportUnreadable(
            f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}"
        )
    if len(data) > MAX_EXPORT_BYTES:
        raise ExportUnreadable(
            f"{fmt} export is {len(data)} bytes, over the {MAX_EXPORT_BYTES} read; "
            "export a smaller list or check what the server sent"
        )
    if not data.strip():
        return ExportContent(fmt, () if fmt in RECORD_FORMATS else None, "")
    if fmt == "ris":
        return ExportContent(fmt, ris_titles(_decode(fmt, data)), "")
    if fmt == "bibtex":
        return ExportContent(fmt, bibtex_titles(_decode(fmt, data)), "")
    if fmt == "word":
        return ExportContent(fmt, None, docx_text(data))
    if fmt == "excel":
        return ExportContent(fmt, None, xlsx_text(data))
    return ExportContent(fmt, None, pdf_text(data, fmt))


def _decode(fmt: str, data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; else unreadable."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExportUnreadable(
        f"{fmt} export is neither UTF-8 nor Windows-1252 text; open it in a text editor to see "
        "what the server sent"
    )


# --- RIS -------------------------------------------------------------------------------------


def ris_titles(text: str) -> tuple[str, ...]:
    """Each RIS record's title (TI, else T1, CT, BT), records from ``TY`` to ``ER``."""
    titles: list[str] = []
    record: dict[str, str] | None = None
    last = ""
    seen_tag = False
    for raw in text.removeprefix("\ufeff").splitlines():
        line = raw.rstrip()
        match = _RIS_LINE.match(line)
        if match is None:
            if record is not None and last and line.strip():  # a wrapped value goes on
                record[last] = f"{record[last]} {line.strip()}"
            continue
        seen_tag = True
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            if record is not None:
                titles.append(_ris_title(record))
            record, last = {}, ""
        elif tag == "ER":
            if record is not None:
                titles.append(_ris_title(record))
            record, last = None, ""
        elif record is not None and tag not in record:
            record[tag], last = value, tag
    if record is not None:
        titles.append(_ris_title(record))
    if not seen_tag:
        raise ExportUnreadable(
            "ris export has text but no RIS tag lines ('TY  - …'); the server may have sent "
            "an error or login page: open the file to see"
        )
    return tuple(titles)


def _ris_title(record: dict[str, str]) -> str:
    return next((record[t] for t in _RIS_TITLES if record.get(t)), "")


# --- Word and Excel (zipped XML) ---------------------------------------------------------------


def _zip(fmt: str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ExportUnreadable(
            f"{fmt} export is not an Office Open XML file (not a zip: {exc}); open it to see "
            "what the server sent"
        ) from None


def _xml(fmt: str, archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    try:
        with archive.open(name) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)
    except KeyError:
        raise ExportUnreadable(f"{fmt} export has no {name}; it is not a {fmt} file") from None
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
        raise ExportUnreadable(f"{fmt} export: cannot read {name} ({exc})") from None
    if len(data) > MAX_MEMBER_BYTES:
        raise ExportUnreadable(
            f"{fmt} export: {name} is over {MAX_MEMBER_BYTES} bytes unpacked; not read"
        )
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ExportUnreadable(f"{fmt} export: {name} declares a DTD or entities; not read")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ExportUnreadable(f"{fmt} export: {name} is not well-formed XML ({exc})") from None


def docx_text(data: bytes) -> str:
    """The document's paragraphs (body text, headings, list items, table cells), one a line."""
    with _zip("word", data) as archive:
        root = _xml("word", archive, "word/document.xml")
    lines = []
    for para in root.iter(f"{_W}p"):
        parts = []
        for node in para.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{_W}tab", f"{_W}br"):
                parts.append(" ")
        lines.append("".join(parts))
    return "\n".join(lines)


def xlsx_text(data: bytes) -> str:
    """Every sheet's rows in workbook order, cells separated by tabs, one row a line."""
    with _zip("excel", data) as archive:
        names = set(archive.namelist())
        shared = []
        if "xl/sharedStrings.xml" in names:
            strings = _xml("excel", archive, "xl/sharedStrings.xml")
            shared = ["".join(t.text or "" for t in si.iter(f"{_S}t")) for si in strings]
        lines: list[str] = []
        for sheet in _sheet_parts(archive, names):
            for row in _xml("excel", archive, sheet).iter(f"{_S}row"):
                lines.append("\t".join(_cell_text(c, shared) for c in row.iter(f"{_S}c")))
    return "\n".join(lines)


def _sheet_parts(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    """The worksheet parts in the workbook's order (``xl/workbook.xml`` and its rels)."""
    book = _xml("excel", archive, "xl/workbook.xml")
    rels = _xml("excel", archive, "xl/_rels/workbook.xml.rels")
    target = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_R}Relationship")}
    parts = []
    for sheet in book.iter(f"{_S}sheet"):
        path = target.get(sheet.get(f"{_R}id"), "").lstrip("/")
        path = path if path.startswith("xl/") else f"xl/{path}"
        if path in names:
            parts.append(path)
    return parts


def _cell_text(cell: ElementTree.Element, shared: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_S}t"))
    value = cell.findtext(f"{_S}v") or ""
    if kind == "s":
        index = int(value) if value.isdigit() else -1
        return shared[index] if 0 <= index < len(shared) else ""
    return value


# --- PDF -----------------------------------------------------------------------------------------


def pdf_text(data: bytes, fmt: str = "pdf") -> str:
    """The text of every page (at most :data:`MAX_PDF_PAGES`), page by page."""
    import pypdf  # imported here: only PDF exports need it

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ExportUnreadable(f"{fmt} export is an encrypted PDF; its text cannot be read")
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise ExportUnreadable(
                f"{fmt} export has {len(pages)} pages, over the {MAX_PDF_PAGES} read"
            )
        return "\n".join(page.extract_text() or "" for page in pages)
    except ExportUnreadable:
        raise
    # pypdf raises many kinds of error on a broken file; each is "not a readable PDF" here.
    except Exception as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ExportUnreadable(
            f"{fmt} export is not a readable PDF ({reason[:200]}); open it to see what the "
            "server sent"
        ) from None
