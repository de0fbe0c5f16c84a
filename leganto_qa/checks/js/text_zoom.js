// Multiplies every element's computed font size by arg.factor (text-only zoom), keeping each
// element's own inline font-size to put back with arg.restore.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
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
