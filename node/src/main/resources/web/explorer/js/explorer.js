// Dashboard, block and transaction pages. What the node serves is shown as the API answers it for the signed-in
// identity; headers, certificates and inclusion proofs are re-checked in the browser.
import { el, show, fields, table, time, errorBox, short } from './ui.js';
import * as api from './api.js';
import { checkHeader, checkTxProof } from './proofs.js';
import { session } from './state.js';

const RECENT = 8;
let timer = null;

export function stopRefresh() { if (timer) { clearTimeout(timer); timer = null; } }

function blockLink(h) { return el('a', { href: '#/block/' + h }, String(h)); }
function txLink(id) { return el('a', { href: '#/tx/' + id, class: 'hash', title: id }, short(id)); }

/** Org of a node id "<org>/node". */
function orgOf(id) { return id ? id.split('/')[0] : ''; }

export async function dashboard() {
  const health = await api.get('/v1/health');
  let head = null, headError = null;
  try { head = await api.get('/v1/head'); } catch (e) { headError = e; }
  const cards = el('div', { class: 'cards' },
    card('Height', String(health.height), 'height'),
    card('Final height', String(health.finalHeight), 'final-height'),
    card('Leader', health.leader || '—', 'leader'),
    card('This node', health.nodeId + ' (' + (health.role || '—') + ')', 'node'),
    card('Status', health.status, 'status'),
    card('Raft lag', String(health.lag), 'lag'));
  const recent = el('section', { 'aria-labelledby': 'recent-h' }, el('h2', { id: 'recent-h' }, 'Recent blocks'));
  const rows = [];
  let recentError = null;
  for (let h = health.height; h >= 1 && h > health.height - RECENT; h--) {
    try {
      const b = await api.get('/v1/blocks/' + h);
      const c = b.header.certificate;
      rows.push([blockLink(h), time(b.header.timestampMillis), String(b.header.txCount), b.header.proposer,
        c ? c.signatures.length + ' / ' + c.quorum + (c.isFinal ? ' final' : '') : '—']);
    } catch (e) { recentError = e; break; }
  }
  if (rows.length) recent.append(table(['Height', 'Time', 'Txs', 'Proposer', 'Signatures'], rows, { id: 'recent-blocks' }));
  if (recentError) recent.append(errorBox(recentError));
  // the user may have moved on while the calls above were under way (or a refresh was): do not draw over that page
  if (!location.hash.startsWith('#/dashboard')) return;
  show('Dashboard', el('h1', {}, 'Network'), cards,
    head ? el('p', {}, 'Newest block ', blockLink(head.height), ' ', el('span', { class: 'hash' }, head.hash),
      ', signed by ', (head.certificate ? head.certificate.signatures.map(s => s.nodeId).join(', ') : 'no one yet') || 'no one yet',
      '.') : (headError ? errorBox(headError) : el('p', {}, 'No block yet.')),
    el('p', {}, 'Other nodes are seen through the blocks they sign: each certificate lists the genesis nodes that'
      + ' signed. This page refreshes every 3 seconds.'),
    recent);
  timer = setTimeout(() => { if (location.hash.startsWith('#/dashboard')) dashboard().catch(() => {}); }, 3000);
}

function card(label, value, id) {
  return el('div', { class: 'card' }, el('div', {}, label), el('div', { class: 'v', id }, value));
}

