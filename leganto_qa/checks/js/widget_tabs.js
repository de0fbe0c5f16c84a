// The composite widget around the trigger (W.trigger: a tab list, menu bar, toolbar, tree, ...)
// where the arrow keys move focus: the selector of its selected (or tabbable) item, where the
// arrow keys start, and how many items it has. With arg.focus, focuses that item.
(arg) => {
  const L = window.__lqaLib, G = window.__lqaWidget;
  if (!L || !G) return 'lqa:no-widget';
  const {W, COMPOSITES, sel} = L;
  const list = W.trigger && W.trigger.closest(COMPOSITES);
  if (!list) return {home: null, count: 0};
  const items = Array.from(list.querySelectorAll('[role=tab],[role^=menuitem],[role=treeitem],' +
    '[role=option],[role=radio],[role=gridcell],[tabindex],button,a[href]'))
    .filter(e => e.closest(COMPOSITES) === list);
  const home = items.find(t => t.getAttribute('aria-selected') === 'true' && t !== W.trigger) ||
    items.find(t => t.tabIndex >= 0 && t !== W.trigger);
  if (arg && arg.focus && home) home.focus();
  return {home: home ? sel(home) : null, count: items.length};
}
