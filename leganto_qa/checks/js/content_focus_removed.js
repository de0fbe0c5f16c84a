// Controls that lose focus as soon as they get it (F55): focus each tabbable, shown control in
// arg.scope (at most arg.max) from script and see whether focus stayed in it; focus is put back
// where it was afterwards.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {deepAll, contains, visible, isInteractive, scopeRoot, info, active} = L;
  const root = scopeRoot(arg.scope);
  const before = active();
  const controls = deepAll(document).filter(el => contains(root, el) && el.tabIndex >= 0 &&
    (el.matches(L.NATIVE) || isInteractive(el)) && !el.disabled &&
    !['iframe', 'object', 'embed', 'video', 'audio'].includes(el.localName) &&
    visible(el)).slice(0, arg.max);
  const out = [];
  for (const el of controls) {
    el.focus({preventScroll: true});
    const now = active();
    if (!now || now === document.body || now === document.documentElement) {
      out.push(info(el));
    }
  }
  if (before && before !== document.body && before.focus) before.focus({preventScroll: true});
  else if (active() && active().blur) active().blur();
  return out;
}
