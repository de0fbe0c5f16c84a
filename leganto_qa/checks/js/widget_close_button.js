// The selector of a button inside the open widget (W.popup) that looks like it closes it, or null.
() => {
  const L = window.__lqaLib, G = window.__lqaWidget;
  if (!L || !G) return 'lqa:no-widget';
  const {W, deepAll, nameOf, sel} = L;
  if (!W.popup) return null;
  const words = /^(close|cancel|dismiss|done|ok|lukk|avbryt|x|×|✕|✖)\b/i;
  const button = deepAll(W.popup).find(e => e.matches('button,[role=button],a[href]') &&
    G.shown(e) && (words.test(nameOf(e).trim()) || /close|dismiss/i.test(e.className)));
  return button ? sel(button) : null;
}
