// Starts watching the page for reactions to the control arg.key (DOM changes, clicks).
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W, contains} = L;
  const el = W.els[arg.key];
  if (W.observer) W.observer.disconnect();
  W.changes = 0; W.clicked = false; W.appeared = W.appeared || [];
  W.observer = new MutationObserver(records => {
    W.changes += records.length;
    for (const r of records) {
      const nodes = r.type === 'childList' ? Array.from(r.addedNodes) : [r.target];
      for (const n of nodes) {
        const e = n.nodeType === 1 ? n : n.parentElement;
        if (e && !W.appeared.includes(e)) W.appeared.push(e);
      }
    }
  });
  W.observer.observe(document.documentElement, {subtree: true, childList: true, attributes: true,
    characterData: true, attributeFilter: ['class', 'style', 'hidden', 'aria-expanded',
    'aria-pressed', 'aria-checked', 'aria-selected', 'open']});
  if (!W.clickWatch) {
    W.clickWatch = true;
    document.addEventListener('click', e => {
      if (W.target && contains(W.target, e.composedPath()[0])) W.clicked = true;
    }, true);
  }
  W.target = el;
  if (arg.focus && el) el.focus();
  return !!el;
}
