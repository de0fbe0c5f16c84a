// Content rules on tables (installed as window.__lqaContent.parts.tables):
// table-headers (1.3.1; F90: headers attributes naming the wrong cells) and layout-table
// (1.3.1, F46).
() => {
  const C0 = window.__lqaContent;
  if (!C0) return 'lqa:no-content';
  const HEADERS = 'th, td[scope], td[headers], [role=columnheader], [role=rowheader]';
  const LAYOUT_SUMMARY = /\b(layout|lay-out|formatting|presentation|presentasjon|oppsett|design)\b/i;
  const BLOCKY = 'table, form, h1, h2, h3, h4, h5, h6, nav, iframe, ul, ol, fieldset, p ~ p';

  const bold = (cell) => parseInt(getComputedStyle(cell).fontWeight, 10) >= 600 ||
    (cell.textContent.trim() !== '' && Array.from(cell.querySelectorAll('b, strong, th'))
      .some(b => b.textContent.trim() === cell.textContent.trim()));
  const paint = (row) => {
    for (let e = row; e && e.localName !== 'table'; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
    }
    return 'none';
  };
  const cellPaint = (cell) => {
    const bg = getComputedStyle(cell).backgroundColor;
    return bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent' ? bg : paint(cell.parentElement);
  };
  // Headers shown by presentation only: a bold or shaded first row or first column, a caption,
  // a thead of plain cells.
  function shownHeaders(table, rows) {
    if (table.caption && table.caption.textContent.trim()) return 'caption';
    if (table.tHead && table.tHead.rows.length) return 'thead';
    const [first, second] = rows;
    const firstCells = Array.from(first.cells).filter(c => c.textContent.trim());
    const secondCells = Array.from(second.cells).filter(c => c.textContent.trim());
    if (firstCells.length >= 2 && firstCells.every(bold) && !secondCells.every(bold))
      return 'row';
    if (firstCells.length >= 2 && paint(first) !== paint(second) &&
        Array.from(first.cells).every(c => cellPaint(c) !== cellPaint(second.cells[0])))
      return 'row';
    const heads = rows.map(r => r.cells[0]).filter(c => c && c.textContent.trim());
    const rest = rows.map(r => r.cells[1]).filter(c => c && c.textContent.trim());
    if (heads.length >= 2 && heads.every(bold) && !rest.every(bold)) return 'column';
    return null;
  }

  // Grid position of every cell of the table: cell -> {rows: [from, to), cols: [from, to)}.
  function grid(table) {
    const at = new Map();
    const taken = [];
    Array.from(table.rows).forEach((row, r) => {
      let c = 0;
      for (const cell of row.cells) {
        while (taken[r] && taken[r][c]) c++;
        const rs = Math.max(1, cell.rowSpan || 1);
        const cs = Math.max(1, cell.colSpan || 1);
        for (let i = r; i < r + rs; i++) {
          taken[i] = taken[i] || [];
          for (let j = c; j < c + cs; j++) taken[i][j] = true;
        }
        at.set(cell, {r0: r, r1: r + rs, c0: c, c1: c + cs});
        c += cs;
      }
    });
    return at;
  }
  // F90: a data cell's headers attribute names ids that do not exist, are not header cells of
  // the table, or are headers of another row and column (a group header alone in its row, or
  // spanning columns, may head cells of other columns).
  function wrongHeaders(table) {
    const out = [];
    const cells = Array.from(table.querySelectorAll('td[headers], th[headers]'))
      .filter(c => c.closest('table') === table);
    if (!cells.length) return out;
    const at = grid(table);
    const groupHead = (h, p) => p.c1 - p.c0 > 1 ||
      Array.from(h.parentElement.cells).every(c => c === h || !c.textContent.trim());
    for (const cell of cells) {
      const me = at.get(cell);
      const wrong = [];
      for (const id of cell.getAttribute('headers').trim().split(/\s+/).filter(Boolean)) {
        const h = document.getElementById(id);
        const p = h && at.get(h);
        if (!h || !p || h.localName !== 'th' || h === cell) { wrong.push(id); continue; }
        const sameRow = p.r0 < me.r1 && me.r0 < p.r1;
        const sameCol = p.c0 < me.c1 && me.c0 < p.c1;
        if (!sameRow && !sameCol && !groupHead(h, p)) wrong.push(id);
      }
      if (wrong.length) out.push({rule: 'table-headers', el: cell,
        detail: {wrong, text: cell.textContent.trim().slice(0, 40)}});
      if (out.length >= 5) break;
    }
    return out;
  }

  C0.parts.tables = (arg, L, C, root) => {
    const {deepAll, contains, visible} = L;
    const out = [];
    const tables = deepAll(document).filter(t => t.localName === 'table' && contains(root, t) &&
      visible(t));
    for (const table of tables) {
      const role = (table.getAttribute('role') || '').trim();
      const summary = (table.getAttribute('summary') || '').trim();
      if (role === 'presentation' || role === 'none') {
        const marks = [];
        const own = (sel) => Array.from(table.querySelectorAll(sel))
          .some(e => e.closest('table') === table);
        if (own('th')) marks.push('th cells');
        if (table.caption && table.caption.textContent.trim()) marks.push('a caption');
        if (summary) marks.push('a summary');
        if (own('[scope], [headers]')) marks.push('scope or headers attributes');
        if (marks.length) out.push({rule: 'layout-table', el: table, detail: {marks}});
        continue;
      }
      if (role && role !== 'table' && role !== 'grid' && role !== 'treegrid') continue;
      // Said to be for layout (summary, caption, class or id) yet marked up as data: F46.
      const caption = table.caption ? table.caption.textContent.trim() : '';
      if ((summary && LAYOUT_SUMMARY.test(summary)) || /^(page )?layout$|^oppsett$/i.test(caption) ||
          /(^|[\s_-])layout($|[\s_-])/i.test((table.getAttribute('class') || '') + ' ' + table.id)) {
        const marks = [];
        if (table.querySelector('th')) marks.push('th cells');
        if (caption) marks.push('a caption');
        if (summary) marks.push('a summary');
        if (marks.length) {
          out.push({rule: 'layout-table', el: table, detail: {marks}});
          continue;
        }
      }
      if (table.querySelector('table') || table.parentElement.closest('table')) continue;
      const misled = wrongHeaders(table);
      if (misled.length) {
        out.push(...misled);
        continue;
      }
      if (table.querySelector(HEADERS)) continue;
      const rows = Array.from(table.rows).filter(r => visible(r) && r.cells.length >= 2);
      if (rows.length < 2) continue;
      const cells = rows.flatMap(r => Array.from(r.cells));
      if (cells.filter(c => c.textContent.trim()).length < 4) continue;
      if (cells.some(c => c.matches(':has(' + BLOCKY + ')') || c.textContent.length > 200))
        continue;
      const shown = shownHeaders(table, rows);
      if (!shown) continue;
      out.push({rule: 'table-headers', el: table,
        detail: {rows: rows.length, cols: Math.max(...rows.map(r => r.cells.length)), shown}});
    }
    return out;
  };
  return true;
}
