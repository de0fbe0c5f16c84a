// Undoes whatever an abandoned check may have left in this document: the text spacing style
// sheet, the text zoom, the activation watch. Safe to run when nothing is left.
() => {
  const spacing = document.getElementById('lqa-text-spacing');
  if (spacing) spacing.remove();
  for (const [e, v, p] of (window.__lqaZoom || [])) {
    if (v) e.style.setProperty('font-size', v, p);
    else e.style.removeProperty('font-size');
  }
  window.__lqaZoom = null;
  const W = window.__lqa;
  if (W && W.observer) W.observer.disconnect();
  if (W) W.target = null;
  return true;
}
