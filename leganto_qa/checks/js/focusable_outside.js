// Whether focusable content lies outside the part of the page holding the keys in arg.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W, NATIVE, deepAll, parentOf, contains, visible} = L;
  const els = arg.map(k => W.els[k]).filter(Boolean);
  if (!els.length) return true;
  let common = els[0];
  while (common && !els.every(e => contains(common, e))) common = parentOf(common);
  if (!common || common === document.body || common === document.documentElement) return false;
  return deepAll(document).some(el => el.tabIndex >= 0 && !el.disabled && !contains(common, el) &&
    (el.matches(NATIVE) || el.getAttribute('tabindex') !== null) && visible(el));
}
