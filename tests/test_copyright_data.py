"""BOLK copyright data: ISBN/ISSN check digits, page ranges, excerpt entries, the copyright
differ and the library's CSV worklist (pure functions, no stand-in)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leganto_qa.compare.copyright_changes import diff_copyright
from leganto_qa.integrations.copyright_data import copyright_entry, is_digitised_excerpt
from leganto_qa.integrations.identifiers import isbn_problem, issn_problem, normalise
from leganto_qa.integrations.page_ranges import parse_page_ranges, parse_work_pages
from leganto_qa.model.records import RunLayout, RunRecord
from leganto_qa.reports.copyright_worklist import (
    CSV_COLUMNS,
    FILE_NAME,
    read_csv,
    to_csv,
    write_copyright_worklist,
)

# --- ISBN and ISSN -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "978-82-05-50198-0",
        "978 82 15 03877 3",
        "9788245029802",
        "ISBN 978-82-02-67340-6",
        "82-05-30592-7",  # ISBN-10
        "0-8044-2957-X",  # ISBN-10 with check digit X
        "0-8044-2957-x",
        "979-10-90636-07-1",
    ],
)
def test_valid_isbns_pass(value):
    assert isbn_problem(value) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("978-82-05-50198-1", "ISBN-13 check digit does not match"),
        ("977-82-05-50198-3", "ISBN-13 does not start with 978 or 979"),
        ("82-05-30592-2", "ISBN-10 check digit does not match"),
        ("978-82-05-5019", "an ISBN has 10 or 13 digits, this has 11"),
        ("978-82-05-50198-0 (ib.)", "not an ISBN"),
        ("978-82-05-50198-0; 978-82-15-03877-3", "not an ISBN"),
        ("", "empty"),
    ],
)
def test_malformed_isbns_say_what_is_wrong(value, problem):
    assert (isbn_problem(value) or "").startswith(problem)


@pytest.mark.parametrize("value", ["0332-6330", "0040-716X", "0040-716x", "1504 7989", "00100870"])
def test_valid_issns_pass(value):
    assert issn_problem(value) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("0332-6331", "ISSN check digit does not match"),
        ("0040-7169", "ISSN check digit does not match"),
        ("0332-633", "not an ISSN"),
        ("X332-6330", "not an ISSN"),
    ],
)
def test_malformed_issns_say_what_is_wrong(value, problem):
    assert (issn_problem(value) or "").startswith(problem)


def _isbn13(body: str) -> str:
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _issn(body: str) -> str:
    check = (11 - sum((8 - i) * int(c) for i, c in enumerate(body)) % 11) % 11
    return body + ("X" if check == 10 else str(check))


isbn13s = st.builds(
    lambda prefix, rest: _isbn13(prefix + rest),
    st.sampled_from(["978", "979"]),
    st.text("0123456789", min_size=9, max_size=9),
)
issns = st.builds(_issn, st.text("0123456789", min_size=7, max_size=7))


def _change_one_digit(value: str, data: st.DataObject) -> str:
    digits = [i for i, c in enumerate(value) if c.isdigit()]
    at = data.draw(st.sampled_from(digits))
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != value[at]]))
    return value[:at] + new + value[at + 1 :]


@settings(deadline=None)  # the first example pays for imports
@given(isbn13s, st.data())
def test_any_isbn13_is_valid_and_one_changed_digit_is_rejected(isbn, data):
    assert isbn_problem(isbn) is None
    assert isbn_problem(f"{isbn[:3]}-{isbn[3:5]}-{isbn[5:]}") is None  # hyphens tolerated
    assert isbn_problem(_change_one_digit(isbn, data)) is not None


@settings(deadline=None)  # the first example pays for imports
@given(issns, st.data())
def test_any_issn_is_valid_and_one_changed_digit_is_rejected(issn, data):
    assert issn_problem(f"{issn[:4]}-{issn[4:]}") is None
    assert issn_problem(_change_one_digit(issn, data)) is not None


@settings(deadline=None)  # the first example pays for imports
@given(isbn13s)
def test_normalise_keeps_only_the_identifier(isbn):
    assert normalise(f" ISBN {isbn[:3]} {isbn[3:7]}-{isbn[7:]} ") == isbn


# --- page ranges ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pages"),
    [
        ("45\u201368", 24),
        ("12-34", 23),
        ("12 - 34", 23),
        ("s. 45-68", 24),
        ("pp. 12-34, 40", 24),
        ("12-14; 20-21", 5),
        ("7", 1),
        ("xii-xv", 4),
        ("XII\u2013XV", 4),
    ],
)
def test_page_ranges_are_counted(text, pages):
    ranges, problem = parse_page_ranges(text)
    assert problem is None
    assert sum(r.pages for r in ranges) == pages


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("68-45", "ends before it starts"),
        ("0-3", "starts at page 0"),
        ("12a-14", "is not a page or page range"),
        ("12-", "is not a page or page range"),
        ("12ff", "is not a page or page range"),
        ("ix-12", "mixes roman and arabic"),
        ("", "empty"),
    ],
)
def test_malformed_page_ranges_say_what_is_wrong(text, problem):
    ranges, found = parse_page_ranges(text)
    assert ranges == () and problem in (found or "")


@settings(deadline=None)  # the first example pays for imports
@given(st.integers(1, 5000), st.integers(0, 500))
def test_any_ordered_range_counts_its_pages(start, length):
    ranges, problem = parse_page_ranges(f"{start}\u2013{start + length}")
    assert problem is None and ranges[0].pages == length + 1


def test_work_pages_accept_a_unit():
    assert parse_work_pages("312 s.") == (312, None)
    assert parse_work_pages("412") == (412, None)
    assert parse_work_pages("about 300")[0] is None


# --- entries -------------------------------------------------------------------------------


def chapter(**meta: str) -> dict:
    """A book chapter as the Alma API answers it (the stand-in's first chapter)."""
    return {
        "id": "8812345671034711",
        "type": {"value": "BOOK_SEGMENT", "desc": "Book Chapter"},
        "secondary_type": {"value": "BK", "desc": "Book"},
        "copyrights_status": {"value": "APPROVED", "desc": ""},
        "section_info": {"name": "Obligatorisk"},
        "metadata": {
            "title": "Det norske samfunn",
            "chapter": "Klasse og kultur i det norske samfunnet",
            "isbn": "978-82-05-50198-0",
            "issn": "",
            "pages": "45\u201368",
            "start_page": "45",
            "end_page": "68",
            "total_pages": "412",
            **meta,
        },
    }


def entry_of(citation: dict, limit: float | None = 15, release: str = "2024-05") -> dict:
    return copyright_entry(
        citation,
        list_name="SOS1001 Innføring i sosiologi",
        list_code="SOS1001-H24",
        list_id="8812345670004711",
        release=release,
        limit_percent=limit,
    )


def test_excerpts_are_chapters_digitisation_tags_or_bolk_licences():
    book = {"type": {"value": "BK"}, "metadata": {}}
    assert is_digitised_excerpt(chapter())
    assert not is_digitised_excerpt(book)
    assert is_digitised_excerpt({**book, "secondary_type": {"value": "BK_C"}})
    assert is_digitised_excerpt({**book, "license_type": "BOLK"})
    tagged = {"citation_tag": [{"value": {"value": "DIGITIZED", "desc": "Digitalisert"}}]}
    assert is_digitised_excerpt({**book, "citation_tags": tagged})


def test_a_complete_chapter_has_every_field_ok_and_its_share_of_the_work():
    entry = entry_of(chapter())
    assert entry["key"] == "8812345671034711"
    assert (entry["section"], entry["title"]) == (
        "Obligatorisk",
        "Klasse og kultur i det norske samfunnet",
    )
    assert {k: f["status"] for k, f in entry["fields"].items()} == {
        "rights_status": "ok",
        "isbn": "ok",
        "issn": "missing",  # a book excerpt needs no ISSN: no problem
        "pages": "ok",
        "work_pages": "ok",
    }
    assert entry["fields"]["pages"]["value"] == "45\u201368"
    assert (entry["excerpt_pages"], entry["percent"], entry["problems"]) == (24, 5.8, [])


def test_problems_name_the_field_and_what_is_wrong():
    entry = entry_of(
        chapter(isbn="978-82-05-50198-1", pages="", start_page="", end_page="", total_pages="")
    )
    assert entry["fields"]["isbn"]["status"] == "malformed"
    assert entry["fields"]["pages"]["status"] == "missing"
    assert entry["fields"]["work_pages"] == {"value": "", "status": "missing", "problem": ""}
    assert entry["problems"] == ["ISBN: ISBN-13 check digit does not match", "page range missing"]


def test_structured_pages_win_and_must_agree_with_the_text():
    only_text = entry_of(chapter(start_page="", end_page="", pages="s. 45-68"))
    assert only_text["fields"]["pages"] == {"value": "45\u201368", "status": "ok", "problem": ""}
    disagree = entry_of(chapter(end_page="70"))
    assert disagree["fields"]["pages"]["status"] == "malformed"
    assert "pages says '45\u201368'" in disagree["fields"]["pages"]["problem"]


def test_an_excerpt_over_the_limit_or_longer_than_the_work_is_a_problem():
    over = entry_of(chapter(start_page="77", end_page="98", pages="77-98", total_pages="130"))
    assert over["percent"] == 16.9
    assert over["problems"] == ["the excerpt is 16.9 % of the work, over 15 %"]
    assert entry_of(chapter(total_pages="130"), limit=20)["problems"] == []
    assert entry_of(chapter(total_pages="130"), limit=None)["percent"] == 18.5
    longer = entry_of(chapter(total_pages="20"), limit=None)
    assert longer["problems"] == ["the excerpt (24 pages) is longer than the work (20)"]


def test_an_article_excerpt_needs_its_issn_and_a_declined_right_is_reported():
    article = {
        "id": "1",
        "type": {"value": "CR"},
        "license_type": "BOLK",
        "copyrights_status": {"value": "DECLINED"},
        "metadata": {
            "article_title": "Ungdom",
            "journal_title": "Sosiologi i dag",
            "pages": "7-29",
        },
    }
    entry = entry_of(article)
    assert entry["fields"]["isbn"]["problem"] == ""
    assert entry["problems"] == [
        "rights status: rights declined (copyrights_status DECLINED)",
        "ISSN missing",
    ]
    assert (entry["title"], entry["work"]) == ("Ungdom", "Sosiologi i dag")


# --- the copyright differ ------------------------------------------------------------------

CHAPTERS = [
    chapter(),
    {**chapter(), "id": "8812345671074711", "section_info": {"name": "Anbefalt"}},
    {**chapter(), "id": "8812345671144711"},
]


def _without_pages(citation: dict) -> dict:
    c = copy.deepcopy(citation)
    for key in ("pages", "start_page", "end_page"):
        del c["metadata"][key]
    return c


def test_a_dropped_field_is_one_break_naming_the_field_and_its_citations():
    before = [entry_of(c) for c in CHAPTERS]
    after = [entry_of(_without_pages(c), release="2024-06") for c in CHAPTERS]
    changes = diff_copyright(before, after)
    assert [(c.kind, c.key, c.breaks) for c in changes] == [("field-lost", "pages", True)]
    en, nb = changes[0].sentence("en"), changes[0].sentence("nb")
    assert en.startswith(
        "BOLK field 'pages' (page range) missing since 2024-05 on 3 digitised citation(s): "
        "'Klasse og kultur i det norske samfunnet' (SOS1001-H24 \u203a Obligatorisk)"
    )
    assert nb.startswith(
        "BOLK-feltet 'pages' (sideangivelse) mangler siden 2024-05 på 3 digitaliserte"
    )
    cited = changes[0].detail["citations"]
    assert [c["key"] for c in cited] == sorted(c["id"] for c in CHAPTERS)
    assert cited[0]["baseline_value"] == "45\u201368" and cited[0]["status"] == "missing"
    assert [(c.kind, c.breaks) for c in diff_copyright(after, before)] == [("field-fixed", False)]


def test_a_problem_already_in_the_baseline_and_a_new_citation_are_not_news():
    broken = [entry_of(_without_pages(c)) for c in CHAPTERS]
    assert diff_copyright(broken, broken) == []
    new_one = {**_without_pages(chapter()), "id": "1"}
    assert diff_copyright(broken, [*broken, entry_of(new_one)]) == []


def test_missing_and_malformed_together_read_as_one_change_per_field():
    before = [entry_of(c) for c in CHAPTERS]
    after = [
        entry_of(_without_pages(CHAPTERS[0])),
        entry_of(chapter(pages="x7", start_page="", end_page="") | {"id": CHAPTERS[1]["id"]}),
        entry_of({**CHAPTERS[2], "copyrights_status": None}),
    ]
    after[1]["key"] = CHAPTERS[1]["id"]
    changes = diff_copyright(before, after)
    assert [(c.key, c.breaks) for c in changes] == [("rights_status", True), ("pages", True)]
    assert "'pages' (page range) missing or malformed since 2024-05 on 2" in changes[1].sentence()


def test_a_long_list_of_citations_is_cut_in_the_sentence_not_in_the_detail():
    many = [{**chapter(), "id": str(i)} for i in range(5)]
    changes = diff_copyright(
        [entry_of(c) for c in many], [entry_of(_without_pages(c)) for c in many]
    )
    assert changes[0].sentence().endswith("and 2 more")
    assert len(changes[0].detail["citations"]) == 5


# --- the CSV worklist ----------------------------------------------------------------------


def test_worklist_csv_is_excel_friendly_and_lists_problems_first(tmp_path: Path):
    entries = [
        entry_of(chapter()),
        entry_of({**_without_pages(chapter()), "id": "2"}),
        entry_of({**chapter(title="=HYPERLINK(1)", chapter=""), "id": "3"}),
    ]
    text = to_csv(entries)
    assert text.splitlines()[0] == ";".join(CSV_COLUMNS) and "\r\n" in text
    record = RunRecord.from_dict(
        {
            "run_id": "r",
            "status": "complete",
            "sandbox": {"id": "demo", "release": "2024-06"},
            "versions": {},
            "command": [],
            "started_at": "t0",
            "finished_at": "t1",
            "outcomes": [],
            "page_states": [],
            "findings": [],
            "integrations": {"copyright": entries},
        }
    )
    layout = RunLayout(tmp_path / "run")
    layout.root.mkdir(parents=True)
    path = write_copyright_worklist(record, layout)
    assert path == layout.root / FILE_NAME
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark for Excel
    rows = read_csv(path)
    assert [r["citation_id"] for r in rows] == ["2", "3", "8812345671034711"]  # by title
    assert (rows[0]["needs_fixing"], rows[0]["problems"]) == ("yes", "page range missing")
    assert rows[2]["percent"] == "5,8" and rows[2]["section"] == "Obligatorisk"
    assert rows[2]["list"] == "SOS1001-H24" and rows[2]["pages"] == "45\u201368"
    assert rows[1]["title"] == "'=HYPERLINK(1)"  # never a formula in Excel
    empty = RunRecord.from_dict({**record.to_dict(), "integrations": {}})
    assert write_copyright_worklist(empty, layout) is None


# --- [api] excerpt_limit_percent -------------------------------------------------------------


def _api_config(tmp_path: Path, line: str):
    from leganto_qa.config.sandboxes import load_config
    from tests.conftest import REPO, write_config

    text = (REPO / "sandboxes.toml").read_text(encoding="utf-8")
    start = text.index("excerpt_limit_percent = 15")
    end = text.index("\n", text.index("\n", start) + 1)  # the key and its comment line
    config = write_config(tmp_path, text[:start] + line + text[end:])
    return load_config(config).sandbox("demo").api


def test_the_demo_states_its_licence_limit_and_it_can_be_left_out(tmp_path):
    assert _api_config(tmp_path / "a", "excerpt_limit_percent = 15").excerpt_limit_percent == 15
    assert _api_config(tmp_path / "b", "excerpt_limit_percent = 12.5").excerpt_limit_percent == 12.5
    assert _api_config(tmp_path / "c", "").excerpt_limit_percent is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('excerpt_limit_percent = "15 %"', "excerpt_limit_percent must be a number"),
        ("excerpt_limit_percent = 0", "must be above 0"),
        ("excerpt_limit_percent = 150", "at most 100; write e.g. excerpt_limit_percent = 15"),
    ],
)
def test_a_wrong_limit_is_one_line_naming_the_key_and_the_fix(tmp_path, line, message):
    from leganto_qa.model.errors import ConfigError

    with pytest.raises(ConfigError) as error:
        _api_config(tmp_path, line)
    assert message in str(error.value) and "\n" not in str(error.value)
