// Where focus is relative to the popup and its trigger.
() => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W, contains, info, visible, active} = L;
  const a = active();
  const popup = W.popup;
  const open = !!popup && popup.isConnected && visible(popup);
  return {open, inside: !!a && !!popup && contains(popup, a),
    onBody: !a || a === document.body || a === document.documentElement || !a.isConnected,
    onTrigger: !!W.trigger && !!a && contains(W.trigger, a),
    focused: a && a !== document.body ? info(a) : null, trigger: W.trigger ? info(W.trigger) : null,
    hasFocus: document.hasFocus()};
}
