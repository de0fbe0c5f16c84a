// The content rules' toolkit, installed once per document as window.__lqaContent (after lib.js):
// accessible names as a screen reader computes them (enough of the algorithm for links, fields
// and groups), the programmatic context WCAG 2.4.4 allows, and the rule parts' registry
// (parts: content_links.js, content_tables.js, content_forms.js, content_media.js,
// content_keys.js; content_run.js calls them all in one evaluate).
() => {
  if (window.__lqaContent) return true;
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {parentOf} = L;

  const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
  // Lower case, no punctuation or arrows at the ends: "Les mer »" -> "les mer".
  const norm = (s) => squash(s).toLowerCase()
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '').replace(/\s+/g, ' ');
  const byIds = (el, attr) => {
    const ids = (el.getAttribute(attr) || '').split(/\s+/).filter(Boolean);
    const root = el.getRootNode();
    return ids.map(i => (root.getElementById ? root.getElementById(i) : null) ||
      document.getElementById(i)).filter(Boolean);
  };
  const hiddenSelf = (el) => {
    if (el.getAttribute('aria-hidden') === 'true' || el.hidden) return true;
    const cs = getComputedStyle(el);
    return cs.display === 'none' || cs.visibility === 'hidden';
  };
  // Text of a subtree as a name: text, img alt, nested aria-label; hidden parts left out.
  // With a `mark` element, its own text is replaced by the marker \u0001.
  function subtreeText(node, deep, mark) {
    if (mark && node === mark) return ' \u0001 ';
    if (node.nodeType === 3) return node.textContent;
    if (node.nodeType !== 1) return '';
    const el = node;
    if (hiddenSelf(el)) return '';
    if (deep) {
      const label = el.getAttribute('aria-label');
      if (label && label.trim()) return ' ' + label + ' ';
    }
    if (el.localName === 'img' || (el.localName === 'input' && el.type === 'image') ||
        el.localName === 'area') return ' ' + (el.getAttribute('alt') || '') + ' ';
    if (el.localName === 'svg') {
      const t = el.querySelector('title');
      return t ? ' ' + t.textContent + ' ' : '';
    }
    if (['script', 'style', 'template', 'noscript'].includes(el.localName)) return '';
    const block = !['inline', 'contents'].includes(getComputedStyle(el).display);
    let out = '';
    for (const child of (el.shadowRoot || el).childNodes) out += subtreeText(child, true, mark);
    return block ? ' ' + out + ' ' : out;
  }
  // A field's labels (its label ancestor, label[for] of its id). Built from one index per run
  // (begin()): HTMLInputElement.labels scans the document on each first read.
  const LABELABLE = 'input, select, textarea, button, meter, output, progress';
  let byFor = null;
  function begin() {
    byFor = new Map();
    for (const l of document.querySelectorAll('label[for]')) {
      const id = l.getAttribute('for');
      if (!byFor.has(id)) byFor.set(id, []);
      byFor.get(id).push(l);
    }
  }
  function labelsOf(el) {
    if (!el.matches(LABELABLE)) return [];
    if (!byFor) begin();
    const out = [];
    const wrap = el.closest('label');
    if (wrap && !wrap.hasAttribute('for')) {
      const first = wrap.querySelector(LABELABLE);
      if (first === el) out.push(wrap);
    }
    if (el.id && document.getElementById(el.id) === el) {
      for (const l of byFor.get(el.id) || []) if (!out.includes(l)) out.push(l);
    }
    return out;
  }
  // Accessible name: aria-labelledby, aria-label, label/alt/content, title (simplified).
  function accName(el) {
    const by = byIds(el, 'aria-labelledby');
    if (by.length) {
      const t = squash(by.map(e => subtreeText(e, false)).join(' '));
      if (t) return t;
    }
    const label = squash(el.getAttribute('aria-label'));
    if (label) return label;
    const t = el.localName;
    if (['input', 'select', 'textarea'].includes(t)) {
      if (['button', 'submit', 'reset'].includes(el.type)) return squash(el.value);
      if (el.type === 'image') return squash(el.getAttribute('alt'));
      const labels = labelsOf(el);
      const named = squash(labels.map(l => subtreeText(l, false)).join(' '));
      if (named) return named;
      return squash(el.getAttribute('title') || el.getAttribute('placeholder'));
    }
    if (t === 'img' || t === 'area') {
      return squash(el.getAttribute('alt') || el.getAttribute('title'));
    }
    if (t === 'fieldset') {
      const legend = Array.from(el.children).find(c => c.localName === 'legend');
      const named = legend ? squash(subtreeText(legend, false)) : '';
      return named || squash(el.getAttribute('title'));
    }
    const role = L.roleOf(el);
    const fromContent = ['link', 'button', 'menuitem', 'tab', 'option', 'checkbox', 'radio',
      'switch', 'treeitem', 'cell', 'columnheader', 'rowheader', 'heading', 'a', 'button'];
    if (fromContent.includes(role) || /^h[1-6]$/.test(t)) {
      const own = squash(subtreeText(el, false));
      if (own) return own;
    }
    return squash(el.getAttribute('title'));
  }
  // The accessible description's sources: aria-describedby and aria-errormessage texts.
  function describedText(el) {
    return squash([...byIds(el, 'aria-describedby'), ...byIds(el, 'aria-errormessage')]
      .map(e => subtreeText(e, false)).join(' '));
  }
  // The nearest block around an element that WCAG 2.4.4 counts as its context: the sentence's
  // paragraph, list item or table cell (any block-level box holding it, to the form or body).
  function contextBlock(el) {
    for (let e = parentOf(el); e && e !== document.body; e = parentOf(e)) {
      if (e.nodeType !== 1) continue;
      if (e.matches('p, li, td, th, dd, dt, figcaption, caption, blockquote, label, legend'))
        return e;
      const d = getComputedStyle(e).display;
      if (!['inline', 'contents', 'inline-block', 'inline-flex'].includes(d)) return e;
    }
    return null;
  }
  // The context's text without the element's own text: the sentence around the element in its
  // block (paragraph, list item, cell), the cell's headers and row, aria-describedby.
  function contextText(el) {
    const block = contextBlock(el);
    let text = '';
    if (block) {
      const marked = squash(subtreeText(block, false, el));
      const sentence = marked.split(/(?<=[.!?])\s+(?=\S)/).find(s => s.includes('\u0001'));
      text = squash((sentence || '').replace('\u0001', ' '));
    }
    const cell = el.closest('td, th');
    if (cell) text += ' ' + headerText(cell) + ' ' + rowText(cell);
    return squash(text + ' ' + describedText(el));
  }
  // Text of the header cells of a table cell (same column's th, same row's th); each table's
  // column headers are read once per run (a WeakMap keeps them).
  const columnHeads = new WeakMap();
  function headerText(cell) {
    const table = cell.closest('table');
    const row = cell.parentElement;
    if (!table || !row || !row.cells) return '';
    if (!columnHeads.has(table)) {
      const heads = [];
      for (const r of Array.from(table.rows)) {
        Array.from(r.cells).forEach((c, i) => {
          if (c.localName === 'th') heads[i] = (heads[i] || '') + ' ' + c.textContent;
        });
      }
      columnHeads.set(table, heads);
    }
    const col = Array.from(row.cells).indexOf(cell);
    const out = [cell.localName === 'th' ? '' : columnHeads.get(table)[col] || ''];
    for (const c of Array.from(row.cells)) if (c !== cell && c.localName === 'th')
      out.push(c.textContent);
    return squash(out.join(' '));
  }
  // Text of the other cells of a table cell's row (what the row is about).
  function rowText(cell) {
    const row = cell.parentElement;
    if (!row || !row.cells) return '';
    return squash(Array.from(row.cells).filter(c => c !== cell)
      .map(c => subtreeText(c, false)).join(' '));
  }
  // Elements that have ::before/::after content, found from the style sheets (reading each
  // element's pseudo style is slow on big pages): [{el, pseudo, content}], content as computed.
  // Sheets another origin serves cannot be read and are left out.
  function generated() {
    const found = [];
    const visit = (rules, root) => {
      for (const r of Array.from(rules)) {
        if (r.cssRules && !r.selectorText) {
          if (r.media && !matchMedia(r.media.mediaText).matches) continue;
          if (r.conditionText && !r.media && CSS.supports && !CSS.supports(r.conditionText)) continue;
          visit(r.cssRules, root);
          continue;
        }
        if (!r.selectorText || !r.style) continue;
        const value = r.style.getPropertyValue('content');
        if (!value || value === 'none' || value === 'normal') continue;
        for (const part of r.selectorText.split(/,(?![^(]*\))/)) {
          const m = part.match(/::?(before|after)\s*$/i);
          if (!m) continue;
          const selector = part.slice(0, m.index).trim() || '*';
          let els;
          try { els = Array.from(root.querySelectorAll(selector)); } catch { continue; }
          for (const el of els) found.push({el, pseudo: '::' + m[1].toLowerCase()});
        }
      }
    };
    const roots = [document, ...L.deepAll(document).filter(e => e.shadowRoot)
      .map(e => e.shadowRoot)];
    for (const root of roots) {
      const sheets = [...Array.from(root.styleSheets || []), ...(root.adoptedStyleSheets || [])];
      for (const sheet of sheets) {
        try { visit(sheet.cssRules, root); } catch { /* another origin's sheet */ }
      }
    }
    const seen = new Map();
    return found.filter(g => {
      const pseudos = seen.get(g.el) || new Set();
      seen.set(g.el, pseudos);
      if (pseudos.has(g.pseudo)) return false;
      pseudos.add(g.pseudo);
      return true;
    }).map(g => Object.assign(g, {content: getComputedStyle(g.el, g.pseudo).content}));
  }
  const words = (s) => (norm(s).match(/[\p{L}\p{N}]+/gu) || []);

  window.__lqaContent = Object.freeze({squash, norm, byIds, hiddenSelf, subtreeText, accName,
    describedText, contextBlock, contextText, headerText, words, generated, begin, labelsOf,
    parts: {}});
  return true;
}
