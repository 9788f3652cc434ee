// The single page: sign-in, hash routing (#/dashboard, #/block/7, #/tx/<id>, #/pharmacy, #/patient, #/studies,
// #/claims, #/claim/<id>, #/health, …) and search.
// The key stays in memory as a non-extractable CryptoKey: reloading the page signs out.
import { el, show, errorBox } from './ui.js';
import * as api from './api.js';
import { importIdentityKey } from './signer.js';
import { importEncryptionKey } from './sealing.js';
import { bytesToB64 } from './bytes.js';
import { genesisNodes } from './proofs.js';
import { dashboard, blockPage, txPage, stopRefresh } from './explorer.js';
import { pharmacyPage } from './pharmacy.js';
import { patientPage } from './patient.js';
import { auditPage } from './audit.js';
import { studiesPage, studyPage } from './research.js';
import { identityPage, orgPage } from './directory.js';
import { claimsPage, claimPage, coveragePage, planPage } from './claims.js';
import { healthPage, reportPage, aggregatePage } from './health.js';
import { session } from './state.js';


function signInPage() {
  const status = el('p', { id: 'signin-status', role: 'status' });
  const form = el('form', { class: 'stack', id: 'signin', 'aria-describedby': 'signin-about' },
    el('p', { id: 'signin-about' }, 'Sign in with a ledger identity\'s private key file. The key is read into this page'
      + ' only; it signs each request here and is never sent anywhere.'),
    el('label', { for: 'keyfile' }, 'Private key file',
      el('span', { class: 'hint' }, 'PKCS#8 PEM as careledger writes it: a wallet\'s signing.key, or an identity\'s .key')),
    el('input', { id: 'keyfile', type: 'file', accept: '.key,.pem,text/plain', required: true }),
    el('label', { for: 'walletinfo' }, 'Wallet patient.json (optional)',
      el('span', { class: 'hint' }, 'fills in the patient identity below')),
    el('input', { id: 'walletinfo', type: 'file', accept: '.json,application/json' }),
    el('label', { for: 'walletkey' }, 'Wallet encryption.key (optional)',
      el('span', { class: 'hint' }, 'the patient\'s X25519 key: opens your records and re-wraps them for a grant, here only')),
    el('input', { id: 'walletkey', type: 'file', accept: '.key,text/plain' }),
    el('label', { for: 'identity' }, 'Identity',
      el('span', { class: 'hint' }, 'e.g. hospital-a/dr-lee, pharmacy-c/admin or patient/p-…')),
    el('input', { id: 'identity', type: 'text', autocomplete: 'username', spellcheck: 'false', required: true,
      value: api.current() ? api.current().keyId : '' }),
    el('label', { for: 'genesisfile' }, 'Network genesis.json (optional)',
      el('span', { class: 'hint' }, 'the consortium\'s genesis: lets this page check quorum certificates itself')),
    el('input', { id: 'genesisfile', type: 'file', accept: '.json,application/json' }),
    el('button', { type: 'submit' }, 'Sign in'), status);
  form.querySelector('#walletinfo').addEventListener('change', async ev => {
    const f = ev.target.files[0];
    if (!f) return;
    try {
      const info = JSON.parse(await f.text());
      form.querySelector('#identity').value = 'patient/' + info.patientId;
    } catch (e) { status.textContent = 'That file is not a wallet patient.json: ' + e.message; }
  });
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    status.textContent = 'Checking the key…';
    try {
      const keyFile = form.querySelector('#keyfile').files[0];
      if (!keyFile) throw new Error('choose a private key file');
      const keyId = form.querySelector('#identity').value.trim();
      if (!/^[a-z0-9-]+\/[A-Za-z0-9._-]+$/.test(keyId)) throw new Error('the identity is org/name or patient/p-…');
      const { key, alg } = await importIdentityKey(await keyFile.text());
      const g = form.querySelector('#genesisfile').files[0];
      if (g) { session.genesis = await genesisNodes(await g.text()); }
      api.signIn({ keyId, key, alg });
      // one signed call proves the node knows this identity and its key
      await api.get('/v1/identities/' + keyId);
      session.walletKey = null;
      const wk = form.querySelector('#walletkey').files[0];
      if (wk) {
        if (!keyId.startsWith('patient/')) throw new Error('an encryption.key belongs to a patient wallet: sign in as patient/p-…');
        const pair = await importEncryptionKey(await wk.text());
        const registered = await api.get('/v1/patients/' + keyId.slice('patient/'.length) + '/encryption-key');
        if (bytesToB64(pair.publicBytes) !== registered.encryptionKey) {
          throw new Error('this encryption.key is not the one registered for ' + keyId + ' on the ledger');
        }
        session.walletKey = pair;
      }
      status.textContent = 'Signed in as ' + keyId + '.';
      document.getElementById('who').textContent = 'Signed in: ' + keyId;
      location.hash = keyId.startsWith('patient/') ? '#/patient' : '#/dashboard';
    } catch (e) {
      api.signOut();
      session.walletKey = null;
      status.replaceChildren(errorBox(e));
    }
  });
  show('Sign in', el('h1', {}, 'Sign in'), form);
}

