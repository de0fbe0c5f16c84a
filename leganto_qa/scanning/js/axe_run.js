// Runs axe-core in this document within arg.ms milliseconds. arg.step is 'partial' (this
// document's part of a frame-aware scan), 'alone' (a page without frames: partial then finish)
// or 'finish' (combine arg.partials). Returns {result} or {timeout: true}.
async (arg) => {
  const work = async () => {
    if (arg.step === 'finish') return window.axe.finishRun(arg.partials, arg.options);
    const partial = await window.axe.runPartial(arg.context, arg.options);
    if (arg.step === 'partial') return partial;
    return window.axe.finishRun([partial], arg.options);
  };
  let timer = null;
  const late = new Promise(resolve => {
    timer = setTimeout(() => resolve({timeout: true}), arg.ms);
  });
  try {
    return await Promise.race([work().then(result => ({result})), late]);
  } finally {
    clearTimeout(timer);
  }
}
