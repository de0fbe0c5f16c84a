// Messages that appeared (while controls were used) outside any live region.
() => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W, deepAll, parentOf, textOf, info, visible, isInteractive} = L;
  const out = [];
  const seen = new Set();
  for (const e of (W.appeared || [])) {
    if (!e.isConnected || !visible(e)) continue;
    const text = textOf(e);
    if (text.length < 2 || text.length > 200) continue;
    if (e.closest('[aria-live],[role=status],[role=alert],[role=log],[role=marquee],[role=timer],' +
        'output,[role=dialog],[role=alertdialog],dialog,[role=menu],[role=listbox],[role=tooltip]'))
      continue;
    const live = '[aria-live],[role=status],[role=alert],[role=log]';
    if (deepAll(e).some(d => d.matches(live))) continue;
    if (isInteractive(e) || deepAll(e).some(isInteractive)) continue;
    let msg = null;
    for (let p = e; p && p !== document.body; p = parentOf(p)) {
      const name = (p.id + ' ' + (typeof p.className === 'string' ? p.className : '')).toLowerCase();
      if (/(toast|snack|notif|message|alert|status|flash|feedback)/.test(name)) { msg = p; break; }
    }
    if (!msg || seen.has(msg)) continue;
    seen.add(msg);
    out.push(Object.assign(info(msg), {text: text.slice(0, 80)}));
  }
  W.appeared = [];
  return out;
}
