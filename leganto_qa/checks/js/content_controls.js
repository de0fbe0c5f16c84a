// Content rules on controls and text size (window.__lqaContent.parts.controls):
// custom-control-role (4.1.2, F59/F15), font-size-vw (1.4.4, F94) and, at page level,
// hidden-focusable (2.4.3): a Tab stop nobody can see. The last focuses each candidate that
// looks hidden (at most arg.maxHidden) to spare skip links that show on focus, and puts focus
// and scroll position back.
() => {
  const C0 = window.__lqaContent;
  if (!C0) return 'lqa:no-content';
  const CLICKY = ['onclick', 'onkeydown', 'onkeyup', 'onkeypress', 'onmousedown',
    'onmouseup', 'onpointerdown', 'onpointerup'];
  const VIEWPORT = /(^|[\s(,*/+-])[\d.]+(vw|vh|vmin|vmax|svw|svh|lvw|lvh|dvw|dvh)\b/i;
  const ABSOLUTE = /[\d.](rem|em|px|pt|ex|ch|%)/i;

  function customControls(L, C, all) {
    const out = [];
    for (const el of all) {
      if (el.hasAttribute('role') || el.matches(L.NATIVE) || L.isInteractive(el)) continue;
      if (['html', 'body', 'label', 'option', 'video', 'audio', 'object', 'embed', 'canvas',
        'iframe', 'dialog', 'details', 'form'].includes(el.localName)) continue;
      const tab = el.hasAttribute('tabindex') && el.tabIndex >= 0;
      const handler = CLICKY.some(a => el.hasAttribute(a));
      if (!tab && !handler) continue;
      const pointer = getComputedStyle(el).cursor === 'pointer';
      if (!(tab && handler) && !pointer) continue;
      if (el.isContentEditable || el.closest(L.COMPOSITES) || !L.visible(el)) continue;
      if (L.deepAll(el).some(d => L.isInteractive(d))) continue;
      out.push({rule: 'custom-control-role', el, detail: {
        how: tab ? 'tabindex' : 'handler', name: C.accName(el).slice(0, 60),
        text: C.squash(el.textContent).slice(0, 60)}});
    }
    return out;
  }

  // A font-size (or font) value in viewport units with nothing that zooms with the text.
  const viewportOnly = (v) => !!v && VIEWPORT.test(v) &&
    !(/(calc|clamp|max|min)\(/i.test(v) && ABSOLUTE.test(v.replace(VIEWPORT, ' ')));
  const hasText = (el) => Array.from(el.childNodes).some(n =>
    n.nodeType === 3 && /\p{L}/u.test(n.textContent));
  function viewportFonts(L, C, root) {
    const out = [];
    const seen = new Set();
    const report = (els, value, where) => {
      const shown = els.filter(e => !seen.has(e) && L.contains(root, e) && hasText(e) &&
        L.visible(e));
      shown.forEach(e => seen.add(e));
      if (shown.length) out.push({rule: 'font-size-vw', el: shown[0], others: shown.slice(1),
        detail: {value, where, count: shown.length}});
    };
    const visit = (rules) => {
      for (const r of Array.from(rules)) {
        if (r.cssRules && !r.selectorText) {
          if (r.media && !matchMedia(r.media.mediaText).matches) continue;
          visit(r.cssRules);
          continue;
        }
        if (!r.selectorText || !r.style) continue;
        const value = r.style.getPropertyValue('font-size') ||
          r.style.getPropertyValue('font');
        if (!viewportOnly(value)) continue;
        let els;
        try {
          els = Array.from(document.querySelectorAll(r.selectorText));
        } catch { continue; }
        // A size set on html or body reaches the text through inheritance.
        if (els.some(e => e === document.documentElement || e === document.body))
          els = Array.from(document.body.querySelectorAll('*')).filter(e =>
            getComputedStyle(e).fontSize === getComputedStyle(document.body).fontSize);
        report(els, value.trim(), r.selectorText);
      }
    };
    for (const sheet of Array.from(document.styleSheets)) {
      try { visit(sheet.cssRules); } catch { /* another origin's sheet */ }
    }
    const inline = Array.from(document.querySelectorAll('[style*="font"]'))
      .filter(e => viewportOnly(e.style.getPropertyValue('font-size')));
    if (inline.length) report(inline, inline[0].style.getPropertyValue('font-size'), 'style');
    return out;
  }

  // Hidden from sight though it can take focus: collapsed by an overflow-hidden ancestor,
  // transparent, clipped to nothing, or placed off screen.
  function unseen(L, el) {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return true;
    if (el.checkVisibility && !el.checkVisibility({checkOpacity: true})) return true;
    if (r.right <= -scrollX || r.bottom <= -scrollY || r.left >= document.documentElement.scrollWidth)
      return true;
    for (let a = L.parentOf(el); a && a !== document.body; a = L.parentOf(a)) {
      if (a.nodeType !== 1) continue;
      const cs = getComputedStyle(a);
      if (!/(hidden|clip)/.test(cs.overflowX + cs.overflowY)) continue;
      const b = a.getBoundingClientRect();
      if (b.width < 1 || b.height < 1 || r.bottom <= b.top || r.top >= b.bottom ||
        r.right <= b.left || r.left >= b.right) return true;
    }
    return false;
  }
  function hiddenFocusable(arg, L, C, all) {
    const out = [];
    const candidates = all.filter(el => el.tabIndex >= 0 && !el.disabled &&
      (el.matches(L.NATIVE) || el.hasAttribute('tabindex')) && el.localName !== 'iframe' &&
      !el.closest('[inert],[aria-hidden=true]') &&
      !(el.localName === 'input' && ['checkbox', 'radio', 'file'].includes(el.type)) &&
      el.checkVisibility && el.checkVisibility({checkVisibilityCSS: true, visibilityProperty: true}) &&
      el.getClientRects().length > 0 && !C.labelsOf(el).some(l => L.visible(l)) &&
      unseen(L, el)).slice(0, arg.maxHidden || 20);
    if (!candidates.length) return out;
    const before = document.activeElement, x = scrollX, y = scrollY;
    for (const el of candidates) {
      el.focus({preventScroll: true});
      if (document.activeElement !== el) continue;
      for (const a of document.getAnimations()) {
        if (a instanceof CSSTransition) a.finish();
      }
      // Nameless ones are left to axe-core's name rules (an empty link has no size either).
      const name = C.accName(el);
      if (name && unseen(L, el)) out.push({rule: 'hidden-focusable', el, detail: {
        name: name.slice(0, 60)}});
    }
    if (before && before !== document.body && before.focus) before.focus({preventScroll: true});
    else if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    scrollTo(x, y);
    return out;
  }

  C0.parts.controls = (arg, L, C, root) => {
    const all = L.deepAll(document).filter(el => L.contains(root, el));
    return [...customControls(L, C, all), ...viewportFonts(L, C, root),
      ...hiddenFocusable(arg, L, C, all)];
  };
  return true;
}
