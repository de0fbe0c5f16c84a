"""Tests for API contract shapes of Alma Courses API responses (leganto_qa.compare.api_shapes)."""

from __future__ import annotations

import copy
import json

import pytest

from leganto_qa.compare.api_shapes import (
    FieldShape,
    Shape,
    ShapeChange,
    diff_shapes,
    merge,
    shape_of,
)

CIT = "reading_lists.reading_list[].citations.citation[]"


def citation(
    cid: str = "8812345671014711", status: str = "Complete", kind: str = "BK"
) -> dict[str, object]:
    return {
        "id": cid,
        "status": {"value": status, "desc": status},
        "copyrights_status": {"value": "APPROVED", "desc": "Approved"},
        "type": {"value": kind, "desc": "Book"},
        "secondary_type": {"value": kind, "desc": "Book"},
        "leganto_permalink": f"https://x/leganto/public/47BIBSYS_UBO/citation/{cid}?auth=SAML",
        "open_url": "https://x/openurl?rft.isbn=9788215",
        "public_note": "",
        "citation_tags": {"citation_tag": [{"value": {"value": "DIGI", "desc": "Digitise"}}]},
        "metadata": {
            "title": "Sosiologi i dag",
            "author": "Aakvaag, Gunnar C.",
            "publisher": "Universitetsforlaget",
            "publication_date": "2021",
            "isbn": "9788215034430",
            "mms_id": "991234567890204711",
            "start_page": None,
            "pages": 42,
        },
    }


def course() -> dict[str, object]:
    """A /courses/{id}?view=full response, with field names from the Alma Courses API."""
    return {
        "id": "8812345660004711",
        "code": "SOS1001",
        "name": "Innføring i sosiologi",
        "section": "1",
        "academic_department": {"value": "SOS", "desc": "Sosiologi"},
        "processing_department": {"value": "UBO", "desc": "Universitetsbiblioteket"},
        "term": [{"value": "AUTUMN", "desc": "Autumn"}],
        "status": "ACTIVE",
        "visibility": "FULL",
        "start_date": "2024-08-19Z",
        "end_date": "2024-12-20Z",
        "year": "2024",
        "instructor": [{"primary_id": "ola", "first_name": "Ola", "last_name": "Nordmann"}],
        "searchable_ids": ["UE_222_SOS1001_1_2024_HØST"],
        "participants": 120,
        "archived": False,
        "reading_lists": {
            "reading_list": [
                {
                    "id": "8812345670004711",
                    "code": "SOS1001-H24",
                    "name": "Pensum SOS1001",
                    "status": {"value": "Complete", "desc": "Complete"},
                    "visibility": {"value": "OPEN_TO_WORLD", "desc": "Open to world"},
                    "publishingStatus": {"value": "PUBLISHED", "desc": "Published"},
                    "citations": {"citation": [citation(), citation("2", "BeingPrepared", "CR")]},
                }
            ]
        },
    }


def shape_changed(change) -> list[str]:
    old, new = course(), course()
    change(new)
    return [c.sentence() for c in diff_shapes(shape_of(old), shape_of(new))]


# --------------------------------------------------------------------------- shape_of


def test_shape_records_every_path_with_json_types():
    shape = shape_of(course())
    assert shape["code"] == FieldShape(frozenset({"string"}))
    assert shape["term"].types == {"array"}
    assert shape["term[]"].types == {"object"}
    assert shape["searchable_ids[]"].types == {"string"}
    assert shape["participants"].types == {"integer"}
    assert shape["archived"].types == {"boolean"}
    assert shape["reading_lists.reading_list"].types == {"array"}
    assert shape[f"{CIT}.metadata.title"].types == {"string"}
    assert shape[f"{CIT}.metadata.start_page"].types == {"null"}
    assert shape[f"{CIT}.metadata.pages"].types == {"integer"}
    assert shape_of({"x": 1.5})["x"].types == {"number"}
    assert "" not in shape


