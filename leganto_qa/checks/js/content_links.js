// Content rules on links (installed as window.__lqaContent.parts.links):
// link-purpose (2.4.4), skip-link-target (2.4.1), file-link-type (2.4.4).
() => {
  const C0 = window.__lqaContent;
  if (!C0) return 'lqa:no-content';
  // Link texts that say nothing of where the link goes (en, nb, nn), compared after norm().
  const GENERIC = new Set([
    'click here', 'click', 'here', 'click this', 'this', 'this link', 'link', 'read more',
    'more', 'more info', 'more information', 'learn more', 'find out more', 'see more',
    'read on', 'continue reading', 'details', 'more details', 'go', 'info', 'page', 'this page',
    'website', 'download', 'click to read more', 'view more',
    'klikk her', 'trykk her', 'her', 'les mer', 'mer', 'mer info', 'mer informasjon',
    'se mer', 'se her', 'lenke', 'denne lenken', 'lenken', 'link', 'les videre', 'vis mer',
    'detaljer', 'last ned', 'klikk', 'gå hit',
    'les meir', 'meir', 'meir info', 'meir informasjon', 'sjå meir', 'sjå her', 'lenkje',
    'denne lenka', 'lenka', 'vis meir', 'last ned her', 'klikk her for meir',
    'klikk her for mer', 'click here for more', 'here for more',
  ]);
  const SKIP = /\b(skip|jump)\b|hopp (over|til)|gå til (hoved|hovud)|hovedinnhold|hovudinnhald|main content|til innhald|til innhold/i;
  // Ids a skip link at the top of the page points to (a link named otherwise is left alone).
  const MAIN_ID = /main|content|innhold|innhald|skip|hopp|start/i;
  const FILE_TYPES = [
    [/\.pdf$/i, 'PDF', /\bpdf\b/i],
    [/\.(docx?|odt|rtf)$/i, 'Word document',
      /\b(docx?|word|odt|rtf|tekstdokument|document|dokument)\b/i],
    [/\.(xlsx?|ods|csv)$/i, 'spreadsheet',
      /\b(xlsx?|excel|ods|csv|spreadsheet|regneark|rekneark)\b/i],
    [/\.(pptx?|odp)$/i, 'presentation',
      /\b(pptx?|powerpoint|odp|presentation|presentasjon|lysbilde\w*)\b/i],
    [/\.(zip|rar|7z|gz|tgz)$/i, 'archive', /\b(zip|rar|7z|gz|tgz|archive|arkiv|komprimert)\b/i],
    [/\.(mp3|wav|ogg|oga|m4a|flac|aac)$/i, 'audio file',
      /\b(mp3|wav|ogg|oga|m4a|flac|aac|audio|lyd\w*|podcast|sound)\b/i],
    [/\.(mp4|mov|avi|wmv|webm|mkv|m4v)$/i, 'video file',
      /\b(mp4|mov|avi|wmv|webm|mkv|m4v|video|film)\b/i],
    [/\.epub$/i, 'e-book', /\b(epub|e-?book|e-?bok)\b/i],
  ];

  const destination = (a) => {
    const href = a.getAttribute('href');
    if (href === null) return null;
    let u;
    try { u = new URL(href, document.baseURI); } catch { return href; }
    if (/^javascript:/i.test(u.href)) return u.href;
    const here = new URL(location.href);
    const path = u.pathname.replace(/\/(index|default)\.(html?|php|aspx?)$/i, '/')
      .replace(/\/+$/, '');
    const samePage = u.origin === here.origin && path === here.pathname.replace(/\/+$/, '') &&
      u.search === here.search;
    return u.origin + path + u.search + (samePage ? u.hash : '');
  };

  // link-purpose: a generic text whose context says nothing more; the same text to different
  // places with nothing around them to tell them apart.
  function purpose(C, links, names, out) {
    const generic = new Set();
    for (const a of links) {
      if (!GENERIC.has(C.norm(names.get(a))) || C.words(C.contextText(a)).length >= 3) continue;
      generic.add(a);
      out.push({rule: 'link-purpose', el: a, detail: {why: 'generic', name: names.get(a)}});
    }
    const counts = new Map();
    for (const a of links) {
      const key = C.norm(names.get(a));
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    const groups = new Map();
    for (const a of links) {
      const key = C.norm(names.get(a));
      if (!key || counts.get(key) < 2 || generic.has(a) || !a.hasAttribute('href')) continue;
      // Same text and same context (sentence, cell, row, description, title): one group.
      const group = key + '\u0000' + C.norm(C.contextText(a) + ' ' + (a.getAttribute('title') || ''));
      if (!groups.has(group)) groups.set(group, []);
      groups.get(group).push(a);
    }
    for (const [, alike] of groups) {
      const places = new Map();
      for (const a of alike) {
        const d = destination(a);
        if (d !== null && !places.has(d)) places.set(d, a);
      }
      if (places.size < 2) continue;
      const [first, ...rest] = Array.from(places.values());
      out.push({rule: 'link-purpose', el: first, others: rest,
        detail: {why: 'ambiguous', name: names.get(first), count: places.size}});
    }
  }

  // skip-link-target: a skip link (by its text, or one of the first three controls pointing
  // at a main-content id) whose target does not exist or is hidden.
  function skipTargets(L, links, names, out) {
    const tabbable = L.deepAll(document).filter(el => el.tabIndex >= 0 && el.matches(L.NATIVE));
    const top = new Set(tabbable.slice(0, 3));
    for (const a of links) {
      const href = a.getAttribute('href') || '';
      if (!href.startsWith('#') || href.length < 2 || /^#[!/]/.test(href)) continue;
      let id;
      try { id = decodeURIComponent(href.slice(1)); } catch { id = href.slice(1); }
      if (!SKIP.test(names.get(a)) && !(top.has(a) && MAIN_ID.test(id))) continue;
      const target = document.getElementById(id) || document.getElementsByName(id)[0];
      if (!target) {
        if (id.toLowerCase() === 'top') continue;  // the browser scrolls to the top for #top
        out.push({rule: 'skip-link-target', el: a, detail: {why: 'missing', id}});
      } else if (target.closest('[hidden]') ||
          (target.checkVisibility && !target.checkVisibility({checkVisibilityCSS: true}))) {
        out.push({rule: 'skip-link-target', el: a, others: [target], detail: {why: 'hidden', id}});
      }
    }
  }

  // file-link-type: a link to a file whose name, title and context do not say the type.
  function fileTypes(C, links, names, out) {
    for (const a of links) {
      let path;
      try { path = new URL(a.getAttribute('href') || '', document.baseURI).pathname; }
      catch { continue; }
      const kind = FILE_TYPES.find(([ext]) => ext.test(path));
      if (!kind) continue;
      const said = [names.get(a), a.getAttribute('title') || '', C.contextText(a)].join(' ');
      if (kind[2].test(said)) continue;
      out.push({rule: 'file-link-type', el: a,
        detail: {name: names.get(a), type: kind[1], file: path.split('/').pop()}});
    }
  }

  C0.parts.links = (arg, L, C, root) => {
    const links = L.deepAll(document).filter(el => L.contains(root, el) &&
      el.matches('a[href], [role=link]') && L.visible(el));
    const names = new Map(links.map(a => [a, C.accName(a)]));
    const out = [];
    purpose(C, links, names, out);
    skipTargets(L, links, names, out);
    fileTypes(C, links, names, out);
    return out;
  };
  return true;
}
