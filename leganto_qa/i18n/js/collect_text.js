// The text a user perceives in this document: visible text, accessible names (aria-label,
// title, alt, placeholder), button values; each with its stable element path, owner role,
// lang and box. arg: {inside: [...], exact: [...]} selectors of library content (not UI text).
(contentSelectors) => {
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
  const test = (fn) => { try { return fn(); } catch { return false; } };
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
}
