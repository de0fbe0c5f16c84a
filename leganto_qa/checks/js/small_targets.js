// Pointer targets smaller than arg.min px too close to another target.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {deepAll, parentOf, contains, info, visible, isInteractive, scopeRoot} = L;
  const root = scopeRoot(arg.scope);
  const all = deepAll(document).filter(el => contains(root, el) && isInteractive(el) &&
    visible(el) && el.localName !== 'iframe');
  const targets = all.filter(el => !all.some(o => o !== el && contains(o, el)));
  const rects = targets.map(t => t.getBoundingClientRect());
  const min = arg.min;
  // A link in a sentence: inline, and its block has words of its own besides the targets.
  const blockOf = (el) => {
    for (let p = parentOf(el); p && p !== document.body; p = parentOf(p)) {
      if (!getComputedStyle(p).display.startsWith('inline')) return p;
    }
    return null;
  };
  const inlineLink = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    const block = blockOf(el);
    if (!block) return false;
    return /[\p{L}\p{N}]{2,}/u.test(sentence(block));
  };
  const isTarget = new Set(targets);
  // The text a block shows in its own line boxes, targets and nested blocks left out.
  const sentence = (node) => Array.from(node.childNodes).map(n => n.nodeType === 3 ?
    n.textContent : n.nodeType === 1 && !isTarget.has(n) &&
      getComputedStyle(n).display.startsWith('inline') ? sentence(n) : ' ').join('');
  // A control the author left as the browser draws it (WCAG's user-agent exception): checkbox
  // or radio with native appearance, or a text field or select as tall as an unstyled one.
  const probeRoot = (() => {
    const host = document.createElement('div');
    host.style.cssText = 'all: initial; position: absolute; left: -9999px; top: 0;';
    host.attachShadow({mode: 'open'});
    return host;
  })();
  const FIELDS = 'select,input:not([type]),input[type=text],input[type=search],input[type=email],' +
    'input[type=url],input[type=tel],input[type=password],input[type=number],input[type=date],' +
    'input[type=time],input[type=datetime-local],input[type=month],input[type=week]';
  const uaHeight = new Map();
  const defaultHeight = (el) => {
    const key = el.localName + ':' + (el.getAttribute('type') || '');
    if (!uaHeight.has(key)) {
      const probe = document.createElement(el.localName);
      if (el.getAttribute('type')) probe.setAttribute('type', el.getAttribute('type'));
      if (el.localName === 'select') probe.appendChild(document.createElement('option')).text = 'x';
      probeRoot.shadowRoot.appendChild(probe);
      document.documentElement.appendChild(probeRoot);
      uaHeight.set(key, probe.getBoundingClientRect().height);
      probeRoot.remove();
      probe.remove();
    }
    return uaHeight.get(key);
  };
  const uaDefault = (el, r) => {
    if (el.matches('input[type=checkbox],input[type=radio]'))
      return getComputedStyle(el).appearance !== 'none';
    if (!el.matches(FIELDS) || getComputedStyle(el).appearance === 'none') return false;
    return Math.abs(r.height - defaultHeight(el)) <= 1 && r.width >= min - 0.5;
  };
  const small = targets.map((el, i) => (rects[i].width < min - 0.5 || rects[i].height < min - 0.5)
    && !inlineLink(el) && !uaDefault(el, rects[i]));
  const layer = (e) => {
    for (let p = e; p && p !== document.body; p = parentOf(p)) {
      const pos = getComputedStyle(p).position;
      if (pos === 'fixed' || pos === 'sticky') return p;
    }
    return null;
  };
  const layers = targets.map(layer);
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const out = [];
  const pairs = new Set();
  targets.forEach((el, i) => {
    if (!small[i]) return;
    const [cx, cy] = centre(rects[i]);
    let clash = null;
    rects.forEach((r, j) => {
      if (clash || j === i || layers[i] !== layers[j]) return;
      const nx = Math.max(r.left, Math.min(cx, r.right));
      const ny = Math.max(r.top, Math.min(cy, r.bottom));
      if (Math.hypot(cx - nx, cy - ny) < min / 2) { clash = targets[j]; return; }
      if (small[j]) {
        const [ox, oy] = centre(r);
        if (Math.hypot(cx - ox, cy - oy) < min) clash = targets[j];
      }
    });
    if (!clash) return;
    // A and B too close to each other: one problem, named once (at the first of the two).
    const j = targets.indexOf(clash);
    if (pairs.has(j + ':' + i)) return;
    pairs.add(i + ':' + j);
    out.push(Object.assign(info(el), {near: info(clash), nearSmall: small[j],
      w: Math.round(rects[i].width), h: Math.round(rects[i].height),
      nw: Math.round(rects[j].width), nh: Math.round(rects[j].height)}));
  });
  return out;
}
