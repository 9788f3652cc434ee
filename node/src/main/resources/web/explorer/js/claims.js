// Claims pages: a patient's claims, one claim with its status chain, parties, commitments and billed records, a
// coverage with its eligibility on a day, and a plan's public rules. Each call is the API's, signed as the signed-in
// identity, so the pages show exactly what the node lets that identity see: a claim to its patient (and guardians),
// its provider org and its coverage's insurer org; everybody else gets the node's refusal, shown as such.
// The claim content (service codes, diagnoses, amounts) and the adjudication results are sealed for those parties
// (HPKE-wrapped data keys); these pages show their commitments and do not open them.
import { el, show, fields, table, time, errorBox, short } from './ui.js';
import * as api from './api.js';

const STEPS = [
  ['SUBMITTED', 'Submitted'], ['PREAUTH', 'Prior authorization'], ['ADJUDICATED', 'Adjudicated'], ['PAID', 'Paid'],
  ['CORRECTED', 'Corrected'], ['APPEALED', 'Appealed']];

const SEALED_NOTE = 'The claim\'s content (service codes, diagnoses, amounts) and each adjudication\'s result are'
  + ' sealed for the patient, the provider and the insurer: the ledger holds ciphertext, hashes and the commitments'
  + ' shown here. This page does not open them yet; open them with `careledger claim show CLAIM` or the SDK\'s'
  + ' ClaimsClient.openClaim / openAdjudication, which also check them against these commitments.';

function refused(e, what) {
  return el('section', { id: 'refused', 'aria-labelledby': 'refused-h' },
    el('h2', { id: 'refused-h' }, e.code === 'FORBIDDEN' ? 'Refused by the node' : 'Could not load ' + what),
    errorBox(e));
}

function money(cents, currency) { return (currency || '') + ' ' + (Number(cents) / 100).toFixed(2); }

function isoDay(d) { return d.toISOString().slice(0, 10); }

function claimLink(id) { return el('a', { href: '#/claim/' + encodeURIComponent(id) }, id); }

function hashCell(h) { return el('td', { class: 'hash', title: h || '' }, h ? short(h) : '—'); }

/** #/claims: the signed-in patient's claims, or a form for a patient id (and a claim id). */
export async function claimsPage(patientArg) {
  const me = api.current().keyId;
  const patientId = patientArg || (me.startsWith('patient/') ? me.slice('patient/'.length) : '');
  if (!patientId) {
    const pid = el('input', { id: 'claims-patient', type: 'text', spellcheck: 'false', autocomplete: 'off',
      required: true, pattern: 'p-[a-z0-9]{6,40}' });
    const cid = el('input', { id: 'claim-id-input', type: 'text', spellcheck: 'false', autocomplete: 'off', required: true });
    show('Claims', el('h1', {}, 'Claims'),
      el('p', {}, 'You see the claims your identity is a party to: a patient (or guardian) all of the patient\'s, a'
        + ' provider org the claims it submitted, an insurer the claims on its coverages. Anybody else is refused.'),
      el('form', { class: 'stack', id: 'claims-patient-form', onsubmit: ev => {
        ev.preventDefault(); location.hash = '#/claims/' + encodeURIComponent(pid.value.trim()); } },
      el('label', { for: 'claims-patient' }, 'Patient id', el('span', { class: 'hint' }, 'p-…')), pid,
      el('button', { type: 'submit' }, 'Show the claims')),
      el('form', { class: 'stack', id: 'claim-form', onsubmit: ev => {
        ev.preventDefault(); location.hash = '#/claim/' + encodeURIComponent(cid.value.trim()); } },
      el('label', { for: 'claim-id-input' }, 'Claim id'), cid, el('button', { type: 'submit' }, 'Open the claim')));
    return;
  }
  let list;
  try {
    list = await api.get('/v1/patients/' + encodeURIComponent(patientId) + '/claims');
  } catch (e) {
    show('Claims', el('h1', {}, 'Claims of ' + patientId), refused(e, 'the claims'));
    return;
  }
  const rows = list.claims.map(c => [claimLink(c.claimId), c.serviceDate, el('a', { href: '#/org/' + c.providerOrg }, c.providerOrg),
    el('a', { href: '#/coverage/' + encodeURIComponent(c.coverageId) }, c.coverageId),
    el('td', { class: 'claim-status ' + c.status }, c.status), time(c.submittedAtMillis), String(c.lines.length),
    String((c.adjudicationIds || []).length), String((c.paymentIds || []).length)]);
  show('Claims', el('h1', {}, me === 'patient/' + patientId ? 'Your claims' : 'Claims of ' + patientId),
    el('p', { id: 'claims-count' }, list.count + (list.count === 1 ? ' claim' : ' claims') + ' you are a party to.'),
    rows.length ? table(['Claim', 'Service date', 'Provider', 'Coverage', 'Status', 'Submitted', 'Lines',
      'Adjudications', 'Payments'], rows, { id: 'claims' }) : el('p', {}, 'No claim yet.'),
    el('p', { class: 'hint' }, SEALED_NOTE));
}

