// The widget of arg.trigger (arg: {trigger, region, kind, base}): whether it is open, its trigger
// and its region (when open and no other way tells, what appeared on screen). Remembers both in
// W (W.trigger, W.popup) for the later scripts; arg.base remembers what is on screen now (the
// widget is closed).
(arg) => {
  const L = window.__lqaLib, G = window.__lqaWidget;
  if (!L || !G) return 'lqa:no-widget';
  const {W, info, sel, roleOf, active} = L;
  const trigger = G.pick(arg.trigger);
  if (!trigger) return {found: false};
  if (arg.base) G.remember();
  let region = G.regionOf(trigger, arg);
  if (arg.base) W.widgetShownClosed = new WeakSet(region && G.shown(region) ? [region] : []);
  const open = G.isOpen(trigger, region, arg);
  const known = !!region;
  if (!region && open && arg.kind !== 'tooltip') region = G.appeared();
  W.trigger = trigger;
  W.popup = region;
  const a = active();
  return {
    found: true, open, trigger: info(trigger),
    role: roleOf(trigger), native: trigger.matches('button,summary,input,a[href]'),
    tabbable: G.tabbable(trigger), region: region ? info(region) : null,
    regionSel: region ? sel(region) : null, regionKnown: known, modal: !!region && G.modal(region),
    regionRole: region ? roleOf(region) : null, regionShown: !!region && G.shown(region),
    focusIn: G.focusIn(region),
    onTrigger: !!a && L.contains(trigger, a), covered: !!(L.cover(trigger) || {}).by,
    popup: (trigger.getAttribute('aria-haspopup') || '').toLowerCase(),
  };
}
