// Visible elements with a positive tabindex inside arg.scope.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {deepAll, contains, info, visible, scopeRoot} = L;
  const root = scopeRoot(arg.scope);
  return deepAll(document).filter(el => contains(root, el) && el.tabIndex > 0 &&
    el.getAttribute('tabindex') !== null && visible(el)).map(el =>
    Object.assign(info(el), {tabindex: el.getAttribute('tabindex')}));
}
