// Index (in arg, a list of keys) of the element first in document order.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W} = L;
  const els = arg.map(k => W.els[k]);
  let best = 0;
  els.forEach((el, i) => {
    if (el && els[best] && el.compareDocumentPosition(els[best]) & Node.DOCUMENT_POSITION_FOLLOWING)
      best = i;
  });
  return best;
}