/** Which steps of the chain a claim has reached, each with what the ledger says of it. */
function chain(v) {
  const c = v.claim;
  const preauths = c.lines.filter(l => l.preauthId);
  const detail = {
    SUBMITTED: ['by ' + c.submittedBy + ' (' + c.providerOrg + ') on ' + time(c.submittedAtMillis)
      + ', service date ' + c.serviceDate + (c.correctsClaimId ? ', correcting claim ' + c.correctsClaimId : '')],
    PREAUTH: preauths.length ? preauths.map(l => 'line billing ' + l.recordId + ' relies on prior authorization '
      + l.preauthId) : [],
    ADJUDICATED: v.adjudications.map(a => a.adjudicationId + ': by ' + a.adjudicatedBy + ' on '
      + time(a.adjudicatedAtMillis) + ', plan ' + a.planId + ' rules version ' + a.rulesVersion
      + (a.previousAdjudicationId ? ', after ' + a.previousAdjudicationId + ' in the coverage\'s chain' : ', first of the coverage')),
    PAID: v.payments.map(p => p.paymentId + ': paid on ' + p.paidOn + ' by ' + p.paidBy + ', remittance '
      + p.remittanceRef + ' (for ' + p.adjudicationId + ')'),
    CORRECTED: c.correctedBy ? ['replaced by claim ' + c.correctedBy] : [],
    APPEALED: v.appeals.map(a => a.appealId + ': by ' + a.appealedBy + ' on ' + time(a.appealedAtMillis)),
  };
  return el('ol', { class: 'chain', id: 'claim-chain', 'aria-label': 'Status chain' }, STEPS.map(([step, label]) => {
    const reached = step === 'SUBMITTED' || detail[step].length > 0;
    const current = c.status === step;
    return el('li', { class: (reached ? 'reached' : 'not-reached') + (current ? ' current' : ''), 'data-step': step,
      'aria-current': current ? 'step' : null },
    el('strong', {}, label), current ? ' — current status' : '', reached ? '' : ' — not (yet)',
    detail[step].length ? el('ul', {}, detail[step].map(d => el('li', {}, d))) : '');
  }));
}

