"""Export parsing per format: files from the stand-in's own writers (python-docx, openpyxl, its
PDF, RIS and BibTeX writers) and hand-made edge cases, then the check against the list."""

from __future__ import annotations

import io
import zipfile

import pytest

from fixtures.sandbox.data import load_catalogue
from fixtures.sandbox.export_files import FORMATS, WRITERS
from fixtures.sandbox.i18n import Translator
from leganto_qa.integrations.bibtex_titles import bibtex_titles, latex_to_text
from leganto_qa.integrations.export_check import check_export
from leganto_qa.integrations.export_parsing import (
    MAX_EXPORT_BYTES,
    ExportContent,
    ExportUnreadable,
    format_of,
    parse_export,
    ris_titles,
)

LIST = load_catalogue().lists["8812345670004711"]
TITLES = [c.title for s in LIST.sections for c in s.citations if c.complete]


def _export(fmt: str, lang: str = "nb") -> bytes:
    return WRITERS[fmt](LIST, Translator(lang), "Demouniversitetet")


@pytest.mark.parametrize("fmt", [f.id for f in FORMATS])
@pytest.mark.parametrize("lang", ["en", "nb", "nn", "se"])
def test_every_stand_in_export_lists_every_citation_in_section_order(fmt, lang):
    data = _export(fmt, lang)
    result = check_export(parse_export(fmt, data), TITLES, locale=lang, size=len(data))
    assert len(TITLES) == 17
    assert result.ok, result.describe()
    assert result.entry()["key"] == f"{fmt}:{lang}"
    assert result.entry()["found"] == 17 and result.entry()["missing"] == []


def test_export_headings_are_localized():
    assert "Tittel" in parse_export("excel", _export("excel", "nb")).text
    assert "Title" in parse_export("excel", _export("excel", "en")).text
    assert "17 elementer i 3 seksjoner" in parse_export("word", _export("word", "nb")).text
    assert "17 items in 3 sections" in parse_export("pdf", _export("pdf", "en")).text


def test_file_names_give_the_format():
    assert [
        format_of(n) for n in ("a.RIS", "b.bib", "c.docx", "d.xlsx", "e.pdf", "f.csv", "g")
    ] == [
        "ris",
        "bibtex",
        "word",
        "excel",
        "pdf",
        None,
        None,
    ]


@pytest.mark.parametrize("fmt", ["pdf", "word", "excel", "ris", "bibtex"])
def test_an_empty_file_is_an_export_with_no_citations_not_an_error(fmt):
    result = check_export(parse_export(fmt, b""), TITLES, locale="en", size=0)
    assert (result.found, len(result.missing), result.ok) == (0, 17, False)


def test_missing_and_reordered_citations_are_named():
    records = "".join(f"TY  - BOOK\r\nTI  - {t}\r\nER  - \r\n" for t in TITLES[1:][::-1])
    result = check_export(parse_export("ris", records.encode()), TITLES, locale="en", size=1)
    assert result.missing == (TITLES[0],) and not result.in_order and result.found == 16
    assert result.describe().startswith("ris (en): 16 of 17 citations, out of section order")
    # A document: titles as whole words in order, whatever the case, spacing and line breaks.
    text = "\n".join(["Heading", *(t.upper().replace(" ", "  \n") for t in TITLES)])
    doc = check_export(ExportContent("word", None, text), TITLES, locale="en", size=1)
    assert doc.ok, doc.describe()
    cut = text.replace("SOSIOLOGIENS", "SOSIOLOGIEN")  # no partial-word matches
    doc = check_export(ExportContent("word", None, cut), TITLES, locale="en", size=1)
    assert doc.missing == ("Sosiologiens grunnlag",)


def test_ris_edge_cases():
    text = (
        "\ufeffTY  - JOUR\nT1  - Primary title\nER  -\n"  # BOM, T1, ER without a space
        "TY  - CHAP\nTI  - A long title\n  wrapped on the next line\nTI  - ignored second\n"
        "TY  - BOOK\nAU  - No title\nER  - \n"  # the chapter ended by the next TY
    )
    assert ris_titles(text) == ("Primary title", "A long title wrapped on the next line", "")
    with pytest.raises(ExportUnreadable, match="no RIS tag lines"):
        parse_export("ris", b"<html><body>Please log in</body></html>")


