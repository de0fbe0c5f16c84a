"""The text a user perceives in one page state and locale, keyed so it can be followed.

One ``page.evaluate`` collects visible text, accessible names (``aria-label``, ``title``,
``alt``, ``placeholder``), dialog titles and status messages. Every string gets a key made of
the nearest element with a stable id, the tag path below it and where the text comes from
(``#share-list-button|aria-label``); generated ids and list/citation ids are normalised like
finding selectors, and repeated keys get ``@2``, ``@3`` in document order. The same key in two
locales (or two releases) is the same string in the same place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from leganto_qa.model.findings import normalise_selector
from leganto_qa.model.state_key import StateKey

if TYPE_CHECKING:  # records and reports read inventories without Playwright
    from playwright.sync_api import Page

COLLECT_JS = r"""(contentSelectors) => {
  const GENERATED = /(^|-)(\d{4,}|ng-\d|mat-[\w-]*\d|cdk-[\w-]*\d|mdc-[\w-]*\d)|^_ng/;
  const SKIP = 'script, style, noscript, template, mat-icon, .notranslate, [translate=no], ' +
               '.material-icons, .material-symbols-outlined';
  const ROLE_TAGS = {A: 'link', BUTTON: 'button', H1: 'heading', H2: 'heading', H3: 'heading',
    H4: 'heading', H5: 'heading', H6: 'heading', IMG: 'img', INPUT: 'textbox', LABEL: 'label',
    LEGEND: 'legend', DT: 'term', DD: 'definition', TEXTAREA: 'textbox', SELECT: 'combobox',
    OPTION: 'option', NAV: 'navigation', P: 'paragraph', LI: 'listitem', TH: 'columnheader'};
  const OWNER_ROLES = new Set(['link', 'button', 'heading', 'menuitem', 'label', 'legend', 'term',
    'definition', 'option', 'tab', 'dialog', 'status', 'alert', 'tooltip', 'checkbox', 'radio',
    'img', 'textbox', 'combobox', 'columnheader']);
  const roleOf = (el) => el.getAttribute('role') || ROLE_TAGS[el.tagName] || '';
  const stableId = (el) => el.id && !GENERATED.test(el.id);
  const anchorPath = (el) => {
    const tags = [];  // tag names from just below the anchor down to el
    const joined = () => (tags.length ? '>' + tags.join('>') : '');
    for (let node = el; node && node.nodeType === 1 && node !== document.body;
         node = node.parentElement) {
      if (stableId(node)) return '#' + node.id + joined();
      tags.unshift(node.tagName.toLowerCase());
    }
    return 'body' + joined();
  };
  const owner = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      if (OWNER_ROLES.has(roleOf(node))) return node;
    }
    return el;
  };
  const skipped = (el) => !!el.closest(SKIP);
  const rendered = (el) => el.checkVisibility({visibilityProperty: true});
  const test = (fn) => { try { return fn(); } catch (e) { return false; } };
  const content = (el) => contentSelectors.inside.some((s) => test(() => !!el.closest(s))) ||
    contentSelectors.exact.some((s) => test(() => el.matches(s)));
  const boxOf = (el) => {
    const r = el.getBoundingClientRect();
    return (r.width > 0 && r.height > 0) ? [r.x, r.y, r.width, r.height] : null;
  };
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const kindOf = (el, source) => {
    if (el.closest('[aria-live], [role=status], [role=alert]')) return 'status';
    const dialog = el.closest('[role=dialog], [role=alertdialog]');
    if (dialog && source === 'text' && /^H[1-6]$/.test(owner(el).tagName)) return 'dialog-title';
    return source;
  };
  const entry = (el, source, text) => {
    const own = owner(el);
    const langEl = el.closest('[lang]');
    return {
      path: anchorPath(el), source, text, kind: kindOf(el, source), role: roleOf(own) || 'text',
      element: anchorPath(own), lang: langEl ? langEl.getAttribute('lang') : '',
      box: boxOf(source === 'text' ? el : own) || boxOf(own), content: content(el),
    };
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || skipped(el) || !rendered(el)) continue;
    seen.add(el);
    const text = clean(Array.from(el.childNodes).filter((n) => n.nodeType === 3)
      .map((n) => n.textContent).join(' '));
    if (text) out.push(entry(el, 'text', text));
  }
  const ATTRS = ['aria-label', 'title', 'alt', 'placeholder', 'aria-placeholder'];
  const selector = ATTRS.map((a) => '[' + a + ']').join(',');
  for (const el of document.body.querySelectorAll(selector)) {
    if (el.closest('script, style, template') || !rendered(el)) continue;
    for (const attr of ATTRS) {
      const text = clean(el.getAttribute(attr));
      if (text) out.push(entry(el, attr, text));
    }
  }
  const buttons = 'input[type=submit], input[type=button], input[type=reset]';
  for (const el of document.body.querySelectorAll(buttons)) {
    const text = clean(el.value);
    if (text && !el.closest('template') && rendered(el)) out.push(entry(el, 'value', text));
  }
  return {lang: document.documentElement.getAttribute('lang') || '', entries: out};
}"""


@dataclass(frozen=True)
class TextEntry:
    """One string a user perceives: where it is, what it says, in which ``lang`` it is marked."""

    key: str
    """Stable element path plus the text's source, e.g. ``#share-list-button|aria-label``."""
    source: str
    """``text`` or the attribute it comes from (aria-label, title, alt, placeholder, value)."""
    kind: str
    """``text``, an attribute name, ``dialog-title`` or ``status`` (a live region)."""
    text: str
    role: str
    """The ARIA role of the element that owns the text (button, link, heading, … or text)."""
    element: str
    """The owning element's stable path, e.g. ``#share-list-button``."""
    lang: str = ""
    """The nearest ``lang`` attribute on the element or its ancestors."""
    content: bool = False
    """Inside a content element of the allowlist (library data, not UI text)."""
    box: tuple[float, float, float, float] | None = None

    @property
    def name(self) -> str:
        """A short human name: the role and the element path."""
        return f"{self.role} {self.element}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["box"] = list(self.box) if self.box is not None else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TextEntry:
        box = data.get("box")
        fields = {k: v for k, v in data.items() if k != "box"}
        return cls(**fields, box=(box[0], box[1], box[2], box[3]) if box else None)


