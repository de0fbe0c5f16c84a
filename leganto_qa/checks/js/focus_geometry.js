// Box, scroller and document order of each Tab stop (arg.keys), for the focus-order check.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W, parentOf, contains, sel, boxOf, info} = L;
  const scroller = (el) => {
    for (let e = parentOf(el); e; e = parentOf(e)) {
      const cs = getComputedStyle(e);
      const scrolls = /(auto|scroll)/.test(cs.overflowY + cs.overflowX);
      if (scrolls && e.scrollHeight > e.clientHeight) return e;
    }
    return null;
  };
  const els = arg.keys.map(k => W.els[k]);
  const scrollers = [];
  return els.map((el, i) => {
    if (!el || !el.isConnected) return null;
    const s = scroller(el);
    let si = scrollers.indexOf(s);
    if (si < 0) { scrollers.push(s); si = scrollers.length - 1; }
    const next = els[i + 1];
    let common = null;
    if (next && next.isConnected) {
      for (let e = el; e; e = parentOf(e)) if (contains(e, next)) { common = e; break; }
    }
    return {box: boxOf(el), scroller: si, rtl: getComputedStyle(el).direction === 'rtl',
      after: next ? !!(el.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING) : null,
      common: common ? sel(common) : null, info: info(el)};
  });
}
