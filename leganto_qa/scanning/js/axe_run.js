// Runs axe-core in this document within arg.ms milliseconds. arg.step is
//   'top'     the page's own document: {absent: true} when axe-core is not loaded here yet,
//             {contexts} when it has frames to scan (each gets a step of its own), else the
//             whole result of axe.run (no frames: no partial results to combine);
//   'partial' this document's part of a frame-aware scan;
//   'finish'  combine arg.partials, each the JSON text of a partial result or null.
// Returns {result} with the result as JSON text (serialised once, here), or {timeout: true}.
async (arg) => {
  if (arg.step === 'top') {
    if (typeof window.axe !== 'object') return {absent: true};
    // window.frames counts every child browsing context (in shadow roots, cross-origin, hidden);
    // axe-core names the ones it scans.
    const contexts = window.frames.length ? window.axe.utils.getFrameContexts(arg.context) : [];
    if (contexts.length) return {contexts};
  }
  const work = async () => {
    if (arg.step === 'top') return window.axe.run(arg.context, arg.options);
    if (arg.step === 'finish') {
      const partials = arg.partials.map(text => (text === null ? null : JSON.parse(text)));
      return window.axe.finishRun(partials, arg.options);
    }
    return window.axe.runPartial(arg.context, arg.options);
  };
  let timer = null;
  const late = new Promise(resolve => {
    timer = setTimeout(() => resolve({timeout: true}), arg.ms);
  });
  try {
    return await Promise.race([work().then(result => ({result: JSON.stringify(result)})), late]);
  } finally {
    clearTimeout(timer);
  }
}