export async function blockPage(height) {
  if (!/^\d+$/.test(height || '')) throw new Error('a block height is a whole number');
  const b = await api.get('/v1/blocks/' + height);
  const h = b.header;
  const c = h.certificate;
  const check = el('p', { id: 'header-check', role: 'status' }, 'Checking the header…');
  show('Block ' + height,
    el('h1', {}, 'Block ' + h.height),
    el('nav', { 'aria-label': 'Neighbouring blocks' }, h.height > 1 ? el('a', { href: '#/block/' + (h.height - 1) }, '← previous') : '',
      ' ', el('a', { href: '#/block/' + (h.height + 1) }, 'next →')),
    fields([['Hash', h.hash, { class: 'hash' }], ['Previous hash', h.prevHash, { class: 'hash' }],
      ['Time', time(h.timestampMillis)], ['Chain', h.chainId], ['Transactions', String(h.txCount)],
      ['Log size', String(h.logSize)], ['Log root', h.logRoot, { class: 'hash' }],
      ['Results digest', h.resultsDigest, { class: 'hash' }], ['State digest', h.stateDigest, { class: 'hash' }],
      ['Proposer', h.proposer]]),
    check,
    el('h2', {}, 'Quorum certificate'),
    c ? el('p', {}, c.signatures.length + ' signatures, quorum ' + c.quorum + (c.isFinal ? ' — final' : ' — not final yet'))
      : el('p', {}, 'No certificate yet.'),
    c ? table(['Org', 'Node', 'Signature'], c.signatures.map(s => [orgOf(s.nodeId), s.nodeId,
      el('td', { class: 'hash' }, short(s.signature))]), { id: 'signatures' }) : '',
    el('h2', {}, 'Transactions'),
    table(['#', 'Id', 'Signer', 'Contract', 'Method', 'Result'], b.txs.map(t => [String(t.index), txLink(t.txId),
      t.signer, t.contract, t.method, el('td', { class: t.code === 'VALID' ? 'OK' : 'FAILED' }, t.code)]), { id: 'txs' }));
  try {
    const r = await checkHeader(h, session.genesis);
    check.textContent = 'Header checked in this browser: its bytes hash to ' + short(r.hash) + ' and carry the fields'
      + ' shown. ' + (r.certified === null ? 'Certificate not checked (no genesis.json loaded).'
        : (r.certified ? 'Certified: ' : 'Not yet certified: ') + r.signers.length + ' valid genesis node signatures of '
          + r.quorum + ' needed.');
    check.className = r.certified === false ? 'UNKNOWN' : 'OK';
  } catch (e) {
    check.textContent = 'Header check FAILED: ' + e.message;
    check.className = 'FAILED';
  }
}

export async function txPage(id) {
  if (!/^[0-9a-f]{64}$/.test(id || '')) throw new Error('a transaction id is 64 hex characters');
  // prove against the newest final (quorum-certified) header when the tx is in one, else against the newest header
  const health = await api.get('/v1/health');
  let view;
  try {
    view = await api.get('/v1/txs/' + id + '?height=' + health.finalHeight);
  } catch (e) {
    if (e.code !== 'PROOF_OUT_OF_RANGE') throw e;
    view = await api.get('/v1/txs/' + id);
  }
  const t = view.tx;
  const result = el('div', { id: 'proof-check', role: 'status' });
  const json = el('textarea', { id: 'proof-json', 'aria-describedby': 'proof-about', spellcheck: 'false' },
    JSON.stringify({ tx: t, proof: view.proof, header: view.header }, null, 1));
  const run = async () => {
    result.replaceChildren(el('p', {}, 'Checking…'));
    let parsed;
    try { parsed = JSON.parse(json.value); } catch (e) {
      result.replaceChildren(el('p', { id: 'proof-result', class: 'verdict FAILED' }, 'FAILED'), el('p', {}, 'not JSON: ' + e.message));
      return;
    }
    const r = await checkTxProof(parsed, session.genesis);
    result.replaceChildren(el('p', { id: 'proof-result', class: 'verdict ' + (r.ok ? 'OK' : 'FAILED') }, r.ok ? 'OK' : 'FAILED'),
      el('ul', { class: 'steps' }, r.steps.map(s => el('li', { class: s.ok ? 'ok' : 'bad' }, s.what + ' — ', el('span', { class: 'hash' }, s.detail)))));
  };
  show('Transaction ' + short(id),
    el('h1', {}, 'Transaction'),
    fields([['Id', t.txId, { class: 'hash' }], ['Signer', t.signer], ['Contract', t.contract], ['Method', t.method],
      ['Nonce', String(t.nonce)], ['Block', blockLink(t.height)], ['Position', 'tx ' + t.index + ', log leaf ' + t.logIndex],
      ['Validation', t.code + (t.errorCode ? ' (' + t.errorCode + ')' : ''), { class: t.code === 'VALID' ? 'OK' : 'FAILED', id: 'tx-code' }],
      ['Message', t.message || '—']]),
    el('h2', {}, 'Events'),
    t.events.length ? table(['Type', 'Data'], t.events.map(e => [e.type, el('td', { class: 'hash' }, JSON.stringify(e.data))]), { id: 'events' })
      : el('p', {}, 'No events.'),
    el('h2', {}, 'Inclusion proof'),
    el('p', { id: 'proof-about' }, 'Checked in this browser with WebCrypto SHA-256 (RFC 6962 leaf and node hashing)'
      + ' against block ' + view.header.height + '\'s header. You can paste a proof someone gave you, or edit this one,'
      + ' and check it again.'),
    result,
    el('label', { for: 'proof-json' }, 'Proof (transaction, audit path, header)'), json,
    el('p', {}, el('button', { type: 'button', id: 'check-proof', onclick: run }, 'Check this proof')));
  await run();
}
