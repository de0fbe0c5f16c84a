// Focusable custom controls (widget roles in arg.roles) inside arg.scope, at most arg.max.
(arg) => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const {NATIVE, deepAll, contains, sel, info, visible, scopeRoot, keyOf} = L;
  const root = scopeRoot(arg.scope);
  // Controls that say they lead elsewhere (data-href, data-url, ...) are left alone: activating
  // them would leave the page state.
  const leads = (el) => Array.from(el.attributes).some(a => /^data-.*(href|url|link)/.test(a.name));
  // A link given role=button (href "#..." or "javascript:", so it stays on the page): Enter
  // works natively, Space must be handled by the page.
  const linkButton = (el) => el.matches('a[href][role=button]') &&
    /^(#|javascript:)/i.test(el.getAttribute('href').trim());
  const found = deepAll(document).filter(el => contains(root, el) &&
    (!el.matches(NATIVE) || linkButton(el)) &&
    arg.roles.includes(el.getAttribute('role')) && el.tabIndex >= 0 && visible(el) &&
    el.getAttribute('aria-disabled') !== 'true' && !leads(el));
  const seen = new Set();
  const out = [];
  for (const el of found) {
    const id = sel(el).replace(/\d+/g, '#');
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(Object.assign(info(el), {key: keyOf(el), role: el.getAttribute('role'),
      link: linkButton(el)}));
  }
  return out.slice(0, arg.max);
}
