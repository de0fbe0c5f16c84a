// Focusable elements inside the closed widget's region (W.popup) that take focus while nobody can
// see them: each is focused in turn, as Tab would; after the page has reacted (two animation
// frames, transitions finished) the element is looked at. Focus and scroll position are restored.
async (arg) => {
  const L = window.__lqaLib, G = window.__lqaWidget;
  if (!L || !G) return 'lqa:no-widget';
  const {W, deepAll, info, active} = L;
  const region = W.popup;
  if (!region || !region.isConnected) return [];
  const frames = () => Promise.race([
    new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    new Promise(resolve => setTimeout(resolve, arg.ms)),
  ]);
  const before = active(), x = scrollX, y = scrollY;
  const found = [];
  const candidates = [region, ...deepAll(region)].filter(G.tabbable).slice(0, arg.max);
  for (const el of candidates) {
    el.focus({preventScroll: true});
    if (active() !== el) continue;
    await frames();
    for (const a of document.getAnimations()) {
      if (a instanceof CSSTransition) a.finish();
    }
    if (active() === el && !G.shown(el)) found.push(info(el));
  }
  if (before && before !== document.body && before.focus) before.focus({preventScroll: true});
  else if (active() && active().blur) active().blur();
  scrollTo(x, y);
  return found;
}
