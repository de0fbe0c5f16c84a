"""UI change inventory: what changed between two ARIA snapshots of the same page state.

:func:`diff_snapshots` compares the ``aria.yaml`` of one page state in the baseline run with the
one in the new run and returns :class:`UiChange` items that read in seconds, e.g.::

    New button 'Share list' in the header
    Button 'Analytics' lost its name in the sidebar 'List tools'
    Menu item 'Print list' moved from the menu 'List menu' to the header

Rules, kept simple and deterministic:

- Only controls (buttons, links, headings, form fields, menu items, tabs, ...) and the places that
  hold them (landmarks, dialogs, menus, named regions) are compared. Text, images, tooltips, list
  structure and states such as ``[expanded]`` are ignored.
- Names are compared after :func:`normalise_name` (digit runs, dates, times, generated ids and
  given volatile strings such as the tester's user name are masked): "Obligatorisk (9)" and
  "Obligatorisk (10)" are the same. Controls inside list items count as a set, so the number of
  rows never matters, and the order of siblings never matters.
- ``where`` is the nearest containing landmark, dialog, menu or region; directly in the page or
  in an unnamed ``main`` it is the nearest heading above. It is kept in snapshot notation
  (``banner``, ``dialog "Share list"``, ``heading "Details"``; ``""`` is the page itself) and
  rendered per language by :meth:`UiChange.sentence`.
- A control whose name changed while its role and place stayed (paired by position among the
  changed siblings, or by similar names) is ``renamed``. A control that lost its accessible name is
  ``renamed`` with ``name == ""`` ("Button 'Analytics' lost its name in ..."); one that gained a
  name has ``old_name == ""`` ("Link without a name got the name 'Open in a new tab' in ...").
- A control gone from one place and added with the same role and name in another is ``moved``
  (``old_where`` tells where it was). Of a new or removed container only the container is told.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

ChangeKind = Literal["added", "removed", "renamed", "moved"]

# role|English noun|bokmål noun|"n" if neuter ("nytt menyvalg")|bokmål place ("i menyen")
_TABLE = """\
button|button|knapp; link|link|lenke; heading|heading|overskrift||avsnittet
menuitem|menu item|menyvalg|n; menuitemcheckbox|menu item|menyvalg|n
menuitemradio|menu item|menyvalg|n; checkbox|checkbox|avkrysningsboks
radio|radio button|radioknapp; textbox|text field|tekstfelt|n; tab|tab|fane
searchbox|search field|søkefelt|n; combobox|combo box|kombinasjonsboks; switch|switch|bryter
slider|slider|glidebryter; spinbutton|number field|tallfelt|n
dialog|dialog|dialog||dialogen; alertdialog|alert dialog|varseldialog||varseldialogen
menu|menu|meny||menyen; menubar|menu bar|menylinje||menylinjen
region|region|område|n|området; navigation|navigation|navigasjon||navigasjonen
complementary|sidebar|sidefelt|n|sidefeltet; banner|header|topplinje||topplinjen
main|main content|hovedinnhold|n|hovedinnholdet; contentinfo|footer|bunntekst||bunnteksten
form|form|skjema|n|skjemaet; search|search|søk|n|søket; tabpanel|tab panel|fanepanel|n|fanepanelet
toolbar|toolbar|verktøylinje||verktøylinjen
"""
_ROWS = [(*row.strip().split("|"), "", "")[:5] for row in re.split(r"[;\n]", _TABLE) if row.strip()]
# role: (English noun, bokmål noun, bokmål noun is neuter)
ROLE_NAMES: dict[str, tuple[str, str, bool]] = {r[0]: (r[1], r[2], r[3] == "n") for r in _ROWS}
_NB_PLACE = {r[0]: r[4] for r in _ROWS if r[4]}  # definite form; a heading's place is its section
# places that hold controls (a heading is a place only for what follows it in the main content)
CONTAINERS = frozenset(role for role in _NB_PLACE if role != "heading")
CONTROLS = frozenset(ROLE_NAMES) - CONTAINERS
_MONTH = (
    r"(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch|s)?|apr(?:il)?|ma[yi]|june?|juni|"
    r"july?|juli|aug(?:ust)?|sep(?:t|tember)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cs](?:ember)?)"
)
_NOISE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I), "<id>"),
    (re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b", re.I), "<id>"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?Z?)?\b"), "<date>"),
    (re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"), "<date>"),
    (re.compile(rf"\b\d{{1,2}}\.?\s+{_MONTH}\b\.?(?:,?\s+\d{{4}})?", re.I), "<date>"),
    (re.compile(rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?\b", re.I), "<date>"),
    (re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b"), "<time>"),
    (re.compile(r"\d+(?:[.,]\d+)*"), "#"),
    (re.compile(r"\s*\(#\)"), ""),  # a bare count such as "(9)" comes and goes with the data
    (re.compile(r"\s+"), " "),
]


def normalise_name(name: str, volatile: Iterable[str] = ()) -> str:
    """Mask what changes between runs but not between UIs: numbers, dates, ids, user names."""
    for text in sorted((v for v in volatile if v), key=len, reverse=True):
        name = name.replace(text, "<user>")
    for pattern, mask in _NOISE:
        name = pattern.sub(mask, name)
    return name.strip()


@dataclass
class Node:
    """One entry of an ARIA snapshot; ``index`` is its line number (document order)."""

    role: str
    name: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    text: str = ""
    children: list[Node] = field(default_factory=list)
    index: int = -1


_QUOTED = re.compile(r"'((?:[^']|'')*)'|\"(?:[^\"\\]|\\.)*\"")


def _unquote(s: str) -> tuple[str, str]:
    """Split a YAML-quoted scalar at the start of ``s`` into (value, rest)."""
    match = _QUOTED.match(s)
    if match is None:
        return s[1:], ""
    if match.group(1) is not None:
        return match.group(1).replace("''", "'"), s[match.end() :]
    try:
        return str(json.loads(match.group(0))), s[match.end() :]
    except ValueError:
        return match.group(0)[1:-1], s[match.end() :]


def _split_key(s: str) -> tuple[str, str]:
    """Split an unquoted entry at the first ``: `` outside a quoted name."""
    end = re.match(r'(?:"(?:[^"\\]|\\.)*"|[^":]|:(?=\S))*', s)
    cut = end.end() if end else len(s)
    return s[:cut], s[cut:]


_KEY = re.compile(
    r'\s*(?P<role>[^\s"\[:]+)\s*(?P<name>"(?:[^"\\]|\\.)*"|/(?:[^/\\]|\\.)*/)?'
    r"\s*(?P<attrs>(?:\[[^\]]*\]\s*)*)$"
)


def _entry(content: str, index: int) -> Node:
    """Parse one entry: ``role "name" [attr=value]: inline text``."""
    key, rest = _unquote(content) if content[:1] in "'\"" else _split_key(content)
    value = rest[1:].strip() if rest.startswith(":") else ""
    if value[:1] in "'\"":
        value = _unquote(value)[0]
    match = _KEY.match(key)
    if match is None:
        return Node(role="text", text=key.strip(), index=index)
    raw = match.group("name") or ""
    name = _unquote(raw)[0] if raw.startswith('"') else raw
    attrs: dict[str, str] = {}
    for attr in re.findall(r"\[([^\]]*)\]", match.group("attrs")):
        attr_key, _, attr_value = attr.partition("=")
        attrs[attr_key.strip()] = attr_value.strip()
    return Node(role=match.group("role"), name=name, attrs=attrs, text=value, index=index)


def parse_snapshot(text: str) -> Node:
    """Parse Playwright's ARIA snapshot YAML into a tree under a ``document`` root."""
    root = Node(role="document")
    stack: list[tuple[int, Node]] = [(-1, root)]
    for number, line in enumerate(text.splitlines()):
        content = line.lstrip(" ")
        if not content.startswith("- ") and content != "-":
            continue
        indent = len(line) - len(content)
        node = _entry(content[2:], number)
        while stack[-1][0] >= indent:
            stack.pop()
        stack[-1][1].children.append(node)
        stack.append((indent, node))
    return root


