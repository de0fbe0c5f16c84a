"""UI change inventory: parsing ARIA snapshots and telling their differences (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from leganto_qa.compare.aria_changes import UiChange, diff_snapshots, normalise_name, parse_snapshot

DATA = Path(__file__).parent / "data" / "aria"

PAGE = """\
- navigation "Main":
  - list:
    - listitem:
      - link "Lists":
        - /url: /leganto/nui/lists
- banner:
  - heading "SOS1001 Sosiologi" [level=1]
  - button "List info"
  - button "List SOS1001 menu": List menu
- main:
  - paragraph: 17 items in 3 sections
  - button "Obligatorisk (9)" [expanded]:
    - heading "Obligatorisk" [level=2]
  - region "Obligatorisk":
    - list:
      - listitem:
        - button "Mark as done"
        - link "View online":
          - /url: /leganto/rl/link/8812345671024711
      - listitem:
        - button "Mark as done"
  - heading "Readings" [level=2]
  - link "Export list"
  - complementary "List tools":
    - button "Analytics"
    - checkbox "Show done" [checked]
- menu "List SOS1001 menu":
  - menuitem "Print list"
  - menuitem "Export list"
"""


def changed(old: str, new: str) -> list[str]:
    return [c.sentence() for c in diff_snapshots(old, new, "list/student")]


def test_parse_snapshot_keeps_roles_names_attributes_and_quoted_names() -> None:
    text = (
        "- 'button \"Click to view: {{counter}} new\" [pressed]': There are 2\n"
        '- heading "A \\"quoted\\" title" [level=1]\n'
        "- link:\n"
        "  - /url: /x?a=1\n"
        '- text: "In the list:"\n'
        "- 'img \"It''s\"'\n"
    )
    root = parse_snapshot(text)
    button, heading, link, text_node, img = root.children
    assert (button.role, button.name, button.attrs, button.text) == (
        "button",
        "Click to view: {{counter}} new",
        {"pressed": ""},
        "There are 2",
    )
    assert (heading.name, heading.attrs) == ('A "quoted" title', {"level": "1"})
    assert (link.role, link.name, link.children[0].role, link.children[0].text) == (
        "link",
        "",
        "/url",
        "/x?a=1",
    )
    assert (text_node.role, text_node.text) == ("text", "In the list:")
    assert (img.role, img.name) == ("img", "It's")


def test_same_snapshot_gives_no_changes() -> None:
    assert diff_snapshots(PAGE, PAGE, "list/student") == []


def test_added_control_is_told_with_its_place() -> None:
    info = '  - button "List info"\n'
    new = PAGE.replace(info, info + '  - button "Share list"\n')
    changes = diff_snapshots(PAGE, new, "list/student")
    assert changes == [UiChange("added", "button", "Share list", None, "banner", "list/student")]
    assert changes[0].sentence() == "New button 'Share list' in the header"
    assert changes[0].sentence("nb") == "Ny knapp «Share list» i topplinjen"


def test_removed_control_is_told_from_its_menu() -> None:
    new = PAGE.replace('  - menuitem "Export list"\n', "")
    assert changed(PAGE, new) == [
        "Menu item 'Export list' removed from the menu 'List SOS1001 menu'"
    ]


def test_rename_is_one_change_not_a_removal_and_an_addition() -> None:
    new = PAGE.replace('heading "Readings"', 'heading "Reading list"')
    changes = diff_snapshots(PAGE, new, "list/student")
    assert [(c.kind, c.old_name, c.name) for c in changes] == [
        ("renamed", "Readings", "Reading list")
    ]
    assert changes[0].sentence() == (
        "Heading 'Readings' renamed to 'Reading list' in the section 'Obligatorisk'"
    )


def test_dissimilar_rename_in_place_and_lost_and_gained_names() -> None:
    new = (
        PAGE.replace('button "Analytics"', "button")
        .replace('button "List info"', 'button "About this list"')
        .replace('link "Export list"', "link")
    )
    assert changed(PAGE, new) == [
        "Button 'List info' renamed to 'About this list' in the header",
        "Link 'Export list' lost its name in the section 'Readings'",
        "Button 'Analytics' lost its name in the sidebar 'List tools'",
    ]
    assert changed(new, PAGE)[1] == (
        "Link without a name got the name 'Export list' in the section 'Readings'"
    )


def test_noise_is_ignored() -> None:
    new = (
        PAGE.replace("Obligatorisk (9)", "Obligatorisk (10)")
        .replace("SOS1001", "SOS2002")
        .replace("17 items in 3 sections", "18 items in 4 sections")
        .replace("8812345671024711", "8812345671099999")
        .replace("[checked]", "")
        .replace("[expanded]", "")
    )
    new += '- tooltip "List menu"\n'
    assert changed(PAGE, new) == []


def test_more_or_fewer_rows_in_a_list_are_ignored() -> None:
    row = '      - listitem:\n        - button "Mark as done"\n'
    after = '  - heading "Readings"'
    assert changed(PAGE, PAGE.replace(row + after, row * 5 + after)) == []
    assert changed(PAGE, PAGE.replace(row + after, after)) == []


def test_order_only_change_is_ignored() -> None:
    new = PAGE.replace(
        '  - menuitem "Print list"\n  - menuitem "Export list"\n',
        '  - menuitem "Export list"\n  - menuitem "Print list"\n',
    ).replace(
        '  - button "List info"\n  - button "List SOS1001 menu": List menu\n',
        '  - button "List SOS1001 menu": List menu\n  - button "List info"\n',
    )
    assert changed(PAGE, new) == []


def test_move_between_places_is_one_change() -> None:
    new = PAGE.replace('  - menuitem "Print list"\n', "").replace(
        '  - button "List info"\n', '  - button "List info"\n  - menuitem "Print list"\n'
    )
    changes = diff_snapshots(PAGE, new, "list/student")
    assert [(c.kind, c.where, c.old_where) for c in changes] == [
        ("moved", "banner", 'menu "List SOS1001 menu"')
    ]
    assert changes[0].sentence() == (
        "Menu item 'Print list' moved from the menu 'List SOS1001 menu' to the header"
    )
    assert changes[0].sentence("nb") == (
        "Menyvalg «Print list» flyttet fra menyen «List SOS1001 menu» til topplinjen"
    )


def test_nested_region_naming_and_new_dialog_told_once() -> None:
    dialog = (
        '- dialog "Share list":\n'
        '  - heading "Share list" [level=2]\n'
        '  - region "Options":\n'
        '    - checkbox "Include notes"\n'
        '  - button "Copy link"\n'
    )
    new_dialog = diff_snapshots(PAGE, PAGE + dialog, "list/student/share-dialog")
    assert [c.sentence() for c in new_dialog] == ["New dialog 'Share list' on the page"]
    grown = dialog.replace(
        '    - checkbox "Include notes"\n', '    - checkbox "Include notes"\n    - radio "Anyone"\n'
    )
    assert changed(PAGE + dialog, PAGE + grown) == [
        "New radio button 'Anyone' in the region 'Options'"
    ]
    assert changed(PAGE + dialog, PAGE + dialog.replace('  - button "Copy link"\n', "")) == [
        "Button 'Copy link' removed from the dialog 'Share list'"
    ]
    assert changed(PAGE + dialog, PAGE + dialog.replace("Copy link", "Copy the link")) == [
        "Button 'Copy link' renamed to 'Copy the link' in the dialog 'Share list'"
    ]


def test_renamed_container_keeps_its_children_matched() -> None:
    new = PAGE.replace('complementary "List tools"', 'complementary "Tools"')
    new = new.replace('button "Analytics"', 'button "Analytics (3)"')
    assert changed(PAGE, new) == [
        "Sidebar 'List tools' renamed to 'Tools' in the section 'Readings'"
    ]
    named_main = '- main "Body":'
    assert changed(PAGE.replace("- main:", named_main), new.replace("- main:", named_main)) == [
        "Sidebar 'List tools' renamed to 'Tools' in the main content 'Body'"
    ]


@pytest.mark.parametrize(
    ("change", "nb"),
    [
        (
            UiChange("added", "menuitem", "Del", None, 'menu "Liste"', "s"),
            "Nytt menyvalg «Del» i menyen «Liste»",
        ),
        (
            UiChange("removed", "link", "Eksporter", None, "", "s"),
            "Lenke «Eksporter» fjernet fra siden",
        ),
        (
            UiChange("renamed", "heading", "Pensum", "Lesestoff", 'heading "X"', "s"),
            "Overskrift «Lesestoff» endret navn til «Pensum» i avsnittet «X»",
        ),
        (
            UiChange("renamed", "button", "", "Analyse", 'complementary "Verktøy"', "s"),
            "Knapp «Analyse» mistet navnet i sidefeltet «Verktøy»",
        ),
        (
            UiChange("renamed", "link", "Åpne i ny fane", "", "banner", "s"),
            "Lenke uten navn fikk navnet «Åpne i ny fane» i topplinjen",
        ),
        (
            UiChange("added", "textbox", "", None, 'region "Søk"', "s"),
            "Nytt tekstfelt uten navn i området «Søk»",
        ),
        (
            UiChange("added", "checkbox", "Ferdig", None, 'dialog "Del listen"', "s"),
            "Ny avkrysningsboks «Ferdig» i dialogen «Del listen»",
        ),
    ],
)
def test_bokmal_sentences(change: UiChange, nb: str) -> None:
    assert change.sentence("nb") == nb


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Obligatorisk (9)", "Obligatorisk (10)"),
        ("17 elementer i 3 seksjoner", "9 elementer i 1 seksjoner"),
        ("Due 2024-05-13", "Due 2024-06-01"),
        ("Oppdatert 13.05.2024 10:42", "Oppdatert 1.6.2024 9:05"),
        ("Updated 13 May 2024", "Updated 2 June 2024"),
        ("Oppdatert 13. mai 2024", "Oppdatert 2. juni 2024"),
        ("Item 3fa85f64-5717-4562-b3fc-2c963f66afa6", "Item 0b1e2d3c-aaaa-4bbb-8ccc-0123456789ab"),
        ("mat-mdc-checkbox-12", "mat-mdc-checkbox-7"),
        ("Version 2024.05 (build 2024.05.0.1337)", "Version 2024.06 (build 2024.06.0.1402)"),
    ],
)
def test_normalise_name_masks_noise(old: str, new: str) -> None:
    assert normalise_name(old) == normalise_name(new)


def test_normalise_name_keeps_words_and_masks_volatile_user_names() -> None:
    assert normalise_name("Share  list ") == "Share list"
    assert normalise_name("Obligatorisk (9)") == "Obligatorisk"
    assert normalise_name("17 elementer i 3 seksjoner") == "# elementer i # seksjoner"
    assert normalise_name("Kari Nordmann menu", ["Kari Nordmann"]) == "<user> menu"
    old = '- button "Kari Nordmann"\n- button "Help"\n'
    new = '- button "Per Hansen"\n- button "Help"\n'
    volatile = ["Kari Nordmann", "Per Hansen"]
    assert diff_snapshots(old, new, "lists/student", volatile=volatile) == []


REAL = {
    "list.student": [
        "New button 'Share list' in the header",
        "Button 'Discussion with the library' lost its name in the sidebar 'List tools'",
        "Button 'Analytics' lost its name in the sidebar 'List tools'",
        "Button 'Suggestions' lost its name in the sidebar 'List tools'",
    ],
    "list.student.list-menu": [  # the Print item's id changed, its name did not: nothing to tell
        "New button 'Share list' in the header",
        "Button 'Discussion with the library' lost its name in the sidebar 'List tools'",
        "Button 'Analytics' lost its name in the sidebar 'List tools'",
        "Button 'Suggestions' lost its name in the sidebar 'List tools'",
    ],
    "list.student.citation-full": [
        "Link without a name got the name 'Open in a new tab' in the header",
    ],
}


@pytest.mark.parametrize("state", sorted(REAL))
def test_real_snapshots_of_the_two_stand_in_releases(state: str) -> None:
    old = (DATA / "2024-05" / f"{state}.yaml").read_text(encoding="utf-8")
    new = (DATA / "2024-06" / f"{state}.yaml").read_text(encoding="utf-8")
    changes = diff_snapshots(old, new, state)
    assert [c.sentence() for c in changes] == REAL[state]
    assert {c.page_state for c in changes} == {state}
    assert diff_snapshots(old, old, state) == []
    assert diff_snapshots(new, new, state) == []


def test_real_sidebar_names_lost_in_bokmal() -> None:
    old = (DATA / "2024-05" / "list.student.yaml").read_text(encoding="utf-8")
    new = (DATA / "2024-06" / "list.student.yaml").read_text(encoding="utf-8")
    first, second = diff_snapshots(old, new, "list/student")[:2]
    assert first.sentence("nb") == "Ny knapp «Share list» i topplinjen"
    assert second.kind == "renamed" and second.name == ""
    assert second.sentence("nb") == (
        "Knapp «Discussion with the library» mistet navnet i sidefeltet «List tools»"
    )
