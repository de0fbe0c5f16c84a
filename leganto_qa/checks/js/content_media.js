// Content rules on images and generated content (window.__lqaContent.parts.media):
// alt-quality (1.1.1, F30) and css-content (1.3.1, F87).
() => {
  const C0 = window.__lqaContent;
  if (!C0) return 'lqa:no-content';
  const FILE = /\.(jpe?g|png|gif|webp|svg|bmp|tiff?|avif|ico)$|^(img|dsc|dscn|dcim|pict|pic|image|photo|screenshot|skjermbilde|bilde)[-_ ]?\d+$/i;
  const PREFIX = /^(an? )?(image|picture|photo|photograph|graphic|icon|illustration) of\b|^(eit |et |ett )?(bilde|bildet|bilete|biletet|foto|fotografi|illustrasjon|ikon|grafikk) (av|som viser)\b/i;
  const PLACEHOLDER = new Set(['image', 'img', 'picture', 'photo', 'graphic', 'icon', 'spacer',
    'blank', 'alt', 'alt text', 'image description', 'placeholder', 'untitled', 'insert image',
    'tbd', 'todo', 'bilde', 'bilete', 'foto', 'grafikk', 'ikon', 'illustrasjon', 'illustration',
    'logo', 'bildetekst', 'alternativ tekst', 'image placeholder', 'dummy']);
  const ICON_FONT = /icon|awesome|glyph|symbol|material|dashicons|ionicons|fontello|icomoon/i;

  function altProblem(C, el, alt) {
    const text = C.norm(alt);
    if (!text) return null;
    const src = (el.getAttribute('src') || '').split(/[?#]/)[0].split('/').pop() || '';
    if (FILE.test(alt.trim()) || (src && text === C.norm(decodeURIComponent(src))))
      return 'file';
    if (PLACEHOLDER.has(text)) return 'placeholder';
    if (PREFIX.test(alt.trim())) return 'prefix';
    const link = el.closest('a[href], button');
    if (link) {
      const rest = C.norm(C.subtreeText(link, false).replace(alt, ' '));
      if (rest && rest === text) return 'repeated';
    }
    return null;
  }
  // The words a ::before/::after content shows (string literals only; private-use
  // characters, quotes and symbols left out), or ''.
  function shownWords(cs) {
    const content = cs.content;
    if (!content || content === 'none' || content === 'normal' || cs.display === 'none') return '';
    const visual = content.split(/\s\/\s(?=(?:[^"]*"[^"]*")*[^"]*$)/)[0];
    const strings = visual.match(/"(?:[^"\\]|\\.)*"/g) || [];
    const text = strings.map(s => s.slice(1, -1).replace(/\\(.)/g, '$1')).join('')
      .replace(/[\uE000-\uF8FF]|[\u{F0000}-\u{FFFFD}]|[\u{100000}-\u{10FFFD}]/gu, '');
    return /\p{L}{2,}/u.test(text) ? text.trim() : '';
  }

  C0.parts.media = (arg, L, C, root) => {
    const out = [];
    const all = L.deepAll(document).filter(el => L.contains(root, el));
    for (const el of all) {
      if (!el.matches('img[alt], input[type=image][alt], [role=img][aria-label]')) continue;
      if (!L.visible(el)) continue;
      const alt = el.getAttribute('alt') ?? el.getAttribute('aria-label') ?? '';
      const why = altProblem(C, el, alt);
      if (why) out.push({rule: 'alt-quality', el, detail: {why, alt: alt.trim().slice(0, 80)}});
    }
    for (const {el, pseudo} of C.generated()) {
      if (!L.contains(root, el)) continue;
      const cs = getComputedStyle(el, pseudo);
      const words = shownWords(cs);
      if (!words || ICON_FONT.test(cs.fontFamily) || parseFloat(cs.fontSize) < 4) continue;
      if (cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0) continue;
      if (!L.visible(el)) continue;
      out.push({rule: 'css-content', el, detail: {pseudo, text: words.slice(0, 60)}});
    }
    return out;
  };
  return true;
}
