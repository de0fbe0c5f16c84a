// Blurs the focused element; the style signature of each element in arg.keys unfocused.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W, sig, active} = L;
  const a = active();
  if (a && a !== document.body && a.blur) a.blur();
  return arg.keys.map(k => W.els[k] && W.els[k].isConnected ? sig(W.els[k]) : null);
}