def test_enum_values_are_recorded_for_enum_paths_and_code_tables():
    shape = shape_of(course())
    rl = "reading_lists.reading_list[]"
    assert shape[f"{rl}.status.value"].values == {"Complete"}
    assert shape[f"{rl}.publishingStatus.value"].values == {"PUBLISHED"}
    assert shape[f"{rl}.visibility.value"].values == {"OPEN_TO_WORLD"}
    assert shape[f"{CIT}.status.value"].values == {"Complete", "BeingPrepared"}
    assert shape[f"{CIT}.type.value"].values == {"BK", "CR"}
    assert shape[f"{CIT}.secondary_type.value"].values == {"BK", "CR"}
    assert shape[f"{CIT}.copyrights_status.value"].values == {"APPROVED"}
    # Any value beside a desc is a code table entry: its values are recorded too.
    assert shape["academic_department.value"].values == {"SOS"}
    assert shape["term[].value"].values == {"AUTUMN"}
    assert shape[f"{CIT}.citation_tags.citation_tag[].value.value"].values == {"DIGI"}
    # Free text and ids are not enums.
    assert shape["code"].values is None
    assert shape[f"{CIT}.metadata.title"].values is None
    assert shape[f"{CIT}.citation_tags.citation_tag[].value"].values is None


def test_enum_paths_can_be_extended_and_match_at_the_top_level():
    shape = shape_of(course(), enum_paths=("status", "visibility", "*.status.value"))
    assert shape["status"].values == {"ACTIVE"}
    assert shape["visibility"].values == {"FULL"}
    assert shape_of({"status": {"value": "X"}})["status.value"].values == {"X"}


def test_a_list_at_the_root_uses_brackets():
    shape = shape_of([{"id": "1"}, {"id": "2", "name": None}])
    assert shape.paths == ["[]", "[].id", "[].name"]


def test_merge_unions_paths_types_and_values():
    def vary(c):
        rl = c["reading_lists"]["reading_list"][0]
        rl["status"]["value"] = "BeingPrepared"
        rl["citations"]["citation"][0]["metadata"]["doi"] = "10.1/x"
        c["section"] = None

    a, b = course(), _apply(vary)
    merged = merge(shape_of(a), shape_of(b))
    rl = "reading_lists.reading_list[]"
    assert merged[f"{rl}.status.value"].values == {"Complete", "BeingPrepared"}
    assert merged["section"].types == {"string", "null"}
    assert f"{CIT}.metadata.doi" in merged
    assert set(merged.paths) == set(shape_of(a).paths) | {f"{CIT}.metadata.doi"}
    assert merge(shape_of(a)) == shape_of(a)
    assert merge(shape_of(a), shape_of(a), shape_of(b)) == merged


# --------------------------------------------------------------------------- serialisation


def test_to_dict_is_sorted_stable_and_round_trips():
    shape = merge(shape_of(course()), shape_of({"section": None}))
    data = shape.to_dict()
    assert data["version"] == 1
    assert list(data["fields"]) == sorted(data["fields"])
    assert data["fields"]["section"] == {"types": ["null", "string"]}
    assert data["fields"][f"{CIT}.type.value"] == {"types": ["string"], "values": ["BK", "CR"]}
    text = json.dumps(data, indent=2, ensure_ascii=False)
    again = Shape.from_dict(json.loads(text))
    assert again == shape
    assert json.dumps(again.to_dict(), indent=2, ensure_ascii=False) == text
    # Key order of the input does not leak into the output.
    reversed_course = dict(reversed(list(course().items())))
    assert shape_of(reversed_course).to_dict() == shape_of(course()).to_dict()


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"version": 2, "fields": {}}, "version 2 is not 1"),
        ({"version": 1, "fields": {"a": {"types": ["text"]}}}, "field 'a' has types ['text']"),
        ({"version": 1, "fields": {"a": {"types": []}}}, "field 'a' has types []"),
        ({"version": 1, "fields": {"a": {"types": ["string"], "values": [1]}}}, "not strings"),
        ({"version": 1, "fields": {"a": {"types": ["string"], "values": "A"}}}, "not strings"),
        ({"version": 1}, "fields None is not an object"),
    ],
)
def test_from_dict_rejects_what_it_cannot_read(data, fragment):
    with pytest.raises(ValueError, match="api shape: ") as info:
        Shape.from_dict(data)
    assert fragment in str(info.value)


# --------------------------------------------------------------------------- diff


def test_identical_shapes_have_no_changes():
    assert diff_shapes(shape_of(course()), shape_of(copy.deepcopy(course()))) == []
    assert diff_shapes(Shape({}), Shape({})) == []


def test_field_added():
    def add(c):
        c["reading_lists"]["reading_list"][0]["citations"]["citation"][1]["metadata"]["doi"] = "x"

    assert shape_changed(add) == [f"New field '{CIT}.metadata.doi' (string)."]


def test_field_removed_collapses_the_subtree():
    def drop(c):
        del c["instructor"]

    assert shape_changed(drop) == ["Field 'instructor' (array, with 4 fields under it) is gone."]
    nulled = diff_shapes(shape_of(course()), shape_of({**course(), "instructor": None}))
    assert [c.sentence() for c in nulled] == [
        "Field 'instructor' was array and is now null.",
        "Field 'instructor[]' (object, with 3 fields under it) is gone.",
    ]