@dataclass(frozen=True)
class TextInventory:
    """What one page state showed in one locale."""

    page_state: str
    role: str
    locale: str
    url: str
    html_lang: str
    entries: tuple[TextEntry, ...]
    screenshot: str | None = None
    """Run-relative path of the screenshot the entries' boxes refer to (when one was kept)."""

    @property
    def key(self) -> StateKey:
        """This inventory's page state, role and locale."""
        return StateKey(self.page_state, self.role, self.locale)

    def by_key(self) -> dict[str, TextEntry]:
        return {e.key: e for e in self.entries}

    def to_dict(self) -> dict[str, Any]:
        return {
            "page_state": self.page_state,
            "role": self.role,
            "locale": self.locale,
            "url": self.url,
            "html_lang": self.html_lang,
            "screenshot": self.screenshot,
            "entries": [e.to_dict() for e in self.entries],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TextInventory:
        return cls(
            page_state=str(data["page_state"]),
            role=str(data["role"]),
            locale=str(data["locale"]),
            url=str(data["url"]),
            html_lang=str(data.get("html_lang", "")),
            entries=tuple(TextEntry.from_dict(e) for e in data["entries"]),
            screenshot=data.get("screenshot"),
        )


def normalise_path(path: str) -> str:
    """An element path without list/citation ids and generated numbers (like selectors)."""
    return normalise_selector(path)


def entries_from_raw(raw: Sequence[Mapping[str, Any]]) -> tuple[TextEntry, ...]:
    """Keys for the collected strings: normalised path + source, ``@n`` for repeats."""
    counts: dict[str, int] = {}
    entries = []
    for item in raw:
        base = f"{normalise_path(str(item['path']))}|{item['source']}"
        counts[base] = counts.get(base, 0) + 1
        key = base if counts[base] == 1 else f"{base}@{counts[base]}"
        box = item.get("box")
        entries.append(
            TextEntry(
                key=key,
                source=str(item["source"]),
                kind=str(item["kind"]),
                text=str(item["text"]),
                role=str(item["role"]),
                element=normalise_path(str(item["element"])),
                lang=str(item.get("lang") or ""),
                content=bool(item.get("content")),
                box=_box(box),
            )
        )
    return tuple(entries)


def _box(value: Any) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    x, y, width, height = (round(float(v), 1) for v in value)
    return (x, y, width, height)


def collect(
    page: Page,
    page_state: str,
    role: str,
    locale: str,
    url: str,
    content_selectors: Mapping[str, Sequence[str]] | None = None,
) -> TextInventory:
    """The page's text inventory, in one round trip to the browser."""
    selectors = {k: list(v) for k, v in (content_selectors or {}).items()}
    raw = page.evaluate(COLLECT_JS, {"inside": [], "exact": [], **selectors})
    return TextInventory(
        page_state=page_state,
        role=role,
        locale=locale,
        url=url,
        html_lang=str(raw.get("lang", "")),
        entries=entries_from_raw(raw["entries"]),
    )
