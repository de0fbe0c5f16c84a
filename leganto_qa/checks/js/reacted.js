// Whether the page reacted since the last look (and forget it).
() => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W} = L;
  const r = W.changes > 0 || W.clicked; W.changes = 0; W.clicked = false; return r;
}
