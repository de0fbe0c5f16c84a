"""What every browser check shares: the page it runs on, what it reports, and a DOM toolkit.

A check looks at one confirmed page state and returns :class:`Problem` objects; the runner turns
them into findings (source ``check:<rule>``) and stores each problem's outlined screenshot.
JavaScript helpers live in :data:`LIB` and are prepended to each check's page script.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Frame, Page

from leganto_qa.model.element_crops import Box, crop_with_outline, outline_boxes
from leganto_qa.model.findings import Element, StateContext

Spot = Element
"""An element a problem points at, as measured in the page: a finding's element."""


@dataclass(frozen=True)
class Problem:
    """One barrier a check saw: rule, a sentence a tester can paste, the elements, a picture."""

    rule: str
    sentence: str
    spots: tuple[Spot, ...]
    shot: bytes | None = None
    """An outlined screenshot (PNG) that shows the problem."""


@dataclass(frozen=True)
class Scope:
    """An open popup (modal dialog or menu) the page state is about; checks stay inside it."""

    selector: str
    kind: str
    """``dialog`` (modal), ``nonmodal-dialog`` or ``menu``."""
    focus_inside: bool = True
    """Whether keyboard focus was inside the popup when the checks began."""


@dataclass
class CheckContext:
    """What a check gets: the page (state confirmed), where it is, and shared scratch space."""

    page: Page
    where: StateContext
    scope: Scope | None = None
    cache: dict[str, Any] = field(default_factory=dict)
    max_shots: int = 6
    shots_taken: int = 0
    navigated: bool = False
    """Set when a check made the page leave the state (later interactive checks skip)."""

    @property
    def viewport(self) -> tuple[int, int]:
        size = self.page.viewport_size or {"width": 1280, "height": 800}
        return size["width"], size["height"]

    def frames(self) -> list[Frame]:
        """The page's frames, top first, that still show a document."""
        return [f for f in self.page.frames if not f.is_detached()]

    def shot(self, spots: tuple[Spot, ...]) -> bytes | None:
        """An outlined screenshot of the page as it is now (None when over the budget)."""
        boxes = [Box.from_list(s.box) for s in spots if s.box is not None]
        if not boxes or self.shots_taken >= self.max_shots:
            return None
        self.shots_taken += 1
        png = self.page.screenshot(animations="disabled")
        width = self.viewport[0]
        if len(boxes) == 1:
            return crop_with_outline(png, boxes[0], width, margin=48) or outline_boxes(
                png, boxes, width
            )
        return outline_boxes(png, boxes, width)


@dataclass(frozen=True)
class Check:
    """A selectable check: its name (for ``--checks``), the rules it reports, how to run it."""

    name: str
    rules: tuple[str, ...]
    run: Callable[[CheckContext], list[Problem]]
    summary: str


