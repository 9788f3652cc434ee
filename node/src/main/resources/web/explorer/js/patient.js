// Patient portal: every disclosure of the patient's records (who, org, when, purpose, and whether it was granted by
// consent, by the author org's custody, by break-glass, or denied), the grants, and the FHIR disclosure report.
import { el, show, table, time, errorBox } from './ui.js';
import * as api from './api.js';
import { submit } from './tx.js';
import { session } from './state.js';
import { listRecords, openOwnRecord } from './records.js';
import { eraseWithGrantKeys, grant, limit, PURPOSES } from './consent.js';

const DECISIONS = { GRANT: 'granted (consent)', OWN_ORG: 'own org (custodian)', BREAK_GLASS: 'BREAK-GLASS',
  DENIED: 'denied' };

export async function patientPage(idArg) {
  const me = api.current().keyId;
  const patientId = idArg || (me.startsWith('patient/') ? me.slice('patient/'.length) : '');
  if (!patientId) {
    const input = el('input', { id: 'patient-id', type: 'text', spellcheck: 'false', autocomplete: 'off' });
    show('Patient', el('h1', {}, 'A patient\'s disclosures'),
      el('form', { class: 'stack', onsubmit: ev => { ev.preventDefault(); location.hash = '#/patient/' + input.value.trim(); } },
        el('label', { for: 'patient-id' }, 'Patient id', el('span', { class: 'hint' }, 'p-…; you see what the API lets your identity see')),
        input, el('button', { type: 'submit' }, 'Show')));
    return;
  }
  const base = '/v1/patients/' + encodeURIComponent(patientId);
  const list = await api.get(base + '/disclosures');
  let consents = null, consentError = null;
  try { consents = await api.get(base + '/consents'); } catch (e) { consentError = e; }
  const items = list.disclosures.map(entry => {
    const d = entry.disclosure;
    const flagged = d.breakGlass || d.decision === 'DENIED';
    return el('li', { class: (flagged ? 'flag ' : '') + 'disclosure', 'data-decision': d.decision },
      el('strong', { class: d.decision }, DECISIONS[d.decision] || d.decision), ' — ',
      el('span', { class: 'who' }, d.accessor), ' of ', el('span', { class: 'org' }, d.accessorOrg),
      ' read your ', d.recordType || 'record', ' for ', el('span', { class: 'purpose' }, d.purpose), ' on ',
      el('time', { datetime: new Date(d.atMillis).toISOString() }, time(d.atMillis)),
      d.breakGlass ? el('p', {}, 'Emergency reason given: ', d.breakGlassReason || '—',
        entry.review ? ' · auditor review: ' + entry.review.outcome + ' by ' + entry.review.reviewer : ' · not yet reviewed by '
          + (d.reviewOrg || 'the custodian org') + '\'s auditors') : '',
      d.denialReason ? el('p', {}, 'Refused: ' + d.denialReason) : '');
  });
  const download = el('button', { type: 'button', id: 'download-fhir', onclick: async () => {
    try {
      const text = await api.getText(base + '/disclosures?format=fhir', 'application/fhir+json');
      const bundle = JSON.parse(text);
      const a = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'application/fhir+json' })),
        download: 'disclosures-' + patientId + '.fhir.json', id: 'fhir-link' },
        'Save the FHIR report (' + bundle.resourceType + ' of ' + (bundle.entry || []).length + ' AuditEvents)');
      download.after(' ', a);
      a.click();
    } catch (e) { download.after(errorBox(e)); }
  } }, 'Download the disclosure report (FHIR R4 AuditEvent bundle)');
  const mine = me === 'patient/' + patientId;
  show('Disclosures',
    el('h1', {}, 'Who read ', patientId === (me.split('/')[1]) ? 'your' : patientId + '\'s', ' records'),
    el('p', { id: 'disclosure-count' }, list.count + ' disclosures on the ledger, newest last.'),
    el('ol', { class: 'timeline', id: 'disclosures' }, items),
    el('p', {}, download),
    el('h2', {}, 'Reads of this node\'s API'),
    list.apiReads && list.apiReads.length
      ? table(['When', 'Who', 'Org', 'What'], list.apiReads.map(r => [time(r.atMillis), r.caller, r.callerOrg, r.kind]), { id: 'api-reads' })
      : el('p', {}, 'None logged here.'),
    el('h2', {}, 'Consent'),
    consents ? (consents.grants.length ? table(['Grant', 'Grantee', 'Purpose', 'Scope', 'Expires', 'State', ''], consents.grants.map(g => [
      g.grantId, g.grantee, g.purpose, [].concat(g.recordTypes || [], g.recordIds || []).join(', ') || 'all',
      g.expiresAtMillis ? time(g.expiresAtMillis) : '—',
      el('td', { class: 'grant-state' }, g.revokedAtMillis ? 'revoked ' + time(g.revokedAtMillis) : 'in force'),
      g.revokedAtMillis || !mine ? '' : el('td', { class: 'grant-actions' }, revokeButton(g, patientId), ' ',
        limitButton(g, patientId))]), { id: 'grants' })
      : el('p', {}, 'No grants.'))
      : errorBox(consentError),
    mine ? await ownRecords(patientId) : '');
}

