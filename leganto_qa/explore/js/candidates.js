// What a user can open on the page as it is: one entry per control, most telling first.
// arg: {max: how many to return}. Each: {selector, name, role, kind, how, controls}.
// kind: dialog | menu | listbox | disclosure | tabs | tooltip | overlay | other.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  // Never press what changes data or the session (a real tenant is explored too).
  // Nor answer a cookie banner: the answer is kept and the page state would not come back.
  const RISKY = new RegExp('\\b(delete|remove|log ?out|sign ?out|publish|save|submit|send|' +
    'archive|slett|fjern|logg ut|lagre|publiser|send inn|arkiver|accept|reject|cookies?|' +
    'consent|godta|avvis|samtykke|mark|merk|done|ferdig|follow|følg|like)\\b', 'i');
  const seen = new Set();
  // A control repeated in every row (a menu per item) is tried once: its selector with the
  // digits masked is its shape.
  const shapes = new Set();
  const out = [[], [], [], []];  // by confidence: widgets, tabs/overlays, tooltips, clickables
  const hiddenTarget = (ids) => (ids || '').split(/\s+/).filter(Boolean)
    .map(i => document.getElementById(i)).some(t => t && !L.visible(t));
  function add(el, rank, kind, how) {
    if (seen.has(el) || !L.visible(el)) return;
    if (el.disabled || el.getAttribute('aria-disabled') === 'true') return;
    // a toggle (pressed, checked) changes a setting or data, not what is shown
    if (el.matches('[aria-pressed],[aria-checked],[role=switch],[role=checkbox]')) return;
    if (el.closest('[role=dialog],dialog[open],[role=menu],[role=listbox]')) return;
    const name = L.nameOf(el).replace(/\s+/g, ' ').trim().slice(0, 80);
    if (how === 'click' && RISKY.test(name)) return;
    seen.add(el);
    const selector = L.sel(el);
    const shape = selector.replace(/\d+/g, '#');
    if (shapes.has(shape)) return;
    shapes.add(shape);
    out[rank].push({selector, name, role: L.roleOf(el), kind, how,
      controls: el.getAttribute('aria-controls') || ''});
  }
  for (const el of document.querySelectorAll('[aria-haspopup]:not([aria-haspopup=false])')) {
    const p = el.getAttribute('aria-haspopup');
    add(el, 0, p === 'dialog' ? 'dialog' : p === 'listbox' ? 'listbox' : 'menu', 'click');
  }
  for (const el of document.querySelectorAll('[aria-expanded=false]')) add(el, 0, 'disclosure', 'click');
  for (const el of document.querySelectorAll('details:not([open]) > summary')) add(el, 0, 'disclosure', 'click');
  for (const el of document.querySelectorAll('[aria-controls]:not([role=tab])')) {
    if (hiddenTarget(el.getAttribute('aria-controls'))) add(el, 0, 'disclosure', 'click');
  }
  for (const el of document.querySelectorAll('[role=tab]:not([aria-selected=true])')) add(el, 1, 'tabs', 'click');
  for (const el of document.querySelectorAll('a[href^="#"]')) {
    const id = decodeURIComponent(el.getAttribute('href').slice(1));
    const target = id && document.getElementById(id);
    if (target && !L.visible(target)) add(el, 1, 'overlay', 'click');
  }
  for (const el of document.querySelectorAll('[aria-describedby]')) {
    if (hiddenTarget(el.getAttribute('aria-describedby'))) add(el, 2, 'tooltip', 'hover');
  }
  const CLICKABLE = 'button:not([type=submit]):not(form button),[role=button],[onclick]';
  for (const el of document.querySelectorAll(CLICKABLE)) {
    if (el.closest('a[href]') && !el.matches('[role=button]')) continue;
    add(el, 3, 'other', 'click');
  }
  for (const el of document.querySelectorAll('[title]:not(iframe):not(link):not(abbr)')) {
    if (L.isInteractive(el)) add(el, 3, 'tooltip', 'hover');
  }
  return [].concat(...out).slice(0, arg.max);
}
