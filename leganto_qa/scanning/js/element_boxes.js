// The viewport box [x, y, width, height] of the element each selector (arg) names, or null.
(selectors) => selectors.map(s => {
  let el;
  try {
    el = document.querySelector(s);
  } catch {
    return null;
  }
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return [r.x, r.y, r.width, r.height];
})
