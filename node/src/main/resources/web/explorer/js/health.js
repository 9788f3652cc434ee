// Public-health pages: the trigger lists in force (public), the linkage epoch, the case reports the signed-in org sent
// or received with their reportability responses (authority and reporters only), and the published aggregates
// (consortium members) with every suppressed count shown as suppressed — the node serves null for it, and the page
// checks that no published count is 1..10 and that the MeasureReport says the same, with its SHA-256 checked here.
import { el, show, fields, table, time, errorBox, short } from './ui.js';
import * as api from './api.js';
import { b64ToBytes, hex } from './bytes.js';
import { sha256 } from './proofs.js';

const STATUSES = ['SUBMITTED', 'REPORTABLE', 'NOT_REPORTABLE', 'NEEDS_INFO'];
const RESPONSE = { SUBMITTED: 'awaiting the authority\'s response', REPORTABLE: 'REPORTABLE',
  NOT_REPORTABLE: 'NOT REPORTABLE', NEEDS_INFO: 'NEEDS INFO' };
const SMALL = 10; // docs/PUBLIC_HEALTH.md: every count 1..10 is suppressed

function refusedBox(e, id) {
  return el('div', { id, class: 'refused' }, errorBox(e));
}

function reportLink(id) { return el('a', { href: '#/health/report/' + encodeURIComponent(id) }, id); }

function aggregateLink(id) { return el('a', { href: '#/health/aggregate/' + encodeURIComponent(id) }, id); }

function period(a) {
  return (a.periodStartMillis ? time(a.periodStartMillis) : 'the first report') + ' – ' + time(a.periodEndMillis);
}

function card(label, value, id) {
  return el('div', { class: 'card' }, el('div', {}, label), el('div', { class: 'v', id }, value));
}

/** #/health: trigger lists, epoch, the caller's org's reports and the published aggregates. */
export async function healthPage() {
  const org = api.current().keyId.split('/')[0];
  const [triggers, epoch, reports, aggregates] = await Promise.all([
    api.get('/v1/publichealth/triggers'),
    api.get('/v1/publichealth/epoch').catch(e => e),
    api.get('/v1/publichealth/reports').catch(e => e),
    api.get('/v1/publichealth/aggregates').catch(e => e)]);
  show('Public health', el('h1', {}, 'Public-health reporting'),
    triggerSection(triggers),
    el('h2', {}, 'Linkage key'),
    epoch instanceof Error ? (epoch.code === 'NOT_FOUND' ? el('p', {}, 'No linkage key was distributed yet.') : errorBox(epoch))
      : el('p', { id: 'epoch' }, 'Epoch ' + epoch.state.epoch + ' of ' + epoch.state.authorityOrg + ', since '
        + time(epoch.state.startedAtMillis) + '. Reporting orgs hold it wrapped for their own key; the tokens it makes'
        + ' are sealed in the reports, never on the ledger.'),
    reportSection(reports, org),
    aggregateSection(aggregates));
}

function triggerSection(triggers) {
  const now = Date.now();
  let inForce = null;
  for (const t of triggers.items) if (t.list.effectiveFromMillis <= now) inForce = t;
  const section = el('section', { 'aria-labelledby': 'triggers-h' }, el('h2', { id: 'triggers-h' }, 'Reportable conditions'));
  if (!triggers.items.length) {
    section.append(el('p', { id: 'trigger-none' }, 'No trigger list is published yet.'));
    return section;
  }
  section.append(el('p', {}, 'Versioned trigger lists of the authority (public). The list in force for a record is'
    + ' the newest one in effect when the record was written.'),
  table(['Version', 'Effective from', 'Authority', 'Published by', 'Triggers', ''], triggers.items.map(t => [
    String(t.list.version), t.list.effectiveFromMillis ? time(t.list.effectiveFromMillis) : 'always (also past records)', t.authorityOrg, t.publishedBy, String(t.list.triggers.length),
    t === inForce ? el('td', { class: 'ok' }, 'in force now') : '']), { id: 'trigger-versions' }));
  if (inForce) {
    section.append(el('h3', {}, 'Conditions of version ' + inForce.list.version),
      table(['Condition', 'Code system', 'Code'], inForce.list.triggers.map(t => [t.condition, t.system, t.code]),
        { id: 'triggers' }));
  }
  return section;
}

