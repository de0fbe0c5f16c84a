// Stops watching the page for reactions (see watch.js).
() => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  if (L.W.observer) L.W.observer.disconnect();
  L.W.target = null;
  return true;
}