def _notation(role: str, name: str) -> str:
    return f"{role} {json.dumps(name, ensure_ascii=False)}" if name else role


@dataclass(frozen=True, eq=False)
class _Item:
    """A control or container, compared by ``key``; equal only to itself."""

    role: str
    name: str
    key: tuple[str, str]
    where: str
    node: Node


def _members(box: Node, place: str, volatile: tuple[str, ...]) -> list[_Item]:
    """The controls and containers of ``box`` that are not inside a nested container."""
    items: list[_Item] = []
    listed: set[tuple[str, str]] = set()
    heading = ""
    by_heading = box.role == "document" or (box.role == "main" and not box.name)

    def walk(node: Node, in_list: bool) -> None:
        nonlocal heading
        for child in node.children:
            listy = in_list or child.role == "listitem"
            if child.role in CONTAINERS or child.role in CONTROLS:
                key = (child.role, normalise_name(child.name, volatile))
                where = _notation("heading", heading) if by_heading and heading else place
                if not (listy and key in listed):
                    items.append(_Item(child.role, child.name, key, where, child))
                if listy:
                    listed.add(key)
                if child.role == "heading":
                    heading = child.name
                if child.role in CONTAINERS:
                    continue
            walk(child, listy)

    walk(box, False)
    return items


def _ratio(a: _Item, b: _Item) -> float:
    return difflib.SequenceMatcher(None, a.key[1].casefold(), b.key[1].casefold()).ratio()


