// Tiny DOM helpers: pages are built from elements (textContent, never innerHTML), so nothing the node or a
// barcode says can become markup or script.
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function fields(pairs) {
  return el('dl', { class: 'fields' }, pairs.flatMap(([k, v, attrs]) => [el('dt', {}, k), el('dd', attrs || {}, v)]));
}

export function table(headers, rows, attrs) {
  return el('table', attrs || {}, el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map(r => el('tr', {}, r.map(c => (c instanceof Node && c.tagName === 'TD') ? c : el('td', {}, c))))));
}

export function time(ms) { return ms ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '—'; }

export function show(view, ...content) {
  const main = document.getElementById('view');
  main.replaceChildren(...content);
  if (view) document.title = view + ' · careledger';
}

export function errorBox(e) {
  return el('p', { class: 'error', role: 'alert' }, e.code === 'FORBIDDEN'
    ? 'Your identity may not see this (' + e.message + ').' : String(e.message || e));
}

export function short(h) { return h && h.length > 16 ? h.slice(0, 12) + '…' : h; }