def test_field_added_with_nested_fields_is_one_change():
    def add(c):
        c["owners"] = {"owner": [{"id": "o1"}]}

    changes = diff_shapes(shape_of(course()), shape_of({**course(), "owners": {"owner": []}}))
    assert [c.sentence() for c in changes] == [
        "New field 'owners' (object, with 1 field under it)."
    ]
    assert shape_changed(add) == ["New field 'owners' (object, with 3 fields under it)."]


def test_field_renamed_by_similar_name_keeps_diffing_below():
    def rename(c):
        rl = c["reading_lists"]["reading_list"][0]
        rl["publishing_status"] = rl.pop("publishingStatus")
        rl["publishing_status"]["value"] = "DRAFT"

    rl = "reading_lists.reading_list[]"
    assert shape_changed(rename) == [
        f"Field '{rl}.publishingStatus' (object) is now called '{rl}.publishing_status'.",
        f"Field '{rl}.publishing_status.value' has a new value 'DRAFT'.",
        f"Field '{rl}.publishing_status.value' no longer shows the value 'PUBLISHED'.",
    ]


def test_field_renamed_by_same_values():
    def rename(c):
        for cit in c["reading_lists"]["reading_list"][0]["citations"]["citation"]:
            cit["material_type"] = cit.pop("type")

    changes = diff_shapes(shape_of(course()), shape_of(_apply(rename)))
    assert [(c.kind, c.old_path, c.path) for c in changes] == [
        ("renamed", f"{CIT}.type", f"{CIT}.material_type")
    ]


def test_rename_is_conservative():
    # Different names, different values, or a different type: a removal and an addition.
    def unrelated(c):
        del c["year"]
        c["term_code"] = "2024"

    assert [c.kind for c in diff_shapes(shape_of(course()), shape_of(_apply(unrelated)))] == [
        "added",
        "removed",
    ]

    def retyped(c):
        c["years"] = 2024
        del c["year"]

    kinds = [c.kind for c in diff_shapes(shape_of(course()), shape_of(_apply(retyped)))]
    assert kinds == ["removed", "added"]

    def other_parent(c):
        c["reading_lists"]["reading_list"][0]["yeer"] = c.pop("year")

    kinds = [c.kind for c in diff_shapes(shape_of(course()), shape_of(_apply(other_parent)))]
    assert sorted(kinds) == ["added", "removed"]


def test_type_changed():
    def retype(c):
        c["reading_lists"]["reading_list"][0]["citations"]["citation"][0]["metadata"]["pages"] = (
            "42-57"
        )

    assert shape_changed(retype) == [
        f"Field '{CIT}.metadata.pages' was integer and is now integer or string."
    ]


def test_enum_value_added_and_gone():
    def statuses(c):
        for cit in c["reading_lists"]["reading_list"][0]["citations"]["citation"]:
            cit["status"]["value"] = "Sent"

    assert shape_changed(statuses) == [
        f"Field '{CIT}.status.value' has a new value 'Sent'.",
        f"Field '{CIT}.status.value' no longer shows the value 'BeingPrepared'.",
        f"Field '{CIT}.status.value' no longer shows the value 'Complete'.",
    ]


def test_changes_are_in_a_deterministic_order_and_serialise():
    def many(c):
        c["zeta"] = 1
        c["alpha"] = True
        del c["code"]
        c["status"] = 3
        c["reading_lists"]["reading_list"][0]["visibility"]["value"] = "RESTRICTED"

    changes = diff_shapes(shape_of(course()), shape_of(_apply(many)))
    assert [(c.kind, c.path) for c in changes] == [
        ("added", "alpha"),
        ("removed", "code"),
        ("enum-value-added", "reading_lists.reading_list[].visibility.value"),
        ("enum-value-removed", "reading_lists.reading_list[].visibility.value"),
        ("type-changed", "status"),
        ("added", "zeta"),
    ]
    assert changes == diff_shapes(shape_of(course()), shape_of(_apply(many)))
    assert changes[-2].to_dict() == {
        "kind": "type-changed",
        "path": "status",
        "sentence": "Field 'status' was string and is now integer.",
        "types": ["integer"],
        "old_types": ["string"],
    }
    assert all("\n" not in c.sentence() for c in changes)
    assert isinstance(changes[0], ShapeChange)


def _apply(change) -> dict[str, object]:
    doc = course()
    change(doc)
    return doc