/** #/claim/ID: one claim as its parties see it. */
export async function claimPage(claimId) {
  if (!claimId) throw new Error('a claim id is needed');
  let v;
  try {
    v = await api.get('/v1/claims/' + encodeURIComponent(claimId));
  } catch (e) {
    show('Claim ' + claimId, el('h1', { id: 'claim-id' }, 'Claim ' + claimId), refused(e, 'the claim'));
    return;
  }
  const c = v.claim;
  const cov = v.coverage;
  const lines = c.lines.map((l, i) => [String(i + 1), el('td', { class: 'hash' }, l.recordId), hashCell(l.fingerprint),
    l.preauthId || '—', hashCell(l.serviceTag)]);
  const commitments = [['Claim content (total)', c.totalCommitment, 'content ' + short(c.ciphertextSha256)]]
    .concat(v.adjudications.map(a => ['Adjudication ' + a.adjudicationId, a.resultCommitment, 'result ' + short(a.ciphertextSha256)]))
    .concat(v.payments.map(p => ['Payment ' + p.paymentId, p.amountCommitment, 'amount (under the adjudication\'s nonce)']));
  const coverage = el('section', { id: 'coverage-section', 'aria-labelledby': 'coverage-h' },
    el('h2', { id: 'coverage-h' }, 'Coverage and eligibility'), el('p', {}, 'Loading…'));
  const rules = el('section', { id: 'rules-section', 'aria-labelledby': 'rules-h' },
    el('h2', { id: 'rules-h' }, 'Plan rules (public)'), el('p', {}, 'Loading…'));
  show('Claim ' + c.claimId,
    el('h1', { id: 'claim-id' }, 'Claim ' + c.claimId),
    el('p', { id: 'claim-status', class: 'claim-status ' + c.status, role: 'status' }, 'Status: ' + c.status),
    chain(v),
    el('h2', {}, 'Parties'),
    fields([['Patient', el('a', { href: '#/claims/' + c.patientId }, c.patientId), { id: 'party-patient' }],
      ['Provider', el('a', { href: '#/org/' + c.providerOrg }, c.providerOrg), { id: 'party-provider' }],
      ['Insurer', el('a', { href: '#/org/' + cov.insurerOrg }, cov.insurerOrg), { id: 'party-insurer' }],
      ['Coverage', el('a', { href: '#/coverage/' + encodeURIComponent(cov.coverageId) }, cov.coverageId)],
      ['Service date', c.serviceDate], ['Submitted', time(c.submittedAtMillis)],
      ['Corrects', c.correctsClaimId ? claimLink(c.correctsClaimId) : '—'],
      ['Corrected by', c.correctedBy ? claimLink(c.correctedBy) : '—']]),
    el('h2', {}, 'Records billed'),
    el('p', {}, 'Each line bills a record on the ledger written by the provider for this patient (the contract refuses'
      + ' phantom records), with the keyed fingerprint the duplicate check uses.'),
    table(['Line', 'Record', 'Fingerprint', 'Prior authorization', 'Service tag'], lines, { id: 'claim-lines' }),
    el('h2', {}, 'Sealed content and commitments'),
    el('p', { id: 'sealed-note' }, SEALED_NOTE),
    table(['What', 'Commitment (SHA-256)', 'Sealed'], commitments.map(([w, h, s]) => [w, hashCell(h), s]), { id: 'commitments' }),
    coverage, rules);
  await Promise.all([coverageInto(coverage, cov.coverageId, c.serviceDate), rulesInto(rules, cov.planId, c.serviceDate)]);
}

/** The coverage from GET /v1/coverages/{id} (read-logged) and whether it is in force on a day. */
async function coverageInto(section, coverageId, day) {
  const h2 = section.firstChild;
  let view;
  try {
    view = await api.get('/v1/coverages/' + encodeURIComponent(coverageId));
  } catch (e) {
    section.replaceChildren(h2, refused(e, 'the coverage'));
    return;
  }
  const c = view.coverage;
  let ruleList = null;
  try { ruleList = await api.get('/v1/plans/' + encodeURIComponent(c.planId) + '/rules'); } catch (e) { /* shown below */ }
  section.replaceChildren(h2, coverageFields(c), eligibility(c, ruleList, day));
}

function coverageFields(c) {
  return fields([['Coverage', c.coverageId], ['Patient', c.patientId], ['Insurer', c.insurerOrg], ['Plan', c.planId],
    ['Period', c.periodStart + ' to ' + c.periodEnd], ['Relationship', c.relationship || '—'],
    ['Ended', c.endedOn || 'no'], ['Recorded', c.recordedBy + ', ' + time(c.recordedAtMillis)],
    ['Latest adjudication', c.lastAdjudicationId || 'none']]);
}

/** The rules version in force on a day: the greatest effectiveFrom ≤ day (docs/CLAIMS.md, "Rules versions"). */
function inForce(versions, day) {
  let found = null;
  for (const v of versions || []) if (v.rules.effectiveFrom <= day) found = v;
  return found;
}

