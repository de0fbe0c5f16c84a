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
    // Only a control that did get focus (its focus event fired) can lose it: one that cannot
    // take focus (inside a disabled fieldset, say) is not this failure.
    let got = false;
    const seen = () => { got = true; };
    el.addEventListener('focus', seen, true);
    el.focus({preventScroll: true});
    el.removeEventListener('focus', seen, true);
    const now = active();
    if (got && (!now || now === document.body || now === document.documentElement)) {
      out.push(info(el));
    }
  }
  if (before && before !== document.body && before.focus) before.focus({preventScroll: true});
  else if (active() && active().blur) active().blur();
  return out;
}
