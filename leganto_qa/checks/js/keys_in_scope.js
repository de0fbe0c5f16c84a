// The keys in arg.keys whose elements are inside the popup arg.scope.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {W, contains, scopeRoot} = L;
  const root = scopeRoot(arg.scope); return arg.keys.filter(k => W.els[k] && contains(root, W.els[k]));
}
