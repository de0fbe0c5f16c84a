// Whether a frame element (arg) is shown: rendered, not zero-size, and inside its document's
// viewport. Chromium runs no animation frames in frames that are not, so nothing waits on them.
(el) => {
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  if (el.checkVisibility &&
      !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
  return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
}
