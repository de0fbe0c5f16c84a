// Keys of the elements the DOM puts in the Tab order (one per radio group).
() => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {NATIVE, deepAll, visible, keyOf} = L;
  const groups = new Set();
  const out = [];
  for (const el of deepAll(document)) {
    if (el.tabIndex < 0 || el.disabled || el.localName === 'iframe' || !visible(el)) continue;
    if (!el.matches(NATIVE) && el.getAttribute('tabindex') === null) continue;
    if (el.matches('input[type=radio]') && el.name) {
      const group = (el.form ? 'f' : 'd') + el.name;
      const mates = deepAll(el.form || document).filter(r => r.matches('input[type=radio]') &&
        r.name === el.name && visible(r));
      const chosen = mates.find(r => r.checked) || mates[0];
      if (chosen !== el || groups.has(group)) continue;
      groups.add(group);
    }
    out.push(keyOf(el));
  }
  return out;
}
