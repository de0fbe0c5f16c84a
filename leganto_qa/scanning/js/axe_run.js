// Runs axe-core in this document within arg.ms milliseconds. arg.step is 'partial' (this
// document's part of a frame-aware scan), 'alone' (a page without frames: partial then finish)
// or 'finish' (combine arg.partials, each the JSON text of a partial result or null). Returns
// {result} with the result as JSON text (serialised once, here), or {timeout: true}.
async (arg) => {
  const work = async () => {
    if (arg.step === 'finish') {
      const partials = arg.partials.map(text => (text === null ? null : JSON.parse(text)));
      return window.axe.finishRun(partials, arg.options);
    }
    const partial = await window.axe.runPartial(arg.context, arg.options);
    if (arg.step === 'partial') return partial;
    return window.axe.finishRun([partial], arg.options);
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
