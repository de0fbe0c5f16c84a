// A cheap signature of what the page shows: its rendered text, the visible popups and the
// number of visible elements. Focus rings, hover styles and scroll positions do not change it.
// Returns {text, count, popups: ['role|selector', ...], url}.
() => {
  const L = window.__lqaLib;
  if (!L) return 'lqa:no-lib';
  const body = document.body;
  if (!body) return {text: '', count: 0, popups: [], url: location.href};
  let count = 0;
  const popups = [];
  const POPUP = '[role=dialog],[role=alertdialog],dialog,[role=menu],[role=listbox],' +
    '[role=tooltip],[role=tabpanel],details[open] > *:not(summary)';
  for (const el of body.querySelectorAll('*')) {
    if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}))
      continue;
    count += 1;
    if (el.matches(POPUP) && L.visible(el)) popups.push(L.roleOf(el) + '|' + L.sel(el));
  }
  // innerText holds only rendered text; a shadow DOM's text is in its host's count.
  let h = 0;
  const text = body.innerText || '';
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return {text: String(h) + ':' + text.length, count, popups, url: location.href};
}
