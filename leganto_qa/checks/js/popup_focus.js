// Where focus is relative to the popup and its trigger. With arg.closeMs (after Escape), first
// wait up to that long for the popup to close, then two animation frames: the page moves focus
// back after it closes, and Chromium drops focus from a hidden element only at its next update.
async (arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W, contains, info, visible, active} = L;
  const popup = W.popup;
  const isOpen = () => !!popup && popup.isConnected && visible(popup);
  if (arg && arg.closeMs) {
    // an animation frame, or 50 ms where the page gets none (a background or hidden page)
    const frame = () => new Promise(resolve => {
      const timer = setTimeout(resolve, 50);
      requestAnimationFrame(() => { clearTimeout(timer); resolve(); });
    });
    const end = performance.now() + arg.closeMs;
    while (isOpen() && performance.now() < end) await frame();
    await frame();
    await frame();
  }
  const a = active();
  const open = isOpen();
  // focus left on an element of the closed popup is lost, as the browser will soon say too
  const stranded = !!a && !open && !!popup && contains(popup, a) && !visible(a);
  return {open, inside: !!a && !!popup && contains(popup, a) && !stranded,
    onBody: !a || a === document.body || a === document.documentElement || !a.isConnected ||
      stranded,
    onTrigger: !!W.trigger && !!a && contains(W.trigger, a),
    focused: a && a !== document.body && !stranded ? info(a) : null,
    trigger: W.trigger ? info(W.trigger) : null,
    hasFocus: document.hasFocus()};
}
