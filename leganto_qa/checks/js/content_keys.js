// Content rules on keys and focus stops (window.__lqaContent.parts.keys):
// accesskey-clash (2.1.1) and tabindex-noninteractive (2.4.3). Candidates of the latter are
// kept in window.__lqa.tabCands (with their rule entry's index) so Python can ask the browser
// over CDP whether a script listens to them; entries with a listener are dropped there.
() => {
  const C0 = window.__lqaContent;
  if (!C0) return 'lqa:no-content';
  // Keys Chromium-based browsers (Chrome, Edge) keep for themselves with the accesskey modifier
  // (Alt on Windows and Linux): Alt+D address bar, Alt+E and Alt+F the browser menu.
  const RESERVED = {d: 'the address bar', e: 'the browser menu', f: 'the browser menu'};
  const CONTAINER_ROLES = new Set(['tabpanel', 'dialog', 'alertdialog', 'region', 'application',
    'document', 'article', 'feed', 'grid', 'treegrid', 'listbox', 'menu', 'menubar', 'tree',
    'tablist', 'toolbar', 'radiogroup', 'log', 'status', 'tooltip', 'scrollbar', 'separator',
    'row', 'gridcell', 'main', 'navigation', 'complementary', 'banner', 'contentinfo', 'form',
    'search', 'math', 'img', 'figure', 'table', 'note']);
  const ON_ATTRS = ['onclick', 'onkeydown', 'onkeyup', 'onkeypress', 'onmousedown',
    'onpointerdown', 'onfocus', 'onblur', 'onmouseup'];

  function accesskeys(L, C, all, out) {
    const byKey = new Map();
    for (const el of all) {
      const raw = (el.getAttribute('accesskey') || '').trim().toLowerCase();
      if (!raw || el.disabled) continue;
      const key = raw.split(/\s+/)[0];
      if ([...key].length !== 1) continue;
      if (!byKey.has(key)) byKey.set(key, []);
      byKey.get(key).push(el);
    }
    for (const [key, els] of byKey) {
      const targets = new Set(els.map(e => e.localName === 'label' && e.control ? e.control : e));
      if (targets.size > 1) {
        out.push({rule: 'accesskey-clash', el: els[0], others: els.slice(1),
          detail: {why: 'duplicate', key, count: els.length}});
      } else if (RESERVED[key]) {
        out.push({rule: 'accesskey-clash', el: els[0],
          detail: {why: 'reserved', key, what: RESERVED[key]}});
      }
    }
  }

  const scrolls = (el) => {
    const cs = getComputedStyle(el);
    return (/(auto|scroll)/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
      (/(auto|scroll)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1);
  };
  function tabStops(L, C, all, out) {
    L.W.tabCands = [];
    for (const el of all) {
      if (!el.hasAttribute('tabindex') || el.tabIndex < 0) continue;
      if (el.matches(L.NATIVE) || L.isInteractive(el) || !L.visible(el)) continue;
      if (['html', 'body', 'video', 'audio', 'object', 'embed', 'canvas', 'svg']
        .includes(el.localName)) continue;
      const role = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
      if (CONTAINER_ROLES.has(role) || el.closest(L.COMPOSITES)) continue;
      if (ON_ATTRS.some(a => el.hasAttribute(a)) || el.onclick || el.onkeydown) continue;
      if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') ||
        el.getAttribute('title') || el.getAttribute('aria-describedby')) continue;
      if (el.isContentEditable || scrolls(el)) continue;
      if (getComputedStyle(el).cursor === 'pointer') continue;
      if (L.deepAll(el).some(d => L.isInteractive(d))) continue;
      L.W.tabCands.push(el);
      out.push({rule: 'tabindex-noninteractive', el, detail: {
        tabindex: el.getAttribute('tabindex'), candidate: L.W.tabCands.length - 1,
        text: C.squash(el.textContent).slice(0, 60)}});
    }
  }

  C0.parts.keys = (arg, L, C, root) => {
    const all = L.deepAll(document).filter(el => L.contains(root, el));
    const out = [];
    accesskeys(L, C, all, out);
    tabStops(L, C, all, out);
    return out;
  };
  return true;
}
