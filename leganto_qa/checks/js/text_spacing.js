// Adds the WCAG text spacing style sheet (arg.css) to this document, or removes it
// (arg.remove).
(arg) => {
  const old = document.getElementById('lqa-text-spacing');
  if (old) old.remove();
  if (arg.remove) return true;
  const s = document.createElement('style');
  s.id = 'lqa-text-spacing';
  s.textContent = arg.css;
  (document.head || document.documentElement).appendChild(s);
  return true;
}
