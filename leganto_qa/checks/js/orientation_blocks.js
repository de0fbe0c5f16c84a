// Content blocks with their visibility, a page rotated by 90 degrees and content turned by 90
// degrees (outermost; turned). With arg.ms, first
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
  const quarter = (el) => {
    const t = getComputedStyle(el).transform;
    const m = t && t.startsWith('matrix(') ? t.slice(7, -1).split(',').map(Number) : null;
    return !!m && Math.abs(m[0]) < 0.05 && Math.abs(Math.abs(m[1]) - 1) < 0.05;
  };
  const top = [document.documentElement, document.body, document.querySelector('main')]
    .filter(Boolean);
  const rotated = top.filter(quarter).map(info);
  // any other content turned by 90° (outermost only): the check compares both orientations
  const turned = [];
  for (const el of deepAll(document)) {
    if (top.includes(el) || !contains(root, el) || !visible(el) || !quarter(el)) continue;
    if (!el.textContent.trim() && !el.querySelector('button,input,select,textarea,a[href],img'))
      continue;
    if (turned.some(([, t]) => contains(t, el))) continue;
    turned.push([sel(el), el, info(el)]);
    if (turned.length >= 20) break;
  }
  return {settled, blocks: blocks.map(el => [sel(el), visible(el), info(el)]), rotated,
    turned: turned.map(([s, , i]) => [s, i])};
}
