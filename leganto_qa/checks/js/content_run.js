// Runs the content rule parts arg.parts inside arg.scope; one list of findings, each the
// element's info plus {rule, detail, others}. 'lqa:no-content' until the parts are installed.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const C = window.__lqaContent;
  if (!C || arg.parts.some(p => !C.parts[p])) return 'lqa:no-content';
  const root = L.scopeRoot(arg.scope);
  C.begin();
  const out = [];
  for (const name of arg.parts) {
    for (const r of C.parts[name](arg, L, C, root)) {
      out.push(Object.assign(L.info(r.el), {rule: r.rule, detail: r.detail || {},
        others: (r.others || []).slice(0, 6).map(L.info)}));
    }
  }
  return out;
}
