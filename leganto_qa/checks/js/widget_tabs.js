// The tab list of the trigger (W.trigger): the selector of its selected (or tabbable) tab, where
// the arrow keys start, and how many tabs it has. With arg.focus, focuses that tab.
(arg) => {
  const L = window.__lqaLib, G = window.__lqaWidget;
  if (!L || !G) return 'lqa:no-widget';
  const {W, sel} = L;
  const list = W.trigger && W.trigger.closest('[role=tablist]');
  if (!list) return {home: null, count: 0};
  const tabs = Array.from(list.querySelectorAll('[role=tab]'));
  const home = tabs.find(t => t.getAttribute('aria-selected') === 'true' && t !== W.trigger) ||
    tabs.find(t => t.tabIndex >= 0 && t !== W.trigger);
  if (arg && arg.focus && home) home.focus();
  return {home: home ? sel(home) : null, count: tabs.length};
}