function reportSection(reports, org) {
  const section = el('section', { 'aria-labelledby': 'reports-h' }, el('h2', { id: 'reports-h' }, 'Case reports'));
  if (reports instanceof Error) {
    section.append(el('p', {}, 'Case reports are listed to the authority they were sent to and the org that sent them.'),
      refusedBox(reports, 'reports-refused'));
    return section;
  }
  const sent = reports.items.filter(r => r.reporterOrg === org);
  const received = reports.items.filter(r => r.authorityOrg === org);
  const byStatus = s => reports.items.filter(r => r.status === s).length;
  section.append(el('p', { id: 'report-count' }, reports.count + ' reports your org (' + org + ') '
      + (received.length && sent.length ? 'sent or received' : received.length ? 'received as the authority' : 'sent')
      + '.'),
  el('div', { class: 'cards' }, STATUSES.map(s => card(RESPONSE[s], String(byStatus(s)), 'count-' + s))),
  reports.items.length ? table(['Report', 'Reporter', 'Authority', 'Patient', 'Record', 'Trigger list', 'Reported',
    'Response', 'Answered'], reports.items.map(r => [reportLink(r.reportId), r.reporterOrg, r.authorityOrg, r.patientId,
    el('td', { class: 'hash', title: r.recordId }, short(r.recordId)), 'v' + r.triggerVersion, time(r.reportedAtMillis),
    el('td', { class: 'report-status ' + r.status }, RESPONSE[r.status] || r.status),
    r.respondedAtMillis ? time(r.respondedAtMillis) : '—']), { id: 'reports' }) : el('p', {}, 'None.'),
  el('p', { class: 'hint' }, 'The condition, the patient\'s demographics and the linkage token of a report are sealed'
    + ' for the authority; the ledger holds the commitment to its cell only.'));
  return section;
}

function aggregateSection(aggregates) {
  const section = el('section', { 'aria-labelledby': 'aggregates-h' }, el('h2', { id: 'aggregates-h' }, 'Published aggregates'));
  if (aggregates instanceof Error) {
    section.append(refusedBox(aggregates, 'aggregates-refused'));
  } else if (!aggregates.items.length) {
    section.append(el('p', {}, 'None published yet.'));
  } else {
    section.append(table(['Aggregate', 'Authority', 'Period', 'Conditions', 'Cases', 'Reports', 'Published'],
      aggregates.items.map(a => [aggregateLink(a.aggregateId), a.authorityOrg,
        period(a), (a.conditions || []).join(', '), String(a.cases),
        String(a.reportCount), time(a.publishedAtMillis)]), { id: 'aggregates' }));
  }
  return section;
}

/** #/health/report/ID: one case report and its reportability response, for the parties the API names. */
export async function reportPage(reportId) {
  if (!reportId) throw new Error('a report id is needed');
  let v;
  try {
    v = await api.get('/v1/publichealth/reports/' + encodeURIComponent(reportId));
  } catch (e) {
    show('Report ' + reportId, el('h1', {}, 'Case report ' + reportId), refusedBox(e, 'report-refused'));
    return;
  }
  const r = v.state;
  show('Report ' + reportId, el('h1', { id: 'report-id' }, 'Case report ' + r.reportId),
    el('h2', {}, 'Reportability response'),
    el('p', { id: 'report-response', class: 'report-status ' + r.status, role: 'status' },
      r.status === 'SUBMITTED' ? 'Not answered yet by ' + r.authorityOrg + '.'
        : RESPONSE[r.status] + ' — answered by ' + r.respondedBy + ' on ' + time(r.respondedAtMillis) + '.'),
    r.responseCiphertextSha256 ? el('p', {}, 'The authority attached a note sealed for the reporter (',
      el('span', { class: 'hash' }, short(r.responseCiphertextSha256)), '); open it with the CLI or the SDK.') : '',
    el('h2', {}, 'Report'),
    fields([['Reporter', r.reporterOrg + ' (' + r.reportedBy + ')'], ['Authority', r.authorityOrg],
      ['Patient', r.patientId], ['Record', r.recordId + ' (' + r.recordType + ')', { class: 'hash' }],
      ['Reported', time(r.reportedAtMillis) + ', block ' + r.blockHeight],
      ['Transaction', el('a', { href: '#/tx/' + r.txId, class: 'hash' }, short(r.txId))],
      ['Trigger list', 'version ' + r.triggerVersion], ['Linkage epoch', String(r.linkageEpoch)],
      ['Cell commitment', r.cellCommitment, { class: 'hash' }],
      ['Sealed report', r.ciphertextSha256, { class: 'hash' }]]),
    el('p', { class: 'hint' }, 'The eICR document, the condition, the week and area of the case and the linkage token'
      + ' are sealed for the authority (HPKE-wrapped key); the cell commitment binds them before any aggregate.'));
}

/** Every entry of a published table (cells, week totals, area totals, total), null where suppressed. */
function entries(t) {
  return [].concat(...t.cells, t.weekTotals, t.areaTotals, [t.total]);
}

