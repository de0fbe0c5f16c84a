// Whether Leganto's Angular shell <lg-root> has content (true where there is no <lg-root>).
() => {
  const root = document.querySelector('lg-root');
  return !root || root.innerText.trim().length > 0;
}
