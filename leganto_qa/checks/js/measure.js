// Sideways overflow, clipped text and overlapping text in this document (within arg.scope):
// layout_lib.js's measure.
(arg) => {
  if (!window.__lqaLib) return 'lqa:no-lib';
  if (!window.__lqaLayout) return 'lqa:no-layout';
  return window.__lqaLayout.measure(arg);
}