LIB = r"""
const INTERACTIVE_ROLES = new Set(['button','link','checkbox','radio','switch','tab','menuitem',
  'menuitemcheckbox','menuitemradio','option','slider','spinbutton','textbox','combobox',
  'searchbox','treeitem']);
const COMPOSITES = '[role=menu],[role=menubar],[role=listbox],[role=tablist],[role=tree],' +
  '[role=grid],[role=treegrid],[role=radiogroup],[role=toolbar]';
const NATIVE = 'a[href],area[href],button,input:not([type=hidden]),select,textarea,summary,' +
  'iframe,[contenteditable=""],[contenteditable=true],audio[controls],video[controls]';
function deepAll(root) {
  const out = [];
  const walk = (node) => {
    for (const el of node.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return out;
}
function parentOf(el) {
  return el.parentElement || (el.getRootNode && el.getRootNode().host) || null;
}
function contains(outer, el) {
  for (let e = el; e; e = parentOf(e)) if (e === outer) return true;
  return false;
}
function cssId(id) { return '#' + CSS.escape(id); }
function selPart(el) {
  const root = el.getRootNode();
  if (el.id && root.querySelectorAll(cssId(el.id)).length === 1) return cssId(el.id);
  const tag = el.localName;
  const cls = Array.from(el.classList).filter(c => !/\d{3,}/.test(c)).slice(0, 2)
    .map(c => '.' + CSS.escape(c)).join('');
  const parent = el.parentElement;
  let part = tag + cls;
  if (parent) {
    const same = Array.from(parent.children).filter(c => c.localName === tag);
    if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(el) + 1) + ')';
  }
  return part;
}
function selInRoot(el) {
  const parts = [];
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const p = selPart(e);
    parts.unshift(p);
    if (p.startsWith('#') || e.localName === 'body') break;
    if (parts.length >= 5) break;
  }
  return parts.join(' > ');
}
function sel(el) {
  const chain = [selInRoot(el)];
  let root = el.getRootNode();
  while (root && root.host) { chain.unshift(selInRoot(root.host)); root = root.host.getRootNode(); }
  return chain.join(' >>> ');
}
function roleOf(el) {
  const r = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
  if (r) return r;
  const t = el.localName;
  if (t === 'a' && el.hasAttribute('href')) return 'link';
  if (t === 'button' || t === 'summary') return 'button';
  if (t === 'select') return 'combobox';
  if (t === 'textarea') return 'textbox';
  if (t === 'input') {
    const ty = (el.getAttribute('type') || 'text').toLowerCase();
    if (['button','submit','reset','image'].includes(ty)) return 'button';
    if (ty === 'checkbox' || ty === 'radio') return ty;
    if (ty === 'range') return 'slider';
    return 'textbox';
  }
  if (t === 'dialog') return 'dialog';
  return t;
}
function textOf(el) { return (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim(); }
function nameOf(el) {
  const label = el.getAttribute('aria-label');
  if (label && label.trim()) return label.trim();
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    const t = by.split(/\s+/).map(i => el.getRootNode().getElementById ?
      el.getRootNode().getElementById(i) : document.getElementById(i))
      .filter(Boolean).map(textOf).join(' ');
    if (t) return t;
  }
  if (el.labels && el.labels.length) return textOf(el.labels[0]);
  const t = textOf(el);
  if (t) return t;
  return el.getAttribute('title') || el.getAttribute('alt') || el.getAttribute('placeholder') || '';
}
function describe(el) {
  const name = nameOf(el).slice(0, 60);
  return roleOf(el) + (name ? ' "' + name + '"' : '');
}
function startTag(el) {
  const html = el.outerHTML || '';
  const end = html.indexOf('>');
  return end > 0 ? html.slice(0, end + 1) : html.slice(0, 200);
}
function boxOf(el) {
  const r = el.getBoundingClientRect();
  return [Math.round(r.x * 10) / 10, Math.round(r.y * 10) / 10,
          Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10];
}
function info(el) {
  return {selector: sel(el), html: startTag(el), summary: describe(el), box: boxOf(el)};
}
function visible(el) {
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}))
    return false;
  return !el.closest('[inert],[aria-hidden=true]');
}
function isInteractive(el) {
  if (el.matches(NATIVE)) return !el.disabled;
  return INTERACTIVE_ROLES.has(roleOf(el)) && el.getAttribute('aria-disabled') !== 'true';
}
function openPopup() {
  const dialogs = deepAll(document).filter(e =>
    (e.matches('[role=dialog],[role=alertdialog]') || (e.localName === 'dialog' && e.open))
    && visible(e));
  if (dialogs.length) {
    const d = dialogs[dialogs.length - 1];
    const modal = d.getAttribute('aria-modal') === 'true' ||
      (d.localName === 'dialog' && d.matches(':modal'));
    return {el: d, kind: modal ? 'dialog' : 'nonmodal-dialog'};
  }
  const active = document.activeElement;
  const menu = active && active.closest && active.closest('[role=menu],[role=listbox]');
  if (menu && visible(menu) && !menu.closest('[role=menubar]')) return {el: menu, kind: 'menu'};
  return null;
}
function scopeRoot(scopeSel) {
  if (!scopeSel) return document.body;
  try { return document.querySelector(scopeSel) || document.body; }
  catch (e) { return document.body; }
}
"""


def script(body: str) -> str:
    """A page function ``(arg) => {...}`` with :data:`LIB` in scope."""
    return "(arg) => {" + LIB + body + "}"


def frame_path(frame: Frame) -> tuple[str, ...]:
    """Selectors of the frame elements from the top document down to ``frame``."""
    path: list[str] = []
    current = frame
    while current.parent_frame is not None:
        element = current.frame_element()
        path.insert(0, str(element.evaluate(script("return sel(arg);"))))
        current = current.parent_frame
    return tuple(path)


def frame_offset(frame: Frame) -> tuple[float, float]:
    """Where ``frame``'s viewport starts in the top page's viewport (CSS px)."""
    if frame.parent_frame is None:
        return 0.0, 0.0
    box = frame.frame_element().bounding_box()
    return (box["x"], box["y"]) if box else (0.0, 0.0)


def spot(
    data: dict[str, Any], path: tuple[str, ...] = (), offset: tuple[float, float] = (0, 0)
) -> Spot:
    """A :class:`Spot` from LIB's ``info(el)`` (box moved by the frame's offset)."""
    box = data.get("box")
    moved = (
        (
            round(box[0] + offset[0], 1),
            round(box[1] + offset[1], 1),
            box[2],
            box[3],
        )
        if box
        else None
    )
    return Spot(
        frame_path=path,
        selector=str(data.get("selector", "")),
        html=str(data.get("html", "")),
        summary=str(data.get("summary", "")),
        box=moved,
    )


def find_scope(page: Page) -> Scope | None:
    """The popup open in the page state (a dialog, or a menu holding focus), if any."""
    found = page.evaluate(
        script(
            "const p = openPopup(); if (!p) return null; let a = document.activeElement;"
            "while (a && a.shadowRoot && a.shadowRoot.activeElement) "
            "a = a.shadowRoot.activeElement;"
            "return [sel(p.el), p.kind, !!a && contains(p.el, a)];"
        ),
        None,
    )
    return Scope(selector=found[0], kind=found[1], focus_inside=found[2]) if found else None