/** Each population count of a MeasureReport, or 'masked' (data-absent-reason) where it has none. */
function measureCounts(report) {
  const out = [];
  const pop = p => out.push(p.count !== undefined ? p.count
    : ((p._count && p._count.extension) || []).some(x => x.valueCode === 'masked') ? 'masked' : 'missing');
  for (const g of report.group || []) {
    (g.population || []).forEach(pop);
    for (const s of g.stratifier || []) for (const st of s.stratum || []) (st.population || []).forEach(pop);
  }
  return out;
}

function countKey(v) { return v === null ? 'masked' : String(v); }

function grid(t, i) {
  const cell = v => v === null
    ? el('td', { class: 'suppressed', 'data-suppressed': 'true', title: 'suppressed (small or complementary)' }, 'suppressed')
    : el('td', { class: 'count' }, String(v));
  const rows = t.weeks.map((w, r) => [el('th', { scope: 'row' }, w), ...t.cells[r].map(cell), cell(t.weekTotals[r])]);
  rows.push([el('th', { scope: 'row' }, 'Total'), ...t.areaTotals.map(cell), cell(t.total)]);
  return el('table', { class: 'aggregate-table', id: 'table-' + i, 'data-condition': t.condition },
    el('caption', {}, t.condition + ': cases per ISO week and area'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Week'), t.areas.map(a => el('th', { scope: 'col' }, a)),
      el('th', { scope: 'col' }, 'Total'))),
    el('tbody', {}, rows.map(r => el('tr', {}, r))));
}

/** #/health/aggregate/ID: the published tables, suppression shown as such and checked, the MeasureReport checked. */
export async function aggregatePage(aggregateId) {
  if (!aggregateId) throw new Error('an aggregate id is needed');
  const id = encodeURIComponent(aggregateId);
  let v;
  try {
    v = await api.get('/v1/publichealth/aggregates/' + id);
  } catch (e) {
    show('Aggregate ' + aggregateId, el('h1', {}, 'Aggregate ' + aggregateId), refusedBox(e, 'aggregate-refused'));
    return;
  }
  const a = v.state;
  const all = a.tables.flatMap(entries);
  const small = all.filter(n => n !== null && n >= 1 && n <= SMALL);
  const suppressed = all.filter(n => n === null).length;
  const check = el('ul', { class: 'steps', id: 'aggregate-checks' },
    el('li', { class: small.length ? 'bad' : 'ok' }, small.length ? 'a published count is between 1 and ' + SMALL
      + ': ' + small.join(', ') : 'no published count is between 1 and ' + SMALL),
    el('li', { class: 'ok' }, suppressed + ' of ' + all.length + ' counts suppressed (small cells and their complements)'));
  const mr = el('li', {}, 'Checking the MeasureReport…');
  check.append(mr);
  show('Aggregate ' + aggregateId, el('h1', { id: 'aggregate-id' }, 'Aggregate ' + a.aggregateId),
    fields([['Authority', a.authorityOrg + ' (' + a.publishedBy + ')'], ['Published', time(a.publishedAtMillis)],
      ['Period', period(a)],
      ['Distinct cases', String(a.cases), { id: 'aggregate-cases' }],
      ['REPORTABLE reports counted', String(a.reportIds.length)],
      ['MeasureReport SHA-256', a.measureReportSha256, { class: 'hash' }]]),
    el('p', {}, 'Counts from 1 to ' + SMALL + ' are never published, nor any count that published cells and totals'
      + ' would give away: such a count shows as "suppressed". Every node re-checked this rule and that the counted'
      + ' reports are exactly the REPORTABLE reports of the period.'),
    el('h2', {}, 'Checked in this browser'), check,
    ...a.tables.map((t, i) => el('section', { 'aria-label': t.condition }, el('h2', {}, t.condition), grid(t, i))));
  try {
    const blob = await api.get('/v1/publichealth/aggregates/' + id + '/measure-report');
    const bytes = b64ToBytes(blob.data);
    const digest = hex(await sha256(bytes));
    const report = JSON.parse(new TextDecoder().decode(bytes));
    const counts = measureCounts(report).map(String).sort();
    const expected = all.map(countKey).sort();
    const same = counts.length === expected.length && counts.every((c, i) => c === expected[i]);
    const ok = digest === a.measureReportSha256 && same;
    mr.className = ok ? 'ok' : 'bad';
    mr.textContent = digest !== a.measureReportSha256
      ? 'the MeasureReport hashes to ' + digest + ', not to the ledger\'s ' + a.measureReportSha256
      : same ? 'the FHIR MeasureReport (' + report.type + ') hashes to the ledger\'s SHA-256 and has the same counts,'
        + ' every suppressed one masked'
        : 'the MeasureReport\'s counts are not the tables\'';
  } catch (e) {
    mr.className = 'bad';
    mr.textContent = 'MeasureReport not checked: ' + e.message;
  }
}
