// One stop of the Tab walk: where focus is now. Described in full (arg.full: style signature,
// cover) the first time the walk reaches an element (keys in arg.seen are not described again).
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {contains, info, scopeRoot, keyOf, sig, cover, active} = L;
  const has = document.hasFocus();
  const a = active();
  if (!has || !a || a === document.body || a === document.documentElement) {
    return {has, key: null};
  }
  if (a.localName === 'iframe' || a.localName === 'frame') return {has, frame: true};
  const out = {has, key: keyOf(a), inScope: contains(scopeRoot(arg.scope), a)};
  if (!arg.seen.includes(out.key)) {
    Object.assign(out, info(a));
    if (arg.full) {
      Object.assign(out, {tabindex: a.getAttribute('tabindex'), sig: sig(a), cover: cover(a)});
    }
  }
  return out;
}