def _pair(olds: list[_Item], news: list[_Item], by_order: bool) -> list[tuple[_Item, _Item]]:
    """Pair same-role items: in order when the counts agree, else by similar names."""
    pairs: list[tuple[_Item, _Item]] = []
    for role in sorted({a.role for a in olds} & {b.role for b in news}):
        os_, ns = [a for a in olds if a.role == role], [b for b in news if b.role == role]
        if by_order and len(os_) == len(ns):
            pairs += zip(os_, ns, strict=True)
            continue
        ranked = sorted((-_ratio(a, b), i, j) for i, a in enumerate(os_) for j, b in enumerate(ns))
        used: set[int] = set()
        for score, i, j in ranked:
            if score <= -0.6 and not {id(os_[i]), id(ns[j])} & used:
                used.update((id(os_[i]), id(ns[j])))
                pairs.append((os_[i], ns[j]))
    return pairs


def _match(olds: list[_Item], news: list[_Item]) -> list[tuple[_Item, _Item]]:
    """Match the members of one container: equal, reordered, then renamed in place."""
    matcher = difflib.SequenceMatcher(
        None, [a.key for a in olds], [b.key for b in news], autojunk=False
    )
    pairs: list[tuple[_Item, _Item]] = []
    gaps: list[tuple[list[_Item], list[_Item]]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(olds[i1:i2], news[j1:j2], strict=True)
        else:
            gaps.append((olds[i1:i2], news[j1:j2]))
    left_n = [b for _, gap_new in gaps for b in gap_new]
    for gap_old, _ in gaps:  # same key elsewhere in the container: only the order changed
        for a in gap_old:
            b = next((b for b in left_n if b.key == a.key), None)
            if b is not None:
                left_n.remove(b)
                pairs.append((a, b))
    done = {id(x) for pair in pairs for x in pair}

    def rest(items: Iterable[_Item]) -> list[_Item]:
        return [x for x in items if id(x) not in done]

    rounds = [(gap_old, gap_new, True) for gap_old, gap_new in gaps]
    rounds.append(([a for g in gaps for a in g[0]], [b for g in gaps for b in g[1]], False))
    for gap_old, gap_new, by_order in rounds:
        for a, b in _pair(rest(gap_old), rest(gap_new), by_order):
            done.update((id(a), id(b)))
            pairs.append((a, b))
    return pairs


def _quote(name: str, lang: str) -> str:
    name = name if len(name) <= 80 else name[:79] + "…"
    return f"«{name}»" if lang == "nb" else f"'{name}'"


def _place(where: str, lang: str, prep: Literal["in", "from", "to"]) -> str:
    """Render a ``where`` notation: ``dialog "Share list"`` → "in the dialog 'Share list'"."""
    role, _, raw = where.partition(" ")
    name = str(json.loads(raw)) if raw else ""
    if lang == "nb":
        word = {"in": "i", "from": "fra", "to": "til"}[prep]
        if not role:
            return "på siden" if prep == "in" else f"{word} siden"
        place = _NB_PLACE.get(role, ROLE_NAMES.get(role, (role, role, False))[1])
    else:
        word = prep
        if not role:
            return "on the page" if prep == "in" else f"{word} the page"
        place = "the " + ("section" if role == "heading" else ROLE_NAMES.get(role, (role,))[0])
    return f"{word} {place} {_quote(name, lang)}" if name else f"{word} {place}"


_SENTENCES = {  # variant: (English, bokmål)
    "added": ("new {noun} {name} {here}", "{new} {noun} {name} {here}"),
    "opened": ("new {noun} {name} opened {there}", "{new} {noun} {name} åpnes {there}"),
    "removed": ("{noun} {name} removed {there}", "{noun} {name} fjernet {there}"),
    "moved": ("{noun} {name} moved {before} {after}", "{noun} {name} flyttet {before} {after}"),
    "gained": (
        "{noun} without a name got the name {name} {here}",
        "{noun} uten navn fikk navnet {name} {here}",
    ),
    "lost": ("{noun} {old} lost its name {here}", "{noun} {old} mistet navnet {here}"),
    "renamed": (
        "{noun} {old} renamed to {name} {here}",
        "{noun} {old} endret navn til {name} {here}",
    ),
    "nameless": ("without a name", "uten navn"),
}


@dataclass(frozen=True)
class UiChange:
    """One user-visible difference of a page state between two releases."""

    kind: ChangeKind
    role: str
    name: str
    old_name: str | None
    where: str
    page_state: str
    old_where: str | None = None
    opened: bool = False
    """An ``added`` dialog or menu the state explorer opened: ``where`` is its trigger's place
    ("New dialog 'Share list' opened from the header"; leganto_qa.compare.explored_changes)."""

    def sentence(self, lang: str = "en") -> str:
        """The change as one short sentence in English (``en``) or bokmål (``nb``)."""
        lang = "nb" if lang == "nb" else "en"
        en_noun, nb_noun, neuter = ROLE_NAMES.get(self.role, (self.role, self.role, False))
        variant: str = self.kind
        if self.kind == "renamed":
            variant = "gained" if not self.old_name else "lost" if not self.name else "renamed"
        if self.kind == "added" and self.opened:
            variant = "opened"
        nb = int(lang == "nb")
        text = _SENTENCES[variant][nb].format(
            noun=nb_noun if nb else en_noun,
            new="nytt" if neuter else "ny",
            name=_quote(self.name, lang) if self.name else _SENTENCES["nameless"][nb],
            old=_quote(self.old_name or "", lang),
            here=_place(self.where, lang, "in"),
            there=_place(self.where, lang, "from"),
            before=_place(self.old_where or "", lang, "from"),
            after=_place(self.where, lang, "to"),
        )
        return text[:1].upper() + text[1:]


def diff_snapshots(
    old: str, new: str, page_state: str, volatile: Iterable[str] = ()
) -> list[UiChange]:
    """The UI changes from snapshot ``old`` to ``new``: added, removed, renamed, then moved."""
    masks = tuple(volatile)
    found: list[tuple[int, int, UiChange]] = []
    gone: list[tuple[_Item, bool]] = []
    came: list[tuple[_Item, bool]] = []

    def cover(item: _Item, into: list[tuple[_Item, bool]], place: str) -> None:
        for member in _members(item.node, place, masks):
            into.append((member, True))
            if member.role in CONTAINERS:
                cover(member, into, _notation(member.role, member.name))

    def compare(old_box: Node, new_box: Node, old_place: str, new_place: str) -> None:
        olds = _members(old_box, old_place, masks)
        news = _members(new_box, new_place, masks)
        pairs = _match(olds, news)
        for a, b in sorted(pairs, key=lambda pair: pair[1].node.index):
            if a.key != b.key:
                change = UiChange("renamed", b.role, b.name, a.name, b.where, page_state)
                found.append((2, b.node.index, change))
            if b.role in CONTAINERS:
                compare(a.node, b.node, _notation(a.role, a.name), _notation(b.role, b.name))
        matched = {id(x) for pair in pairs for x in pair}
        for items, into in ((olds, gone), (news, came)):
            for item in items:
                if id(item) not in matched:
                    into.append((item, False))
                    if item.role in CONTAINERS:
                        cover(item, into, _notation(item.role, item.name))

    compare(parse_snapshot(old), parse_snapshot(new), "", "")
    for a, a_covered in list(gone):
        for b, b_covered in came:
            if a.key == b.key and not (a_covered and b_covered):
                gone.remove((a, a_covered))
                came.remove((b, b_covered))
                if a.where != b.where:
                    change = UiChange("moved", b.role, b.name, None, b.where, page_state, a.where)
                    found.append((3, b.node.index, change))
                break
    ends: list[tuple[ChangeKind, list[tuple[_Item, bool]]]] = [("added", came), ("removed", gone)]
    for rank, (kind, items) in enumerate(ends):
        for item, covered in items:
            if not covered:
                change = UiChange(kind, item.role, item.name, None, item.where, page_state)
                found.append((rank, item.node.index, change))
    return [change for _, _, change in sorted(found, key=lambda f: (f[0], f[1]))]
