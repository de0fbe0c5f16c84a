// Waits for two animation frames (resize handlers and layout have run), or arg.ms at most.
// Returns 'settled', or 'timeout' when the document gets no animation frames (a page that
// replaced requestAnimationFrame, a frame Chromium does not render).
async (arg) => {
  let timer = null;
  const late = new Promise(resolve => {
    timer = setTimeout(() => resolve('timeout'), arg.ms);
  });
  const frames = new Promise(resolve => {
    requestAnimationFrame(() => requestAnimationFrame(() => resolve('settled')));
  });
  try {
    return await Promise.race([frames, late]);
  } finally {
    clearTimeout(timer);
  }
}
