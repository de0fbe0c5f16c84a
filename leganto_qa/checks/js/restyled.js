// One batched step of a layout check: measure (arg.before), restyle this document (arg.how:
// 'spacing' or 'zoom' with arg.apply), wait two animation frames (arg.ms at most), measure again
// (arg.measure), and with arg.undo put the document back at once; each part only when given.
// Answers {settled, before, data}; 'lqa:no-layout' when layout_lib.js is not installed yet.
async (arg) => {
  const T = window.__lqaLayout;
  if (!window.__lqaLib) return 'lqa:no-lib';
  if (!T) return 'lqa:no-layout';
  const before = arg.before ? T.measure(arg.before) : null;
  if (arg.how) T[arg.how](arg.apply);
  let timer = null;
  const late = new Promise(resolve => {
    timer = setTimeout(() => resolve('timeout'), arg.ms);
  });
  const frames = new Promise(resolve => {
    requestAnimationFrame(() => requestAnimationFrame(() => resolve('settled')));
  });
  let settled;
  try {
    settled = await Promise.race([frames, late]);
  } finally {
    clearTimeout(timer);
  }
  const data = arg.measure ? T.measure(arg.measure) : null;
  if (arg.how && arg.undo) T[arg.how](arg.undo);
  return {settled, before, data};
}
