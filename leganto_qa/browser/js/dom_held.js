// Whether the page held still so far: its DOM unchanged since dom_watch.js armed it. Answers at
// once (never waits in the page: a page leaving for the back-forward cache would keep a waiting
// call unanswered): {state: 'changed'} (a change since it was armed: capture again once quiet),
// {state: 'unwatched'} (another document, or never armed), or {state: 'held', left} with the ms
// still owed: the rest of arg.quiet after the later of its arming and its last change, and the
// rest of arg.stay after load.
(arg) => {
  const watch = window[Symbol.for('leganto-qa.dom-watch')];
  if (!watch) return {state: 'unwatched', left: 0};
  if (watch.count) return {state: 'changed', left: 0};
  const now = performance.now();
  const quietLeft = arg.quiet - (now - Math.max(watch.last, watch.armed));
  const stayLeft = (arg.stay || 0) - (now - (watch.loaded || watch.armed));
  return {state: 'held', left: Math.max(0, Math.ceil(Math.max(quietLeft, stayLeft)))};
}
