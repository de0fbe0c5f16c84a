// The checks' DOM toolkit, installed once per document as window.__lqaLib.
// Every other script of the checks starts with
//   const L = window.__lqaLib; if (!L) return 'lqa:no-lib';
// and Python installs this file and calls again when it sees 'lqa:no-lib'.
// Elements a check talks about get a number (keyOf) kept in window.__lqa, so Python can name
// them in later calls.
() => {
  if (window.__lqaLib) return true;
  if (!window.__lqa) window.__lqa = {els: [], keys: new WeakMap()};
  const W = window.__lqa;

  const INTERACTIVE_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'switch', 'tab',
    'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'slider', 'spinbutton', 'textbox',
    'combobox', 'searchbox', 'treeitem']);
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
    while (root && root.host) {
      chain.unshift(selInRoot(root.host));
      root = root.host.getRootNode();
    }
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
      if (['button', 'submit', 'reset', 'image'].includes(ty)) return 'button';
      if (ty === 'checkbox' || ty === 'radio') return ty;
      if (ty === 'range') return 'slider';
      return 'textbox';
    }
    if (t === 'dialog') return 'dialog';
    return t;
  }
  function textOf(el) {
    return (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
  }
  function nameOf(el) {
    const label = el.getAttribute('aria-label');
    if (label && label.trim()) return label.trim();
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const root = el.getRootNode();
      const t = by.split(/\s+/).map(i => root.getElementById ?
        root.getElementById(i) : document.getElementById(i))
        .filter(Boolean).map(textOf).join(' ');
      if (t) return t;
    }
    if (el.labels && el.labels.length) return textOf(el.labels[0]);
    const t = textOf(el);
    if (t) return t;
    return el.getAttribute('title') || el.getAttribute('alt') ||
      el.getAttribute('placeholder') || '';
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
    const focused = document.activeElement;
    const menu = focused && focused.closest && focused.closest('[role=menu],[role=listbox]');
    if (menu && visible(menu) && !menu.closest('[role=menubar]')) return {el: menu, kind: 'menu'};
    return null;
  }
  function scopeRoot(scopeSel) {
    if (!scopeSel) return document.body;
    try {
      return document.querySelector(scopeSel) || document.body;
    } catch {
      return document.body;
    }
  }

  // --- element numbers and focus (the Tab walk and the checks that follow it) ---
  function keyOf(el) {
    let k = W.keys.get(el);
    if (k === undefined) {
      k = W.els.length;
      W.els.push(el);
      W.keys.set(el, k);
    }
    return k;
  }
  const PROPS = ['box-shadow',
    'border-top-color', 'border-bottom-color', 'border-left-color', 'border-right-color',
    'border-top-width', 'border-bottom-width', 'background-color', 'background-image', 'color',
    'text-decoration-line', 'text-decoration-color', 'transform', 'opacity', 'filter'];
  // What an element looks like (its own style, its pseudo-elements', two ancestors').
  function sig(el) {
    const out = [];
    let e = el;
    for (let d = 0; d < 3 && e && e.nodeType === 1; d++) {
      for (const pseudo of (d === 0 ? [null, '::before', '::after'] : [null])) {
        const cs = getComputedStyle(e, pseudo);
        const outline = cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0 ? 'none' :
          [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.outlineOffset].join(' ');
        out.push(outline + '|' + PROPS.map(p => cs.getPropertyValue(p)).join('|'));
      }
      e = parentOf(e);
    }
    return out.join('#');
  }
  // Whether something else (a fixed or sticky layer) covers the element entirely.
  function cover(el) {
    const r = el.getBoundingClientRect();
    const vw = innerWidth, vh = innerHeight;
    if (r.bottom <= 0 || r.top >= vh || r.right <= 0 || r.left >= vw) return {off: true};
    let by = null;
    for (const [fx, fy] of [[.5, .5], [.15, .2], [.85, .2], [.15, .8], [.85, .8]]) {
      const x = Math.min(vw - 1, Math.max(0, r.left + r.width * fx));
      const y = Math.min(vh - 1, Math.max(0, r.top + r.height * fy));
      let hit = document.elementFromPoint(x, y);
      while (hit && hit.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      if (!hit || contains(el, hit) || contains(hit, el)) return null;
      by = by || hit;
    }
    let c = by;
    for (; c; c = parentOf(c)) {
      const p = getComputedStyle(c).position;
      if (p === 'fixed' || p === 'sticky') break;
    }
    return {by: info(c || by)};
  }
  function active() {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a;
  }

  window.__lqaLib = Object.freeze({
    W, INTERACTIVE_ROLES, COMPOSITES, NATIVE, deepAll, parentOf, contains, sel, roleOf, textOf,
    nameOf, describe, startTag, boxOf, info, visible, isInteractive, openPopup, scopeRoot, keyOf,
    sig, cover, active,
  });
  return true;
}