async function chainId() {
  return session.genesis ? session.genesis.chainId : (await api.get('/v1/health')).chainId;
}

/** The wallet's key, or an error that says how to load it. */
function walletKey() {
  if (!session.walletKey) throw new Error('load your wallet\'s encryption.key at sign-in to open, grant or limit records');
  return session.walletKey;
}

/** The patient's own records (open, erase) and the grant form. */
async function ownRecords(patientId) {
  const records = (await listRecords(patientId)).filter(r => r.latest || r.erased);
  const out = el('div', { id: 'record-view', class: 'record-view', tabindex: '-1' });
  const rows = records.map(r => [r.recordId, r.recordType, r.authorOrg, time(r.writtenAtMillis),
    el('td', { class: 'record-state' }, r.erased ? 'erased ' + time(r.erasedAtMillis) : 'held'),
    r.erased ? '' : el('td', { class: 'record-actions' }, openButton(r, patientId, out), ' ', eraseButton(r, patientId))]);
  const note = session.walletKey ? '' : el('p', { class: 'hint' }, 'Load your wallet\'s encryption.key at sign-in to'
    + ' open records and grant them: the key stays in this page.');
  return el('section', { 'aria-labelledby': 'records-h' },
    el('h2', { id: 'records-h' }, 'Your records'), note,
    rows.length ? table(['Record', 'Type', 'Custodian', 'Written', 'State', ''], rows, { id: 'records' })
      : el('p', {}, 'No records.'),
    out, grantForm(patientId, records));
}

function openButton(r, patientId, out) {
  const b = el('button', { type: 'button', class: 'open', 'data-record': r.recordId,
    'aria-label': 'Open record ' + r.recordId + ' (' + r.recordType + ')' }, 'Open');
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      const plain = new TextDecoder().decode(await openOwnRecord(patientId, r, walletKey()));
      let shown = plain;
      try { shown = JSON.stringify(JSON.parse(plain), null, 2); } catch (e) { /* not JSON: shown as it is */ }
      out.replaceChildren(el('h3', {}, r.recordType + ' ' + r.recordId, ' (decrypted in this page)'),
        el('pre', { id: 'record-plaintext', 'data-record': r.recordId }, shown));
      out.focus({ preventScroll: false });
    } catch (e) { out.replaceChildren(errorBox(e)); }
    b.disabled = false;
  });
  return b;
}

function eraseButton(r, patientId) {
  const b = el('button', { type: 'button', class: 'erase danger', 'data-record': r.recordId,
    'aria-label': 'Erase record ' + r.recordId + ' (' + r.recordType + ')' }, 'Erase');
  b.addEventListener('click', async () => {
    if (!confirm('Erase record ' + r.recordId + '? Its ciphertext and keys are purged on every node; nobody can read'
      + ' it again, you included.')) return;
    b.disabled = true;
    try {
      await eraseWithGrantKeys(await chainId(), patientId, r.recordId, 'patient request');
      await patientPage(patientId);
    } catch (e) { b.disabled = false; b.after(errorBox(e)); }
  });
  return b;
}

