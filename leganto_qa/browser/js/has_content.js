// Whether the page shows anything: text, or a control or embedded content a user could use.
() => {
  const body = document.body;
  if (!body) return false;
  if (body.innerText.trim()) return true;
  const controls = 'input, button, select, textarea, a[href], img, iframe, svg, canvas';
  return !!body.querySelector(controls);
}
