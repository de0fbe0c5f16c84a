// Waits until the DOM has not changed for arg.quiet ms (animations, lazy content), arg.ms at
// most. With arg.history, changes the page-health DOM watch (dom_watch.js) already counted
// count too, so a page quiet since before the call returns at once; without, the wait starts
// now (after a click: whatever it opens must get arg.quiet ms to show). Returns 'quiet' or
// 'timeout'.
(arg) => new Promise(resolve => {
  const watch = arg.history ? window[Symbol.for('leganto-qa.dom-watch')] : null;
  let last = watch ? watch.last : performance.now();
  const obs = new MutationObserver(() => { last = performance.now(); });
  obs.observe(document.documentElement, {subtree: true, childList: true, attributes: true,
    characterData: true});
  const start = performance.now();
  const tick = () => {
    const now = performance.now();
    if (now - last >= arg.quiet) { obs.disconnect(); resolve('quiet'); return; }
    if (now - start >= arg.ms) { obs.disconnect(); resolve('timeout'); return; }
    setTimeout(tick, Math.max(10, Math.min(25, arg.quiet - (now - last))));
  };
  tick();
})
