// Whether the DOM stayed unchanged since dom_watch.js armed it, waiting out the rest of arg.quiet
// ms after the later of its arming and its last change. Returns 'held', 'changed' (a change since
// it was armed: capture again once quiet) or 'unwatched' (another document, or never armed).
(arg) => new Promise(resolve => {
  const watch = window[Symbol.for('leganto-qa.dom-watch')];
  if (!watch) { resolve('unwatched'); return; }
  if (watch.count) { resolve('changed'); return; }
  const left = arg.quiet - (performance.now() - Math.max(watch.last, watch.armed));
  if (left <= 0) { resolve('held'); return; }
  const timer = setTimeout(() => { watch.onchange = null; resolve('held'); }, left);
  watch.onchange = () => { clearTimeout(timer); watch.onchange = null; resolve('changed'); };
})
