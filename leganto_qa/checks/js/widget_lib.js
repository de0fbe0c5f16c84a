// The widget checks' toolkit (on top of lib.js), installed once per document as
// window.__lqaWidget. The widget scripts start with
//   const L = window.__lqaLib, G = window.__lqaWidget; if (!L || !G) return 'lqa:no-widget';
// and Python installs lib.js and this file and calls again when it sees 'lqa:no-widget'.
() => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  if (window.__lqaWidget) return true;
  const {W, NATIVE, deepAll, parentOf, contains, visible, openPopup} = L;
  const POPUPS = '[role=menu],[role=listbox],[role=dialog],[role=alertdialog],[role=tooltip],dialog';

  function pick(selector) {
    if (!selector) return null;
    try {
      return document.querySelector(selector);
    } catch {
      return null;
    }
  }
  function byIds(el, attr) {
    const ids = (el.getAttribute(attr) || '').split(/\s+/).filter(Boolean);
    return ids.map(i => document.getElementById(i)).filter(Boolean);
  }
  // Whether the element is on screen for a sighted user: rendered, not off the page, not
  // clipped away by an ancestor that hides its overflow (on that axis; what a scroll container
  // holds can be scrolled to), not shrunk to a pixel.
  function shown(el) {
    if (!el || !el.isConnected || !visible(el)) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 && r.height <= 1) return false;
    if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0) return false;
    const hides = v => v === 'hidden' || v === 'clip';
    for (let a = parentOf(el); a && a.nodeType === 1 && a !== document.body; a = parentOf(a)) {
      const cs = getComputedStyle(a);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      if (c.width < 1 || c.height < 1) return false;
      const w = Math.min(r.right, c.right) - Math.max(r.left, c.left);
      const h = Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top);
      if ((hides(cs.overflowX) && w < 1) || (hides(cs.overflowY) && h < 1)) return false;
    }
    return true;
  }
  function tabbable(el) {
    return el.tabIndex >= 0 && !el.disabled && (el.matches(NATIVE) || el.hasAttribute('tabindex'));
  }
  // The content the widget shows: the explorer's region, what the trigger controls, the
  // tooltip it is described by, or the dialog on screen.
  function regionOf(trigger, arg) {
    let region = pick(arg.region);
    if (!region && trigger) region = byIds(trigger, 'aria-controls')[0] || null;
    if (!region && trigger && arg.kind === 'tooltip') {
      region = byIds(trigger, 'aria-describedby').find(e => e.matches('[role=tooltip]')) ||
        deepAll(document).find(e => e.matches('[role=tooltip]') && shown(e)) || null;
    }
    if (!region && arg.kind === 'dialog') {
      const p = openPopup();
      if (p && p.kind !== 'menu') region = p.el;
    }
    return region;
  }
  function rendered(e) {
    if (!(e.checkVisibility && e.checkVisibility())) return false;
    const r = e.getBoundingClientRect();
    return r.width >= 1 && r.height >= 1;
  }
  function shownCount() {
    return deepAll(document.body).filter(e => e.checkVisibility && e.checkVisibility()).length;
  }
  // Remember what is on screen while the widget is closed (see appeared).
  function remember() {
    W.widgetBase = shownCount();
    W.widgetBaseSet = new WeakSet(deepAll(document.body).filter(rendered));
  }
  // What came on screen since the widget was closed: a new popup (menu, listbox, dialog,
  // tooltip), else the outermost new element; or null.
  function appeared() {
    if (!W.widgetBaseSet) return null;
    const fresh = deepAll(document.body).filter(e => !W.widgetBaseSet.has(e) && rendered(e));
    return fresh.find(e => e.matches(POPUPS)) || fresh[0] || null;
  }
  // Whether the widget is open: a <details> whose <summary> the trigger is, open; its region on
  // screen (unless the region was on screen while closed too); else the trigger's aria-expanded;
  // else a dialog on screen; else more or fewer elements on screen than when it was closed.
  function isOpen(trigger, region, arg) {
    const details = trigger && trigger.localName === 'summary' ? trigger.parentElement : null;
    if (details && details.localName === 'details') return details.open;
    if (region && !(W.widgetShownClosed && W.widgetShownClosed.has(region))) return shown(region);
    const expanded = trigger && trigger.getAttribute('aria-expanded');
    if (expanded === 'true' || expanded === 'false') return expanded === 'true';
    if (arg.kind === 'dialog' && openPopup()) return true;
    return W.widgetBase !== undefined && shownCount() !== W.widgetBase;
  }
  // Whether the region is modal: aria-modal, a modal <dialog>, or a lightbox (a fixed layer
  // around it that covers the viewport).
  function modal(region) {
    if (region.getAttribute('aria-modal') === 'true' ||
      (region.localName === 'dialog' && region.matches(':modal'))) return true;
    for (let e = region; e && e.nodeType === 1; e = parentOf(e)) {
      if (getComputedStyle(e).position !== 'fixed') continue;
      const r = e.getBoundingClientRect();
      return r.width >= innerWidth * 0.9 && r.height >= innerHeight * 0.9;
    }
    return false;
  }
  function focusIn(region) {
    const a = L.active();
    return !!a && !!region && contains(region, a);
  }

  window.__lqaWidget = Object.freeze({pick, byIds, shown, tabbable, regionOf, remember, appeared, isOpen,
    modal, focusIn});
  return true;
}
