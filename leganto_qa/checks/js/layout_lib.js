// The layout toolkit of reflow, text spacing and resize text, installed once per document as
// window.__lqaLayout (after js/lib.js): measure (sideways overflow, clipped and overlapping
// text), spacing (the WCAG text spacing style sheet) and zoom (text-only zoom). The thin scripts
// measure.js, text_spacing.js and text_zoom.js call it; restyled.js batches a whole step.
() => {
  if (window.__lqaLayout) return true;
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';

  // Sideways overflow, clipped text and overlapping text in this document (within arg.scope).
  function measure(arg) {
    const {deepAll, parentOf, contains, sel, info, visible, scopeRoot, keyOf} = L;
    const root = scopeRoot(arg.scope);
    const vw = document.documentElement.clientWidth;
    const EXEMPT = 'table,[role=table],[role=grid],[role=treegrid],pre,code,img,svg,canvas,video,' +
      'iframe,object,embed,[role=img],[role=toolbar],[role=application],math';
    const els = deepAll(document).filter(el => contains(root, el));
    const out = {overflow: [], clipped: [], overlaps: [],
      docScroll: document.documentElement.scrollWidth > vw + 1};
    const exempt = (e) => !!e.closest(EXEMPT);
    const layered = (e) => {
      for (let p = e; p && p !== document.body; p = parentOf(p)) {
        const pos = getComputedStyle(p).position;
        if (pos === 'fixed' || pos === 'sticky') return true;
      }
      return false;
    };
    const srOnly = (e, r) => r.width <= 2 || r.height <= 2 ||
      getComputedStyle(e).clip === 'rect(0px, 0px, 0px, 0px)';
    // 1. horizontal overflow: outermost visible elements sticking out of the viewport or of the
    // region that scrolls them sideways (content needing two-dimensional scrolling)
    const limitOf = (el) => {
      for (let p = parentOf(el); p && p !== document.body && p !== document.documentElement;
           p = parentOf(p)) {
        const cs = getComputedStyle(p);
        if (/(auto|scroll|hidden|clip)/.test(cs.overflowX)) return p;
      }
      return null;
    };
    const wide = [];
    if (arg.overflow) {
      for (const el of els) {
        const r = el.getBoundingClientRect();
        if (r.right <= vw + 1 || srOnly(el, r) || !visible(el)) continue;
        const limit = limitOf(el);
        if (limit && /(hidden|clip)/.test(getComputedStyle(limit).overflowX)) continue;
        const edge = limit ? Math.min(vw, limit.getBoundingClientRect().right) : vw;
        if (r.right <= edge + 1) continue;
        const parent = parentOf(el);
        if (parent && parent !== limit && parent !== document.body &&
            parent.getBoundingClientRect().right > edge + 1 && visible(parent)) continue;
        if (exempt(el) || (limit && limit.matches(EXEMPT))) continue;
        if (getComputedStyle(el).position === 'fixed' && r.left >= vw) continue;
        out.overflow.push(Object.assign(info(el), {right: Math.round(r.right),
          width: Math.round(r.width)}));
        wide.push(el);
      }
    }
    // the too-wide element (index in out.overflow) a text sits in, so one finding names its effects
    const within = (el) => wide.findIndex(w => contains(w, el));
    const common = (a, b) => {
      const seen = new Set();
      for (let p = a; p; p = parentOf(p)) seen.add(p);
      for (let p = b; p; p = parentOf(p)) if (seen.has(p)) return p;
      return document.documentElement;
    };
    // 2. text elements: direct text children, visible
    const texts = [];
    for (const el of els) {
      if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (srOnly(el, r) || el.closest('script,style,noscript,template,option')) continue;
      texts.push([el, r]);
    }
    const clipper = (el, r) => {
      const cs = getComputedStyle(el);
      if (/(hidden|clip)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) return el;
      if (/(hidden|clip)/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1) return el;
      for (let p = parentOf(el); p && p !== document.body; p = parentOf(p)) {
        const pcs = getComputedStyle(p);
        if (pcs.position === 'fixed') break;
        if (!/(hidden|clip)/.test(pcs.overflowX + pcs.overflowY)) continue;
        const pr = p.getBoundingClientRect();
        if (pr.width <= 2 || pr.height <= 2 || pcs.clip === 'rect(0px, 0px, 0px, 0px)') return null;
        const overX = /(hidden|clip)/.test(pcs.overflowX) &&
          (r.right > pr.right + 1 || r.left < pr.left - 1);
        const overY = /(hidden|clip)/.test(pcs.overflowY) &&
          (r.bottom > pr.bottom + 1 || r.top < pr.top - 1);
        if (overX || overY) return p;
      }
      return null;
    };
    for (const [el, r] of texts) {
      const c = clipper(el, r);
      if (c) out.clipped.push(Object.assign(info(el), {key: keyOf(el), by: sel(c),
        within: within(el)}));
    }
    // 3. overlapping text boxes (neither contains the other)
    // an inline element that wraps is one box per line (its bounding box covers the text beside it)
    const lines = (el, r) => {
      if (getComputedStyle(el).display !== 'inline') return [r];
      const rs = Array.from(el.getClientRects()).filter(x => x.width > 0 && x.height > 0);
      return rs.length ? rs : [r];
    };
    const apart = (ra, rb) => Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) <= 2 ||
      Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) <= 2;
    const boxes = texts.filter(([el, r]) => r.bottom > 0 && r.top < innerHeight && !layered(el))
      .map(([el, r]) => [el, r, lines(el, r)]);
    for (let i = 0; i < boxes.length; i++) {
      const [a, ra, la] = boxes[i];
      for (let j = i + 1; j < boxes.length; j++) {
        const [b, rb, lb] = boxes[j];
        if (apart(ra, rb)) continue;
        if (contains(a, b) || contains(b, a)) continue;
        if ((la.length > 1 || lb.length > 1) && la.every(x => lb.every(y => apart(x, y)))) continue;
        out.overlaps.push([Object.assign(info(a), {key: keyOf(a), within: within(a),
          common: sel(common(a, b))}), Object.assign(info(b), {key: keyOf(b), within: within(b)})]);
        if (out.overlaps.length > 200) break;
      }
    }
    return out;
  }

  // Adds the WCAG text spacing style sheet (arg.css) to this document, or removes it
  // (arg.remove).
  function spacing(arg) {
    const old = document.getElementById('lqa-text-spacing');
    if (old) old.remove();
    if (arg.remove) return true;
    const s = document.createElement('style');
    s.id = 'lqa-text-spacing';
    s.textContent = arg.css;
    (document.head || document.documentElement).appendChild(s);
    return true;
  }

  // Multiplies every element's computed font size by arg.factor (text-only zoom), keeping each
  // element's own inline font-size to put back with arg.restore.
  function zoom(arg) {
    if (arg.restore) {
      for (const [e, v, p] of (window.__lqaZoom || [])) {
        if (v) e.style.setProperty('font-size', v, p);
        else e.style.removeProperty('font-size');
      }
      window.__lqaZoom = null;
      return true;
    }
    const els = L.deepAll(document);
    const sizes = els.map(e => parseFloat(getComputedStyle(e).fontSize) || 0);
    window.__lqaZoom = els.map(e => [e, e.style.getPropertyValue('font-size'),
      e.style.getPropertyPriority('font-size')]);
    els.forEach((e, i) => {
      if (sizes[i]) e.style.setProperty('font-size', (sizes[i] * arg.factor) + 'px', 'important');
    });
    return els.length;
  }

  window.__lqaLayout = {measure, spacing, zoom};
  return true;
}
