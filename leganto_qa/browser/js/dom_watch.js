// Starts (or rearms) counting this document's DOM changes for the page-health gate's DOM window.
// A change is any mutation but the harness's own data-leganto-* marks (secret masks). Kept under
// a symbol the page's own scripts do not see; one observer per document. Returns nothing.
() => {
  const key = Symbol.for('leganto-qa.dom-watch');
  let watch = window[key];
  if (!watch) {
    watch = {count: 0, last: performance.now(), armed: 0, loaded: 0, onchange: null};
    const ours = r => r.type === 'attributes' && (r.attributeName || '').startsWith('data-leganto');
    const observer = new MutationObserver(records => {
      if (records.every(ours)) return;
      watch.count += 1;
      watch.last = performance.now();
      if (watch.onchange) watch.onchange();
    });
    observer.observe(document, {subtree: true, childList: true, attributes: true,
      characterData: true});
    Object.defineProperty(window, key, {value: watch, enumerable: false, configurable: true});
  }
  watch.count = 0;
  watch.armed = performance.now();
  watch.loaded = watch.armed;  // navigate arms it right after load: the stay window starts here
}
