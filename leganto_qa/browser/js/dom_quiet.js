// Waits until the DOM watched by dom_watch.js has not changed for arg.quiet ms (arg.ms at most),
// then rearms the watch from its last change. With arg.ifChanged, returns at once when nothing
// changed since it was armed. Returns 'quiet', 'timeout' or 'unwatched'.
(arg) => new Promise(resolve => {
  const watch = window[Symbol.for('leganto-qa.dom-watch')];
  if (!watch) { resolve('unwatched'); return; }
  if (arg.ifChanged && !watch.count) { resolve('quiet'); return; }
  const start = performance.now();
  const tick = () => {
    const now = performance.now();
    const calm = now - watch.last;
    if (calm >= arg.quiet || now - start >= arg.ms) {
      watch.count = 0;
      watch.armed = calm >= arg.quiet ? watch.last : now;
      resolve(calm >= arg.quiet ? 'quiet' : 'timeout');
      return;
    }
    setTimeout(tick, Math.max(10, arg.quiet - calm));
  };
  tick();
})
