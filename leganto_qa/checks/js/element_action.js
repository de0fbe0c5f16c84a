// Does arg.action ('focus', 'blur', 'click' or 'box') to the element numbered arg.key.
// Returns false when the element is gone; 'box' returns its box (or null).
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const el = L.W.els[arg.key];
  if (!el) return arg.action === 'box' ? null : false;
  if (arg.action === 'focus') el.focus();
  else if (arg.action === 'blur') el.blur();
  else if (arg.action === 'click') el.click();
  else if (arg.action === 'box') return L.boxOf(el);
  return true;
}
