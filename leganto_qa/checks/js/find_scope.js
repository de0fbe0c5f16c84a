// The popup the page state shows (dialog, or a menu holding focus): [selector, kind, focus
// inside], or null.
() => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {contains, sel, openPopup, active} = L;
  const p = openPopup();
  if (!p) return null;
  const a = active();
  return [sel(p.el), p.kind, !!a && contains(p.el, a)];
}
