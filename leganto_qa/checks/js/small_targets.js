// Pointer targets smaller than arg.min px too close to another target.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {deepAll, parentOf, contains, info, visible, isInteractive, scopeRoot} = L;
  const root = scopeRoot(arg.scope);
  const all = deepAll(document).filter(el => contains(root, el) && isInteractive(el) &&
    visible(el) && el.localName !== 'iframe');
  const targets = all.filter(el => !all.some(o => o !== el && contains(o, el)));
  const rects = targets.map(t => t.getBoundingClientRect());
  const min = arg.min;
  const inlineLink = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    const block = el.parentElement;
    return !!block && Array.from(block.childNodes).some(n => n !== el && n.nodeType === 3 &&
      n.textContent.trim().length > 1);
  };
  const uaDefault = (el) => el.matches('input[type=checkbox],input[type=radio]') &&
    getComputedStyle(el).appearance !== 'none';
  const small = targets.map((el, i) => (rects[i].width < min - 0.5 || rects[i].height < min - 0.5)
    && !inlineLink(el) && !uaDefault(el));
  const layer = (e) => {
    for (let p = e; p && p !== document.body; p = parentOf(p)) {
      const pos = getComputedStyle(p).position;
      if (pos === 'fixed' || pos === 'sticky') return p;
    }
    return null;
  };
  const layers = targets.map(layer);
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const out = [];
  targets.forEach((el, i) => {
    if (!small[i]) return;
    const [cx, cy] = centre(rects[i]);
    let clash = null;
    rects.forEach((r, j) => {
      if (clash || j === i || layers[i] !== layers[j]) return;
      const nx = Math.max(r.left, Math.min(cx, r.right));
      const ny = Math.max(r.top, Math.min(cy, r.bottom));
      if (Math.hypot(cx - nx, cy - ny) < min / 2) { clash = targets[j]; return; }
      if (small[j]) {
        const [ox, oy] = centre(r);
        if (Math.hypot(cx - ox, cy - oy) < min) clash = targets[j];
      }
    });
    if (clash) out.push(Object.assign(info(el), {near: info(clash),
      w: Math.round(rects[i].width), h: Math.round(rects[i].height)}));
  });
  return out;
}
