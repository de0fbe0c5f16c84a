// Moves focus for the widget checks (arg.op): 'trigger' focuses the trigger (W.trigger) and says
// whether it took focus; 'blur' takes focus off whatever has it. Returns where focus is and how
// many items the region (W.popup) holds.
(arg) => {
  const L = window.__lqaLib, G = window.__lqaWidget;
  if (!L || !G) return 'lqa:no-widget';
  const {W, info, active, contains, deepAll} = L;
  if (arg.op === 'trigger' && W.trigger) W.trigger.focus();
  if (arg.op === 'blur') {
    const a = active();
    if (a && a.blur) a.blur();
  }
  const a = active();
  const items = W.popup ? deepAll(W.popup).filter(e => G.shown(e) && (G.tabbable(e) ||
    e.matches('[role^=menuitem],[role=option]'))).length : 0;
  return {onTrigger: !!a && !!W.trigger && contains(W.trigger, a),
    inside: !!a && !!W.popup && contains(W.popup, a), count: items,
    focused: a && a !== document.body ? info(a) : null};
}