def test_text_encodings_and_bad_bytes():
    ris = "TY  - BOOK\r\nTI  - Kjønn og arbeid\r\nER  - \r\n"
    assert parse_export("ris", ris.encode("cp1252")).titles == ("Kjønn og arbeid",)
    assert parse_export("ris", ris.encode("utf-16")).titles == ("Kjønn og arbeid",)
    with pytest.raises(ExportUnreadable, match="neither UTF-8 nor Windows-1252") as info:
        parse_export("bibtex", b"@book{k, title={\x81\x8d}}")
    assert "\n" not in str(info.value)


def test_bibtex_edge_cases():
    text = r"""@comment{not {an} entry}
@string{jr = "Journal"}
@preamble{"\newcommand{\noop}[1]{}"}
@Book{k1, author = "A and B", title = {Sosiologi i {\o}st og {\AA}sane -- en {DNA}-studie}}
@article(k2, year = 2020, title = "Quoted {\"o}" # { and joined})
@misc{k3, note = {no title}}
@incollection{k4,
  title = {Escapes \& \{braces\} 50\%},
"""
    assert bibtex_titles(text) == (
        "Sosiologi i øst og Åsane \u2013 en DNA-studie",
        "Quoted ö and joined",
        "",
        "Escapes & {braces} 50%",
    )
    assert latex_to_text(r"\v{C}\'a{\ng}\v s {\dj}") == "Čáŋš đ"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def test_xlsx_inline_strings_and_sheet_order():
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    book = f'<workbook {ns} {rel}><sheets><sheet name="B" r:id="rId2"/><sheet name="A" r:id="rId1"/></sheets></workbook>'  # noqa: E501
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>'
    )
    sheet1 = f'<worksheet {ns}><sheetData><row><c t="s"><v>0</v></c><c t="s"><v>9</v></c></row></sheetData></worksheet>'  # noqa: E501
    sheet2 = f'<worksheet {ns}><sheetData><row><c t="inlineStr"><is><t>Inline</t></is></c><c><v>42</v></c></row></sheetData></worksheet>'  # noqa: E501
    shared = f"<sst {ns}><si><r><t>Rich </t></r><r><t>text</t></r></si></sst>"
    data = _zip(
        {
            "xl/workbook.xml": book.encode(),
            "xl/_rels/workbook.xml.rels": rels.encode(),
            "xl/worksheets/sheet1.xml": sheet1.encode(),
            "xl/worksheets/sheet2.xml": sheet2.encode(),
            "xl/sharedStrings.xml": shared.encode(),
        }
    )
    assert parse_export("excel", data).text == "Inline\t42\nRich text\t"


@pytest.mark.parametrize(
    ("fmt", "data", "message"),
    [
        ("word", b"PK\x03\x04 not really a zip", "not an Office Open XML file"),
        ("word", _zip({"other.xml": b"<a/>"}), "has no word/document.xml"),
        ("word", _zip({"word/document.xml": b"<w:document"}), "not well-formed XML"),
        (
            "word",
            _zip({"word/document.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}),
            "declares a DTD",
        ),
        ("pdf", b"%PDF-1.4\nthis is no pdf at all", "not a readable PDF"),
        ("pdf", b"<html>login</html>", "not a readable PDF"),
        ("csv", b"a,b", "unknown export format 'csv'"),
    ],
)
def test_broken_files_fail_with_one_line(fmt, data, message):
    with pytest.raises(ExportUnreadable, match=message) as info:
        parse_export(fmt, data)
    assert "\n" not in str(info.value) and "Traceback" not in str(info.value)


def test_huge_files_and_zip_bombs_are_not_read(monkeypatch):
    with pytest.raises(ExportUnreadable, match="over the"):
        parse_export("ris", b" " + b"x" * MAX_EXPORT_BYTES)
    monkeypatch.setattr("leganto_qa.integrations.export_parsing.MAX_MEMBER_BYTES", 1000)
    bomb = _zip({"word/document.xml": b"<a>" + b" " * 100_000 + b"</a>"})
    assert len(bomb) < 1000
    with pytest.raises(ExportUnreadable, match="over 1000 bytes unpacked"):
        parse_export("word", bomb)
