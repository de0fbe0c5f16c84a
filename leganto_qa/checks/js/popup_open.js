// The popup arg.scope, the control that opened it, and focus moved inside when it is not.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W, NATIVE, deepAll, contains, info, visible, active} = L;
  const popup = document.querySelector(arg.scope);
  if (!popup) return null;
  W.popup = popup;
  const id = popup.id;
  let trigger = null;
  const by = popup.getAttribute('aria-labelledby');
  if (popup.matches('[role=menu],[role=listbox]') && by) {
    const t = document.getElementById(by.split(/\s+/)[0]);
    if (t && t.matches('button,[role=button],a[href]')) trigger = t;
  }
  if (!trigger && id) {
    trigger = document.querySelector('[aria-controls~="' + CSS.escape(id) + '"][aria-expanded=true]');
  }
  W.trigger = trigger;
  let a = active();
  if (!(a && contains(popup, a))) {
    const first = deepAll(popup).find(e => e.matches(NATIVE + ',[tabindex]') && e.tabIndex >= 0 &&
      visible(e));
    (first || popup).focus();
    a = active();
  }
  const count = deepAll(popup).filter(e => e.matches(NATIVE + ',[tabindex]') && e.tabIndex >= 0
    && visible(e)).length;
  return {popup: info(popup), focusInside: !!a && contains(popup, a), count,
    trigger: trigger ? info(trigger) : null};
}