/** Grant: grantee, purpose, record types and/or records, optional expiry. */
function grantForm(patientId, records) {
  const status = el('p', { id: 'grant-status', role: 'status' });
  const types = [...new Set(records.filter(r => !r.erased).map(r => r.recordType))].sort();
  const box = (name, value, label) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name, value }), ' ', label);
  const form = el('form', { class: 'stack', id: 'grant-form', 'aria-labelledby': 'grant-h' },
    el('h2', { id: 'grant-h' }, 'Grant access'),
    el('label', { for: 'grantee' }, 'Grantee', el('span', { class: 'hint' }, 'an org (hospital-b) or one of its members (hospital-b/dr-lee)')),
    el('input', { id: 'grantee', type: 'text', required: true, spellcheck: 'false', autocomplete: 'off' }),
    el('label', { for: 'grant-purpose' }, 'Purpose'),
    el('select', { id: 'grant-purpose' }, PURPOSES.map(p => el('option', { value: p }, p))),
    el('fieldset', {}, el('legend', {}, 'Record types'), types.map(t => box('grant-type', t, t))),
    el('fieldset', {}, el('legend', {}, 'Single records'),
      records.filter(r => !r.erased).map(r => box('grant-record', r.recordId, r.recordType + ' ' + r.recordId))),
    el('label', { for: 'grant-expiry' }, 'Expires (optional)', el('span', { class: 'hint' }, 'UTC')),
    el('input', { id: 'grant-expiry', type: 'datetime-local' }),
    el('button', { type: 'submit' }, 'Grant'), status);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const checked = name => [...form.querySelectorAll('input[name=' + name + ']:checked')].map(i => i.value);
    const expiry = form.querySelector('#grant-expiry').value;
    status.textContent = 'Re-wrapping the record keys for the grantee…';
    try {
      const g = await grant(await chainId(), patientId, walletKey(), form.querySelector('#grantee').value.trim(),
        checked('grant-type'), checked('grant-record'), form.querySelector('#grant-purpose').value,
        expiry ? Date.parse(expiry + 'Z') : null);
      await patientPage(patientId);
      const s = document.getElementById('grant-status');
      if (s) s.textContent = 'Granted: ' + g.grantId;
    } catch (e) { status.replaceChildren(errorBox(e)); }
  });
  return form;
}

/** Limit: untick types or records to take them out of the grant, or set an earlier expiry. */
function limitButton(g, patientId) {
  const b = el('button', { type: 'button', class: 'limit', 'data-grant': g.grantId, 'aria-expanded': 'false',
    'aria-label': 'Limit grant ' + g.grantId + ' to ' + g.grantee }, 'Limit');
  b.addEventListener('click', () => {
    if (b.nextElementSibling && b.nextElementSibling.tagName === 'FORM') return;
    b.setAttribute('aria-expanded', 'true');
    const item = (name, v) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name, value: v, checked: true }), ' ', v);
    const expiry = el('input', { type: 'datetime-local', class: 'limit-expiry', 'aria-label': 'New expiry (UTC)' });
    const form = el('form', { class: 'stack limit-form', 'data-grant': g.grantId },
      el('fieldset', {}, el('legend', {}, 'Keep'), (g.recordTypes || []).map(t => item('limit-type', t)),
        (g.recordIds || []).map(r => item('limit-record', r))),
      el('label', {}, 'Expires no later than (optional, UTC)', expiry),
      el('button', { type: 'submit' }, 'Apply limit'));
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const kept = name => [...form.querySelectorAll('input[name=' + name + ']:checked')].map(i => i.value);
      const types = kept('limit-type'), ids = kept('limit-record');
      try {
        await limit(await chainId(), patientId, g, types.length === (g.recordTypes || []).length ? null : types,
          ids.length === (g.recordIds || []).length ? null : ids, expiry.value ? Date.parse(expiry.value + 'Z') : null);
        await patientPage(patientId);
      } catch (e) { form.append(errorBox(e)); }
    });
    b.after(form);
    form.querySelector('input').focus();
  });
  return b;
}

/** Revokes a grant with a consent.revoke transaction built and signed here with the wallet key. */
function revokeButton(g, patientId) {
  const b = el('button', { type: 'button', class: 'revoke', 'data-grant': g.grantId,
    'aria-label': 'Revoke grant ' + g.grantId + ' to ' + g.grantee }, 'Revoke');
  b.addEventListener('click', async () => {
    if (!confirm('Revoke the grant to ' + g.grantee + '? Their next read is refused.')) return;
    b.disabled = true;
    try {
      await submit(await chainId(), 'consent', 'revoke', { grantId: g.grantId });
      await patientPage(patientId);
    } catch (e) { b.disabled = false; b.after(errorBox(e)); }
  });
  return b;
}
