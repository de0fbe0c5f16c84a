// The Tab walk's recorder: on every Tab keyup (focus has moved by then) it notes where focus
// is, exactly as walk_step.js would, so Python presses a batch of keys and reads them at once.
// Each note has a time (t, comparable across the page's frames, each of which has a recorder).
// arg.action: 'start' (arg.full, arg.scope; answers how many elements the DOM puts in the Tab
// order inside arg.countIn, a modal dialog's selector, or the document, numbering none), 'read' (the notes since the last read, and when the document
// began to navigate away), 'stop' (also removes the listeners).
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W, NATIVE, deepAll, visible, contains, info, scopeRoot, keyOf, sig, cover, active} = L;
  if (arg.action === 'start') {
    if (W.rec) W.rec.off();
    const rec = {log: [], seen: new Set(), full: arg.full, scope: arg.scope, url: location.href,
      leavingAt: null};
    const now = () => performance.timeOrigin + performance.now();
    const leave = () => { if (rec.leavingAt === null) rec.leavingAt = now(); };
    rec.listener = (e) => {
      if (e.key !== 'Tab') return;
      if (location.href !== rec.url) leave();
      const has = document.hasFocus();
      const a = active();
      const t = now();
      if (!has || !a || a === document.body || a === document.documentElement) {
        rec.log.push({t, has, key: null});
        return;
      }
      if (a.localName === 'iframe' || a.localName === 'frame') {
        rec.log.push({t, has, frame: true});
        return;
      }
      const out = {t, has, key: keyOf(a), inScope: contains(scopeRoot(rec.scope), a)};
      if (!rec.seen.has(out.key)) {
        rec.seen.add(out.key);
        Object.assign(out, info(a));
        if (rec.full) {
          Object.assign(out, {tabindex: a.getAttribute('tabindex'), sig: sig(a), cover: cover(a)});
        }
      }
      rec.log.push(out);
    };
    rec.off = () => {
      window.removeEventListener('keyup', rec.listener, true);
      if (window.navigation) window.navigation.removeEventListener('navigate', leave);
    };
    W.rec = rec;
    window.addEventListener('keyup', rec.listener, true);
    if (window.navigation) window.navigation.addEventListener('navigate', leave);
    const within = arg.countIn ? scopeRoot(arg.countIn) : document;
    return deepAll(within).filter(el => el.tabIndex >= 0 && !el.disabled &&
      (el.matches(NATIVE) || el.getAttribute('tabindex') !== null) && visible(el)).length;
  }
  const rec = W.rec;
  if (!rec) return null;
  const out = {log: rec.log, leavingAt: rec.leavingAt};
  rec.log = [];
  if (arg.action === 'stop') {
    rec.off();
    W.rec = null;
  }
  return out;
}
