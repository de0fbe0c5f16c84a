// A predicate for page.wait_for_function: whether the widget (arg as in widget_state.js) is
// open (arg.open true) or closed (arg.open false), or with arg.focus, whether focus is inside
// its region. False while the toolkit is missing.
(arg) => {
  const G = window.__lqaWidget;
  if (!window.__lqaLib || !G) return false;
  const trigger = G.pick(arg.trigger);
  if (!trigger) return false;
  const region = G.regionOf(trigger, arg);
  if (arg.focus) return G.focusIn(region);
  return G.isOpen(trigger, region, arg) === arg.open;
}
