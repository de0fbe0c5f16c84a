// The selector of an element (arg) in its document, through shadow roots.
(el) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  return L.sel(el);
}
