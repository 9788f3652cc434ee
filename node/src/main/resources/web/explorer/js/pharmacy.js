// Pharmacy check: a pack's GS1 barcode (GTIN + serial, a GS1 Digital Link URL, an element string or an EPC URI)
// to GENUINE / UNKNOWN / ALREADY DISPENSED / RECALLED …, with its custody timeline; each custody transaction's
// inclusion proof is checked here against the answer's header.
import { el, show, table, time, errorBox, short } from './ui.js';
import * as api from './api.js';
import { checkHeader, leafHash, rootFromPath } from './proofs.js';
import { fromHex, equal } from './bytes.js';
import { session } from './state.js';

const LABELS = { ALREADY_DISPENSED: 'ALREADY DISPENSED', LOT_MISMATCH: 'LOT MISMATCH', EXPIRY_MISMATCH: 'EXPIRY MISMATCH' };

export async function pharmacyPage(query) {
  const out = el('section', { id: 'pack-result', 'aria-live': 'polite' });
  const code = el('input', { id: 'pack', type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false',
    value: query || '' });
  const gtin = el('input', { id: 'gtin', type: 'text', inputmode: 'numeric', pattern: '\\d{8,14}', autocomplete: 'off' });
  const serial = el('input', { id: 'serial', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const form = el('form', { class: 'stack', id: 'pharmacy-form' },
    el('label', { for: 'pack' }, 'Scanned barcode',
      el('span', { class: 'hint' }, 'a GS1 Digital Link URL (https://…/01/…/21/…), an element string (01)…(21)… or an EPC URI')),
    code,
    el('p', {}, 'or type the pack\'s numbers:'),
    el('label', { for: 'gtin' }, 'GTIN'), gtin,
    el('label', { for: 'serial' }, 'Serial number'), serial,
    el('button', { type: 'submit', id: 'check-pack' }, 'Check the pack'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const q = code.value.trim() || (gtin.value.trim() && serial.value.trim()
      ? '(01)' + gtin.value.trim().padStart(14, '0') + '(21)' + serial.value.trim() : '');
    if (!q) { out.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'Scan or type a barcode, or a GTIN and a serial.')); return; }
    out.replaceChildren(el('p', {}, 'Checking…'));
    try { out.replaceChildren(...await verdict(q)); } catch (e) { out.replaceChildren(errorBox(e)); }
  });
  show('Pharmacy check', el('h1', {}, 'Is this pack genuine?'), form, out);
  if (query) form.requestSubmit();
}

async function verdict(q) {
  const v = await api.get('/v1/drugs/verify?sgtin=' + encodeURIComponent(q));
  const parts = [el('p', { id: 'verdict', class: 'verdict ' + v.verdict }, LABELS[v.verdict] || v.verdict),
    el('p', { id: 'reason' }, v.reason)];
  if (v.sgtin) parts.push(el('p', {}, 'Pack ', el('span', { class: 'hash' }, v.sgtin)));
  if (v.lot) {
    parts.push(el('p', {}, 'Lot ' + v.lot.lot + ', expires ' + v.lot.expiry + ', made by ' + v.lot.manufacturer
      + (v.lot.recalled ? ' — recalled by ' + v.lot.recalledBy + ': ' + v.lot.recallReason : '')));
  }
  if (v.history.length) {
    const checked = await checkHistory(v);
    parts.push(el('h2', {}, 'Custody'), el('p', { id: 'custody-proofs', role: 'status' }, checked.text),
      el('ol', { class: 'timeline', id: 'custody' }, v.history.map((s, i) => el('li', {},
        el('strong', {}, s.kind), ' by ', s.org, ' (', s.signer, ') — ', time(s.timeMillis),
        s.location ? ' at ' + s.location : '', s.detail ? ' — ' + s.detail : '', ' · tx ',
        el('a', { href: '#/tx/' + s.txId, class: 'hash' }, short(s.txId)), ' ', checked.marks[i]))));
  }
  return parts;
}

/** Each custody step's transaction is proved against the answer's header, here. */
async function checkHistory(v) {
  if (!v.header) return { text: 'No header to check proofs against.', marks: v.history.map(() => '') };
  let header;
  try { header = await checkHeader(v.header, session.genesis); } catch (e) {
    return { text: 'Header check FAILED: ' + e.message, marks: v.history.map(() => '✘') };
  }
  let proven = 0;
  const marks = [];
  for (const s of v.history) {
    const p = s.proof && s.proof.inclusion;
    let ok = false;
    if (p && p.treeSize === header.header.logSize) {
      try {
        const leaf = await leafHash(fromHex(s.txId));
        ok = equal(await rootFromPath(p.leafIndex, p.treeSize, leaf, p.path.map(fromHex)), fromHex(header.header.logRoot));
      } catch (e) { ok = false; }
    }
    if (ok) proven++;
    marks.push(ok ? '✔ proved' : '✘ not proved');
  }
  const cert = header.certified === null ? ' (quorum certificate not checked: no genesis.json loaded)'
    : header.certified ? ', certified by ' + header.signers.length + ' genesis nodes' : ', header not yet certified';
  return { text: proven + ' of ' + v.history.length + ' custody transactions proved in this browser against block '
    + header.header.height + cert + '.', marks };
}
