// Patient portal: every disclosure of the patient's records (who, org, when, purpose, and whether it was granted by
// consent, by the author org's custody, by break-glass, or denied), the grants, and the FHIR disclosure report.
import { el, show, table, time, errorBox } from './ui.js';
import * as api from './api.js';
import { submit } from './tx.js';
import { session } from './state.js';

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
    consents ? (consents.grants.length ? table(['Grant', 'Grantee', 'Purpose', 'Scope', 'State', ''], consents.grants.map(g => [
      g.grantId, g.grantee, g.purpose, [].concat(g.recordTypes || [], g.recordIds || []).join(', ') || 'all',
      el('td', { class: 'grant-state' }, g.revokedAtMillis ? 'revoked ' + time(g.revokedAtMillis) : 'in force'),
      g.revokedAtMillis || me !== 'patient/' + patientId ? '' : revokeButton(g, patientId)]), { id: 'grants' })
      : el('p', {}, 'No grants.'))
      : errorBox(consentError),
    el('p', {}, 'Revoking is a consent.revoke transaction this page signs with your wallet key. Granting consent'
      + ' re-wraps each record\'s key for the grantee with your encryption key (HPKE), which this page does not do yet:'
      + ' grant with `careledger consent grant` or the SDK.'));
}

/** Revokes a grant with a consent.revoke transaction built and signed here with the wallet key. */
function revokeButton(g, patientId) {
  const b = el('button', { type: 'button', class: 'revoke', 'data-grant': g.grantId,
    'aria-label': 'Revoke grant ' + g.grantId + ' to ' + g.grantee }, 'Revoke');
  b.addEventListener('click', async () => {
    if (!confirm('Revoke the grant to ' + g.grantee + '? Their next read is refused.')) return;
    b.disabled = true;
    try {
      const chainId = session.genesis ? session.genesis.chainId : (await api.get('/v1/health')).chainId;
      await submit(chainId, 'consent', 'revoke', { grantId: g.grantId });
      await patientPage(patientId);
    } catch (e) { b.disabled = false; b.after(errorBox(e)); }
  });
  return b;
}
