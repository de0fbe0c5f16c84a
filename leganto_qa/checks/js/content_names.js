// Content rules on titles, ids and names (window.__lqaContent.parts.names): page-title (2.4.2,
// F25), duplicate-id-ref (4.1.2 and 1.3.1, F77/F62), visible-label (3.3.2, F82) and
// label-in-name (2.5.3, F96).
() => {
  const C0 = window.__lqaContent;
  if (!C0) return 'lqa:no-content';
  const PLACEHOLDER_TITLES = new Set(['untitled', 'untitled document', 'untitled page',
    'new page', 'new document', 'page title', 'title', 'document', 'page', 'ny side',
    'nytt dokument', 'uten tittel', 'utan tittel', 'tittel', 'sidetittel', 'dokument']);
  const FILE_TITLE = /^[\w.-]+\.(html?|php|aspx?|jsp|cfm)$/i;
  const REFS = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'headers',
    'aria-activedescendant', 'aria-errormessage', 'aria-details', 'aria-flowto'];
  const TEXT_ENTRY = 'input:not([type]), input[type=text], input[type=search], input[type=tel],' +
    'input[type=url], input[type=email], input[type=password], input[type=number],' +
    'input[type=date], input[type=time], input[type=datetime-local], input[type=month],' +
    'input[type=week], select, textarea';
  const NAMED_ROLES = new Set(['button', 'link', 'menuitem', 'menuitemcheckbox',
    'menuitemradio', 'tab', 'checkbox', 'radio', 'switch', 'option', 'treeitem']);

  function pageTitle(arg, C) {
    if (arg.scope || window !== window.top) return [];
    const el = document.querySelector('title') || document.documentElement;
    const title = C.squash(document.title);
    const t = C.norm(title);
    if (!t) return [{rule: 'page-title', el, detail: {why: 'empty', title}}];
    if (PLACEHOLDER_TITLES.has(t) || FILE_TITLE.test(title))
      return [{rule: 'page-title', el, detail: {why: 'placeholder', title}}];
    return [];
  }

  // Each id two or more elements share that a label or an ARIA/headers attribute points to.
  function duplicateIds(L, root) {
    const byId = new Map();
    for (const el of document.querySelectorAll('[id]')) {
      if (!el.id) continue;
      if (!byId.has(el.id)) byId.set(el.id, []);
      byId.get(el.id).push(el);
    }
    const out = [];
    for (const [id, els] of byId) {
      if (els.length < 2 || !els.some(e => L.contains(root, e))) continue;
      const esc = CSS.escape(id);
      const refs = [];
      for (const l of document.querySelectorAll(`label[for="${esc}"]`)) refs.push(['for', l]);
      for (const attr of REFS) {
        for (const r of document.querySelectorAll(`[${attr}~="${esc}"]`)) refs.push([attr, r]);
      }
      if (!refs.length) continue;
      out.push({rule: 'duplicate-id-ref', el: els[0], others: els.slice(1),
        detail: {id, count: els.length, attr: refs[0][0], refs: refs.length}});
    }
    return out;
  }

  // Visible words (two letters or more) in the text just before a field, back to the previous
  // control, within the field's block (paragraph, cell; with a cell, the cell before it too).
  function textBefore(L, C, field) {
    const block = C.contextBlock(field) || document.body;
    const prev = block.localName === 'td' ? block.previousElementSibling : null;
    let text = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL);
    walker.currentNode = field;
    for (let n = walker.previousNode(); n && text.length < 200; n = walker.previousNode()) {
      if (n.nodeType === 1) {
        if (n.matches(L.NATIVE) && !n.contains(field)) break;
        continue;
      }
      if (!block.contains(n) && !(prev && prev.contains(n))) break;
      if (n.nodeType !== 3 || !n.parentElement || !L.visible(n.parentElement)) continue;
      if (n.parentElement.closest('script, style, template')) continue;
      text = n.textContent + ' ' + text;
    }
    return /\p{L}{2,}/u.test(text);
  }
  const shownText = (L, C, els) => els.some(e => L.visible(e) && /\p{L}{2,}/u.test(
    C.subtreeText(e, false)));
  // A column header (th) above the field's cell names the field visually.
  function columnHeaded(C, field) {
    const cell = field.closest('td');
    return !!cell && /\p{L}{2,}/u.test(C.headerText(cell));
  }
  // G167: a named button right after the only field of its block (a search field and its
  // Search button) says what the field is for.
  function buttonAfter(L, C, field) {
    const block = C.contextBlock(field) || field.parentElement;
    const controls = Array.from(block.querySelectorAll(L.NATIVE + ',[role=button]'))
      .filter(c => L.visible(c));
    if (controls.filter(c => c.matches(TEXT_ENTRY)).length > 1) return false;
    const next = controls[controls.indexOf(field) + 1];
    return !!next && next.matches('button, input[type=submit], input[type=image],' +
      'input[type=button], [role=button]') && !!C.accName(next);
  }
  function visibleLabels(L, C, all) {
    const out = [];
    for (const el of all) {
      if (!el.matches(TEXT_ENTRY) || el.disabled || !L.visible(el)) continue;
      if (shownText(L, C, C.labelsOf(el)) || shownText(L, C, C.byIds(el, 'aria-labelledby')))
        continue;
      const source = ['aria-label', 'title', 'placeholder'].find(a =>
        C.squash(el.getAttribute(a)));
      if (!source || textBefore(L, C, el) || columnHeaded(C, el) || buttonAfter(L, C, el))
        continue;
      out.push({rule: 'visible-label', el, detail: {source,
        name: C.squash(el.getAttribute(source)).slice(0, 60)}});
    }
    return out;
  }

  const plain = (s) => (s || '').toLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ').trim();
  // Visually hidden text for screen readers only (clipped to a pixel or less).
  const srOnly = (el) => {
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    return r.width <= 1 || r.height <= 1 || (cs.clip !== 'auto' && cs.position === 'absolute') ||
      /inset\(50%\)/.test(cs.clipPath);
  };
  // The text a sighted user reads on a control: its shown text (value for input buttons).
  function shownLabel(L, C, el) {
    if (el.localName === 'input') return ['button', 'submit', 'reset'].includes(el.type)
      ? el.value : '';
    let out = '';
    const walk = (node) => {
      for (const n of node.childNodes) {
        if (n.nodeType === 3) out += n.textContent;
        else if (n.nodeType === 1 && !C.hiddenSelf(n) && L.visible(n) && !srOnly(n) &&
          !L.isInteractive(n)) {
          const block = !['inline', 'contents'].includes(getComputedStyle(n).display);
          out += block ? ' ' : '';
          walk(n);
          out += block ? ' ' : '';
        }
      }
    };
    walk(el);
    return out;
  }
  function labelInName(L, C, all) {
    const out = [];
    for (const el of all) {
      if (!el.hasAttribute('aria-label') && !el.hasAttribute('aria-labelledby')) continue;
      const role = L.roleOf(el);
      if (!NAMED_ROLES.has(role) && !el.matches('button, a[href], input[type=button],' +
        'input[type=submit], input[type=reset]')) continue;
      if (!L.visible(el)) continue;
      const label = plain(shownLabel(L, C, el));
      if (!/\p{L}{2,}/u.test(label) || label.split(' ').length > 8) continue;
      const name = plain(C.accName(el));
      // The name holds the label, or the label is the name and more ("Obligatorisk (9)"
      // named "Obligatorisk"): speech users say the start of what they see.
      if (!name || (' ' + name + ' ').includes(' ' + label + ' ') ||
        (label + ' ').startsWith(name + ' ')) continue;
      out.push({rule: 'label-in-name', el, detail: {label: C.squash(shownLabel(L, C, el))
        .slice(0, 60), name: C.accName(el).slice(0, 80)}});
    }
    return out;
  }

  C0.parts.names = (arg, L, C, root) => {
    const all = L.deepAll(document).filter(el => L.contains(root, el));
    return [...pageTitle(arg, C), ...duplicateIds(L, root), ...visibleLabels(L, C, all),
      ...labelInName(L, C, all)];
  };
  return true;
}
