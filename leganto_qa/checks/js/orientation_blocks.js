// Content blocks with their visibility, and a page rotated by 90 degrees. With arg.ms, first
// waits for two animation frames (arg.ms at most: resize handlers and layout have run) and
// says whether they came ('settled' or 'timeout').
async (arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  let settled = null;
  if (arg.ms !== undefined) {
    let timer = null;
    const late = new Promise(resolve => {
      timer = setTimeout(() => resolve('timeout'), arg.ms);
    });
    const frames = new Promise(resolve => {
      requestAnimationFrame(() => requestAnimationFrame(() => resolve('settled')));
    });
    try {
      settled = await Promise.race([frames, late]);
    } finally {
      clearTimeout(timer);
    }
  }
  const {deepAll, contains, sel, info, visible, scopeRoot} = L;
  const root = scopeRoot(arg.scope);
  const blocks = deepAll(document).filter(el => contains(root, el) &&
    el.matches('main,[role=main],article,section,[role=region],form,table,nav,aside,h1') &&
    !el.closest('[aria-hidden=true]'));
  const rotated = [document.documentElement, document.body, document.querySelector('main')]
    .filter(Boolean).filter(el => {
      const t = getComputedStyle(el).transform;
      const m = t && t.startsWith('matrix(') ? t.slice(7, -1).split(',').map(Number) : null;
      return m && Math.abs(m[0]) < 0.05 && Math.abs(Math.abs(m[1]) - 1) < 0.05;
    }).map(info);
  return {settled, blocks: blocks.map(el => [sel(el), visible(el), info(el)]), rotated};
}