/** Eligibility on a day as core.claims.Eligibility decides the coverage part; a form to ask for another day. */
function eligibility(c, ruleList, day) {
  const out = el('div', { id: 'eligibility', role: 'status' });
  const answer = d => {
    const r = inForce(ruleList ? ruleList.versions : [], d);
    const why = d < c.periodStart ? 'before the coverage period (BEFORE_PERIOD)'
      : d > c.periodEnd ? 'after the coverage period (AFTER_PERIOD)'
        : c.endedOn && d > c.endedOn ? 'the coverage ended on ' + c.endedOn + ' (ENDED)'
          : !r ? 'no rules of plan ' + c.planId + ' in force (NO_RULES_IN_FORCE)' : null;
    out.replaceChildren(el('p', { class: why ? 'flag' : 'ok', id: 'eligibility-answer' }, why
      ? 'Not in force on ' + d + ': ' + why + '.'
      : 'In force on ' + d + ' under plan ' + c.planId + ' rules version ' + r.rules.version + '.'),
    el('p', { class: 'hint' }, 'What is used of the deductible and of yearly limits is in the sealed adjudications:'
      + ' `careledger claim eligibility` opens them for the parties that may.'));
  };
  const input = el('input', { id: 'eligibility-day', type: 'date', value: day || isoDay(new Date()), required: true });
  const form = el('form', { class: 'stack', onsubmit: ev => { ev.preventDefault(); answer(input.value); } },
    el('label', { for: 'eligibility-day' }, 'Eligible on', el('span', { class: 'hint' }, 'a day, e.g. the service date')),
    input, el('button', { type: 'submit' }, 'Check'));
  answer(input.value);
  return el('div', {}, out, form);
}

/** Every published version of a plan's rules (public), the one in force on `day` marked. */
async function rulesInto(section, planId, day) {
  const h2 = section.firstChild;
  let list;
  try {
    list = await api.get('/v1/plans/' + encodeURIComponent(planId) + '/rules');
  } catch (e) {
    section.replaceChildren(h2, refused(e, 'the rules'));
    return;
  }
  section.replaceChildren(h2, ...rulesContent(list, day));
}

function rulesContent(list, day) {
  const current = inForce(list.versions, day || isoDay(new Date()));
  const rows = list.versions.map(v => {
    const r = v.rules;
    return [String(r.version), r.effectiveFrom, money(r.deductibleCents, r.currency), money(r.copayCents, r.currency),
      (r.coinsuranceBps / 100).toFixed(2) + ' %', (r.preauthCodes || []).join(', ') || '—', v.insurerOrg,
      time(v.publishedAtMillis), current === v ? el('td', { class: 'ok' }, 'in force' + (day ? ' on ' + day : '')) : ''];
  });
  const shown = current || list.versions[list.versions.length - 1];
  const r = shown.rules;
  const limits = r.limitsPerYear || {};
  return [el('p', {}, 'Plan ' + list.planId + ': ' + list.count + ' published version' + (list.count === 1 ? '' : 's')
      + '. A plan\'s price list is the insurer\'s, published in clear; a claim is adjudicated under the version in force at'
      + ' its service date.'),
  table(['Version', 'Effective from', 'Deductible / year', 'Co-pay / line', 'Co-insurance', 'Needs prior authorization',
    'Insurer', 'Published', ''], rows, { id: 'rules-versions' }),
  el('h3', {}, 'Fee schedule of version ' + r.version),
  table(['Service (system|code)', 'Allowed per unit', 'Units per year'], Object.keys(r.feeSchedule).map(k =>
    [el('td', { class: 'hash' }, k), money(r.feeSchedule[k], r.currency), limits[k] == null ? '—' : String(limits[k])]),
  { id: 'fee-schedule' })];
}

/** #/coverage/ID: a coverage and its eligibility on a day (the parties the API names only). */
export async function coveragePage(coverageId) {
  if (!coverageId) throw new Error('a coverage id is needed');
  const section = el('section', { id: 'coverage-section' }, el('h1', {}, 'Coverage ' + coverageId), el('p', {}, 'Loading…'));
  show('Coverage ' + coverageId, section);
  await coverageInto(section, coverageId, null);
}

/** #/plan/ID: a plan's published rules, public to every identity. */
export async function planPage(planId) {
  if (!planId) throw new Error('a plan id is needed');
  const section = el('section', { id: 'rules-section' }, el('h1', {}, 'Plan ' + planId), el('p', {}, 'Loading…'));
  show('Plan ' + planId, section);
  await rulesInto(section, planId, null);
}
