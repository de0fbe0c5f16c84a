// Content rules on form fields (installed as window.__lqaContent.parts.forms):
// error-association (3.3.1, 1.3.1), required-indicator (3.3.2, 1.3.1), group-name (1.3.1).
// autocomplete-missing (1.3.5) is in content_autocomplete.js.
() => {
  const C0 = window.__lqaContent;
  if (!C0) return 'lqa:no-content';
  const FIELD = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])' +
    ':not([type=image]), select, textarea, [role=textbox], [role=combobox], [role=checkbox], ' +
    '[role=radio], [role=listbox], [role=spinbutton]';
  const ERRORISH = /error|invalid|feil|danger|validation|alert/i;
  const ERROR_TEXT = new RegExp(['\\b(error|invalid|(is|are) required|please (enter|fill|select|' +
    'provide|choose|type|correct)|must (be|contain|have|not|match)|(is )?not (a )?valid|' +
    'enter a valid|cannot be (empty|blank)|can\'t be (empty|blank)|is missing|incorrect|' +
    'too (short|long)|does not match|doesn\'t match)\\b',
  'feil', 'ugyldig', 'ikkje gyldig', 'ikke gyldig', 'må fyllast ut', 'må fylles ut', 'må vere',
  'må være', 'manglar', 'mangler', 'skriv inn', 'oppgi', 'vel ein', 'velg en', 'for kort',
  'for lang', 'stemmer ikke', 'stemmer ikkje'].join('|'), 'i');
  const STRONG_ERROR = /(^|[\s_-])(error|errors|invalid|feil|ugyldig|\w+-error|error-\w+)($|[\s_-])/i;
  const REQUIRED_WORDS = /required|mandatory|obligatorisk|påkrevd|påkravd|må fylles ut|må fyllast ut|\*/i;

  const isRequired = (f) => f.required || f.getAttribute('aria-required') === 'true';
  const redish = (color) => {
    const m = (color || '').match(/\d+(\.\d+)?/g);
    if (!m) return false;
    const [r, g, b] = m.map(Number);
    return r >= 150 && r - g >= 80 && r - b >= 80;
  };
  const errorStyled = (el) => {
    if (el.closest('[role=alert], [aria-live=assertive]')) return true;
    for (let e = el, d = 0; e && d < 3 && e !== document.body && e.localName !== 'form';
      e = e.parentElement, d++) {
      if (ERRORISH.test((e.getAttribute('class') || '') + ' ' + (e.id || ''))) return true;
    }
    return redish(getComputedStyle(el).color) &&
      /^\W*(error|feil|ugyldig|invalid)/i.test(el.textContent.trim());
  };
  // The one field next to an element: the only field of its nearest container (3 levels up).
  const fieldNear = (el, fields) => {
    for (let e = el.parentElement, d = 0; e && d < 3 && e !== document.body;
      e = e.parentElement, d++) {
      const inside = fields.filter(f => e.contains(f));
      if (inside.length === 1) return inside[0];
      if (inside.length > 1) return null;
    }
    return null;
  };
  const tiedTo = (msg, field, C) => {
    const refs = [...C.byIds(field, 'aria-describedby'), ...C.byIds(field, 'aria-errormessage'),
      ...C.byIds(field, 'aria-labelledby'), ...C.labelsOf(field)];
    return refs.some(r => r.contains(msg) || msg.contains(r));
  };

  function errors(L, C, fields, out) {
    const flagged = new Set();
    const messages = L.deepAll(document).filter(e => {
      const text = e.textContent.trim();
      return text.length >= 3 && text.length <= 200 &&
        (ERROR_TEXT.test(text) || STRONG_ERROR.test(e.getAttribute('class') || '')) &&
        !e.matches(FIELD) && !e.matches('label, legend, button, option') &&
        !e.querySelector(FIELD) && L.visible(e) && errorStyled(e);
    });
    const innermost = messages.filter(m => !messages.some(o => o !== m && m.contains(o)));
    // A field already tied to an error message (the form's error summary is then extra).
    const tiedToSome = (field) => [...C.byIds(field, 'aria-describedby'),
      ...C.byIds(field, 'aria-errormessage')].some(r => messages.some(m =>
      r.contains(m) || m.contains(r)));
    for (const msg of innermost) {
      const field = fieldNear(msg, fields);
      if (!field || flagged.has(field) || tiedTo(msg, field, C) || tiedToSome(field)) continue;
      flagged.add(field);
      out.push({rule: 'error-association', el: field, others: [msg],
        detail: {why: 'untied', message: C.squash(msg.textContent).slice(0, 80)}});
    }
    for (const field of fields) {
      if (field.getAttribute('aria-invalid') !== 'true' || flagged.has(field)) continue;
      if (C.describedText(field)) continue;
      const labels = C.labelsOf(field);
      if (labels.some(l => l.querySelector('[class*=error], [class*=invalid], [role=alert]') ||
        ERROR_TEXT.test(l.textContent))) continue;
      flagged.add(field);
      out.push({rule: 'error-association', el: field, detail: {why: 'undescribed'}});
    }
  }

  // The text an element shows, with its generated content (textContent, not innerText: no
  // layout between the style reads).
  const visibleText = (el, starred) => {
    let text = el.textContent || '';
    if (starred.some(s => el.contains(s))) text += ' *';
    return text;
  };
  function required(L, C, fields, out) {
    const starred = C.generated().filter(g => g.content.includes('*')).map(g => g.el);
    const forms = new Map();
    for (const f of fields) {
      if (f.disabled || f.readOnly || isRequired(f) || f.matches('[role]:not(input)') ||
        f.getAttribute('aria-invalid') === 'true') continue;
      const labels = C.labelsOf(f);
      const shown = labels.map(l => visibleText(l, starred)).join(' ');
      const block = C.contextBlock(f);
      const near = block && block.querySelectorAll(FIELD).length === 1 ?
        visibleText(block, starred) : '';
      const said = C.accName(f) + ' ' + C.describedText(f);
      if ((shown + ' ' + near).includes('*') && !REQUIRED_WORDS.test(said)) {
        out.push({rule: 'required-indicator', el: f, others: labels.slice(0, 1),
          detail: {why: 'asterisk'}});
        continue;
      }
      if (labels.length && f.form) {
        if (!forms.has(f.form)) forms.set(f.form, []);
        forms.get(f.form).push([f, labels[0], said]);
      }
    }
    for (const [, entries] of forms) {
      if (entries.length < 2) continue;
      const red = entries.filter(([, l]) => redish(getComputedStyle(l).color));
      if (!red.length || red.length === entries.length) continue;
      for (const [f, label, said] of red) {
        if (REQUIRED_WORDS.test(said)) continue;
        out.push({rule: 'required-indicator', el: f, others: [label], detail: {why: 'colour'}});
      }
    }
  }

  function groups(L, C, fields, out) {
    const sets = new Map();
    for (const f of fields) {
      if (!f.matches('input[type=radio], input[type=checkbox]') || !f.name) continue;
      if (f.closest('td, th')) continue;  // one per table row: the row header names it
      const key = f.type + '\u0000' + f.name;
      if (!sets.has(f.form)) sets.set(f.form, new Map());
      const byName = sets.get(f.form);
      if (!byName.has(key)) byName.set(key, []);
      byName.get(key).push(f);
    }
    for (const [, byName] of sets) {
      for (const [, set] of byName) {
        if (set.length < 2) continue;
        const named = set.every(f => {
          for (let e = f.parentElement; e && e !== document.body; e = e.parentElement) {
            if (e.localName === 'fieldset' && C.accName(e)) return true;
            if (e.matches('[role=radiogroup], [role=group]') && C.accName(e)) return true;
          }
          return false;
        });
        if (!named) out.push({rule: 'group-name', el: set[0], others: set.slice(1),
          detail: {kind: set[0].type === 'radio' ? 'radio buttons' : 'checkboxes',
            name: set[0].name, count: set.length}});
      }
    }
  }

  C0.parts.forms = (arg, L, C, root) => {
    const fields = L.deepAll(document).filter(f => f.matches(FIELD) && L.contains(root, f) &&
      L.visible(f));
    const out = [];
    errors(L, C, fields, out);
    required(L, C, fields, out);
    groups(L, C, fields, out);
    return out;
  };
  return true;
}
