// Controls Tab never reached, and pointer-only look-alikes (kept in W.cands).
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W, COMPOSITES, deepAll, parentOf, contains, info, visible, isInteractive, scopeRoot} = L;
  const reached = new Set(arg.reached);
  const root = scopeRoot(arg.scope);
  const reachedEls = [];
  const all = deepAll(document);
  for (const el of all) {
    const k = W.keys.get(el);
    if (k !== undefined && reached.has(k)) reachedEls.push(el);
  }
  const groupReached = (el) => {
    const comp = el.closest(COMPOSITES);
    if (comp && reachedEls.some(r => contains(comp, r))) return true;
    if (el.matches('input[type=radio]') && el.name) {
      return reachedEls.some(r => r.matches('input[type=radio]') && r.name === el.name &&
        r.form === el.form);
    }
    return false;
  };
  const POINTER_ATTRS = ['onclick', 'onmousedown', 'onmouseup', 'onpointerdown', 'onpointerup'];
  const out = {unreached: [], pointer: []};
  W.cands = [];  // read back by Python over CDP (window.__lqa.cands[i])
  for (const el of all) {
    if (!contains(root, el) || !visible(el)) continue;
    const k = W.keys.get(el);
    if (k !== undefined && reached.has(k)) continue;
    if (el.localName === 'iframe' || el.closest('option, select')) continue;
    if (isInteractive(el)) {
      if (el.getAttribute('tabindex') === '-1' && groupReached(el)) continue;
      if (el.matches('input[type=radio]') && groupReached(el)) continue;
      if (reachedEls.some(r => contains(el, r))) continue;
      // In the Tab order by the DOM but passed over by this walk (e.g. loaded lazily after
      // focus went by): not reported, so findings do not depend on timing.
      if (el.tabIndex >= 0 && !el.disabled) continue;
      out.unreached.push(Object.assign(info(el), {why: 'role'}));
      continue;
    }
    const cs = getComputedStyle(el);
    // a pointer handler in the markup (F54: onmousedown on an image) needs no pointer cursor
    const inline = el !== document.body && el !== document.documentElement &&
      POINTER_ATTRS.some(a => el.hasAttribute(a) || (a in el && el[a] !== null));
    if (cs.cursor !== 'pointer' && !inline) continue;
    const parent = parentOf(el);
    if (!inline && parent && getComputedStyle(parent).cursor === 'pointer') continue;
    let inside = false;
    for (let e = parent; e; e = parentOf(e)) if (isInteractive(e)) { inside = true; break; }
    if (inside || deepAll(el).some(isInteractive) || el.localName === 'label') continue;
    const onclick = inline;
    out.pointer.push(Object.assign(info(el), {onclick}));
    W.cands.push(el);
  }
  return out;
}