async function route() {
  stopRefresh();
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  const main = document.getElementById('view');
  try {
    if (!api.current() && parts[0] !== 'signin') {
      location.hash = '#/signin';
      return;
    }
    switch (parts[0]) {
      case 'dashboard': await dashboard(); break;
      case 'block': await blockPage(parts[1]); break;
      case 'tx': await txPage(parts[1]); break;
      case 'pharmacy': await pharmacyPage(decodeURIComponent(parts.slice(1).join('/'))); break;
      case 'patient': await patientPage(parts[1]); break;
      case 'audit': await auditPage(); break;
      case 'studies': await studiesPage(); break;
      case 'study': await studyPage(decodeURIComponent(parts[1] || '')); break;
      case 'identity': await identityPage(parts[1], parts[2]); break;
      case 'claims': await claimsPage(decodeURIComponent(parts[1] || '')); break;
      case 'claim': await claimPage(decodeURIComponent(parts[1] || '')); break;
      case 'coverage': await coveragePage(decodeURIComponent(parts[1] || '')); break;
      case 'plan': await planPage(decodeURIComponent(parts[1] || '')); break;
      case 'health':
        if (parts[1] === 'report') await reportPage(decodeURIComponent(parts[2] || ''));
        else if (parts[1] === 'aggregate') await aggregatePage(decodeURIComponent(parts[2] || ''));
        else await healthPage();
        break;
      case 'org': await orgPage(parts[1]); break;
      case 'signin': signInPage(); break;
      default: location.hash = api.current() ? '#/dashboard' : '#/signin'; return;
    }
  } catch (e) {
    show('Error', el('h1', {}, 'Could not load this page'), errorBox(e));
  }
  main.focus({ preventScroll: true });
}

// claims and public-health ids are free-form, so the search names their kind: claim:c-17, aggregate:agg-2024-w07
const DOMAIN_ROUTES = { claim: '#/claim/', coverage: '#/coverage/', plan: '#/plan/', report: '#/health/report/',
  aggregate: '#/health/aggregate/' };

document.getElementById('search').addEventListener('submit', ev => {
  ev.preventDefault();
  const raw = document.getElementById('q').value.trim();
  const q = raw.toLowerCase();
  const kind = /^(claim|coverage|plan|report|aggregate):\s*([A-Za-z0-9][A-Za-z0-9._-]*)$/i.exec(raw);
  if (kind) location.hash = DOMAIN_ROUTES[kind[1].toLowerCase()] + encodeURIComponent(kind[2]);
  else if (/^\d+$/.test(q)) location.hash = '#/block/' + q;
  else if (/^[0-9a-f]{64}$/.test(q)) location.hash = '#/tx/' + q;
  else if (/^(urn:epc:|https?:\/\/|\(01\))/.test(q)) location.hash = '#/pharmacy/' + encodeURIComponent(raw);
  else if (/^[a-z0-9-]+\/[a-z0-9._-]+$/i.test(raw)) location.hash = '#/identity/' + raw;
  else if (/^[a-z0-9][a-z0-9-]*$/.test(q)) location.hash = '#/org/' + q;
  else show('Search', el('p', { class: 'error', role: 'alert' }, 'Type a block height, a transaction id (64 hex'
    + ' characters), an identity (org/name), an org, a pack (EPC URI, Digital Link, (01)…(21)…), or claim:ID,'
    + ' coverage:ID, plan:ID, report:ID, aggregate:ID.'));
});
window.addEventListener('hashchange', route);
route();
