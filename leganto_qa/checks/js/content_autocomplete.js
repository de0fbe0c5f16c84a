// Content rule autocomplete-missing (1.3.5), installed as window.__lqaContent.parts.autocomplete:
// a field for the user's own personal data (by label, type, name or id; en, nb, nn) without a
// valid autocomplete token of the right kind.
() => {
  const C0 = window.__lqaContent;
  if (!C0) return 'lqa:no-content';
  const FAMILY = {
    name: ['name', 'honorific-prefix', 'given-name', 'additional-name', 'family-name',
      'honorific-suffix', 'nickname', 'username'],
    email: ['email'],
    tel: ['tel', 'tel-country-code', 'tel-national', 'tel-area-code', 'tel-local',
      'tel-local-prefix', 'tel-local-suffix', 'tel-extension'],
    address: ['street-address', 'address-line1', 'address-line2', 'address-line3',
      'address-level1', 'address-level2', 'address-level3', 'address-level4', 'postal-code',
      'country', 'country-name'],
    bday: ['bday', 'bday-day', 'bday-month', 'bday-year'],
  };
  const OTHER_TOKENS = ['organization-title', 'organization', 'new-password', 'current-password',
    'one-time-code', 'cc-name', 'cc-given-name', 'cc-additional-name', 'cc-family-name',
    'cc-number', 'cc-exp', 'cc-exp-month', 'cc-exp-year', 'cc-csc', 'cc-type',
    'transaction-currency', 'transaction-amount', 'language', 'sex', 'url', 'photo', 'impp'];
  const TOKENS = new Set([...Object.values(FAMILY).flat(), ...OTHER_TOKENS]);
  const PHRASES = {
    name: ['name', 'full name', 'navn', 'fullt navn', 'namn', 'fullt namn', 'first name',
      'given name', 'fornavn', 'førenamn', 'fornamn', 'last name', 'surname', 'family name',
      'etternavn', 'etternamn', 'middle name', 'mellomnavn', 'mellomnamn', 'first and last name',
      'fornavn og etternavn', 'førenamn og etternamn', 'username', 'user name', 'brukernavn',
      'brukarnamn'],
    email: ['email', 'e-mail', 'email address', 'e-mail address', 'e-post', 'epost',
      'e-postadresse', 'epostadresse'],
    tel: ['phone', 'telephone', 'phone number', 'telephone number', 'mobile', 'mobile number',
      'mobile phone', 'telefon', 'telefonnummer', 'mobil', 'mobilnummer', 'mobiltelefon', 'tlf'],
    address: ['address', 'street address', 'postal address', 'home address', 'adresse',
      'gateadresse', 'postadresse', 'heimeadresse', 'hjemmeadresse', 'postal code', 'postcode',
      'post code', 'zip', 'zip code', 'postnummer', 'postnr', 'city', 'town', 'poststed',
      'poststad', 'country', 'land'],
    bday: ['birthday', 'date of birth', 'birth date', 'fødselsdato', 'fødselsdag', 'bursdag'],
  };
  const ATTRS = {
    name: /^(full|first|last|given|family|middle|sur|your|user|for|etter|mellom)_?-?(name|navn|namn)$|^[fl]name$|^surname$/,
    email: /^(e-?mail|e-?post)(_?address|adresse)?$|^your-?email$/,
    tel: /^(tel|phone|telephone|mobile|telefon|mobil)(_?-?(number|nummer|no))?$/,
    address: /^(street_?-?address|address(_?line_?1)?|adresse|postal_?-?code|post_?code|zip(_?code)?|postnummer|city|poststed)$/,
    bday: /^(birthday|dob|date_?-?of_?-?birth|birth_?-?date|fodselsdato|fødselsdato)$/,
  };
  const OTHERS = /recipient|friend|colleague|mottaker|mottakar|venn|kollega|author|forfatter|search|søk|their|contact person|kontaktperson|guardian|foresatt|emergency|pårørende|pårørande|company|firma|organi[sz]ation|editor|redaktør|publisher|forlag|sender|student|child|barn/i;
  const clean = (C, s) => C.norm(s).replace(/\((required|optional|obligatorisk|valfritt|valgfritt|påkrevd)\)/g, '')
    .replace(/^(your|my|din|ditt|dine|di|min|mitt|mine)\s+/, '').replace(/[*:]/g, '').trim();

  function purpose(C, f) {
    const label = clean(C, C.accName(f));
    const attrs = [f.name || '', f.id || ''].map(s => s.toLowerCase());
    if (OTHERS.test(label) || attrs.some(a => OTHERS.test(a))) return null;
    for (const [family, phrases] of Object.entries(PHRASES)) {
      if (phrases.includes(label)) return family;
    }
    for (const [family, re] of Object.entries(ATTRS)) {
      if (attrs.some(a => re.test(a))) return family;
    }
    return null;
  }
  // What is wrong with the autocomplete attribute for a field of this family (null: nothing).
  function verdict(f, family) {
    const raw = (f.getAttribute('autocomplete') || '').trim().toLowerCase();
    if (!raw) return 'missing';
    const tokens = raw.split(/\s+/).filter(t => t !== 'webauthn');
    const field = tokens[tokens.length - 1];
    if (field === 'off' || field === 'on') return field;
    if (!TOKENS.has(field)) return 'invalid';
    for (const t of tokens.slice(0, -1)) {
      if (!/^section-|^(shipping|billing|home|work|mobile|fax|pager)$/.test(t)) return 'invalid';
    }
    return FAMILY[family].includes(field) ? null : 'wrong';
  }

  C0.parts.autocomplete = (arg, L, C, root) => {
    const out = [];
    const inputs = L.deepAll(document).filter(f => f.matches('input, select, textarea') &&
      L.contains(root, f) && L.visible(f) && !f.disabled && !f.readOnly &&
      ['text', 'email', 'tel', 'number', 'date', 'select-one', 'textarea', ''].includes(f.type) &&
      !f.closest('[role=search], search') && !(f.form && f.form.getAttribute('role') === 'search'));
    for (const f of inputs) {
      const family = purpose(C, f);
      if (!family) continue;
      const why = verdict(f, family);
      if (why) out.push({rule: 'autocomplete-missing', el: f, detail: {why, family,
        value: f.getAttribute('autocomplete') || '', expected: FAMILY[family][0]}});
    }
    return out;
  };
  return true;
}
