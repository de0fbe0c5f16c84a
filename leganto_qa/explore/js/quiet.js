// Waits until the DOM has not changed for arg.quiet ms (animations, lazy content), arg.ms at
// most. Returns 'quiet' or 'timeout'.
(arg) => new Promise(resolve => {
  let last = performance.now();
  const obs = new MutationObserver(() => { last = performance.now(); });
  obs.observe(document.documentElement, {subtree: true, childList: true, attributes: true,
    characterData: true});
  const start = performance.now();
  const tick = () => {
    const now = performance.now();
    if (now - last >= arg.quiet) { obs.disconnect(); resolve('quiet'); return; }
    if (now - start >= arg.ms) { obs.disconnect(); resolve('timeout'); return; }
    setTimeout(tick, 25);
  };
  setTimeout(tick, 25);
})
