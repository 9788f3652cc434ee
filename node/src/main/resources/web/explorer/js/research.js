// The public trials registry (GET /v1/research/studies…): every study as registered, its protocol versions with the
// outcome changes the ledger marked, registered results, releases, and the outcome-switching report the node
// computes from the ledger alone. Nothing here is about a patient: subjects are per-study ids, shown only as counts.
import { el, show, table, time, fields, short } from './ui.js';
import * as api from './api.js';

function outcomes(list) {
  return (list || []).map(o => o.outcomeId + ' (' + String(o.kind).toLowerCase() + ')').join(', ') || '—';
}

export async function studiesPage() {
  const r = await api.get('/v1/research/studies');
  const rows = r.studies.map(s => [el('a', { href: '#/study/' + encodeURIComponent(s.studyId) }, s.studyId), s.title,
    s.sponsorOrg, (s.sites || []).join(', '), 'v' + s.currentVersion, String(s.registeredHeight),
    s.firstEnrolledHeight ? String(s.firstEnrolledHeight) : '—']);
  show('Trials registry', el('h1', {}, 'Trials registry'),
    el('p', { id: 'study-count' }, r.count + ' studies registered on the ledger, each before its first enrolment.'),
    rows.length ? table(['Study', 'Title', 'Sponsor', 'Sites', 'Version', 'Registered at', 'First enrolment at'], rows,
      { id: 'studies' }) : el('p', {}, 'No study is registered yet.'));
}

export async function studyPage(studyId) {
  const id = encodeURIComponent(studyId);
  const [v, rep, rel] = await Promise.all([api.get('/v1/research/studies/' + id),
    api.get('/v1/research/studies/' + id + '/report'), api.get('/v1/research/studies/' + id + '/releases')]);
  const s = v.study;
  const report = rep.report;
  const versions = v.versions.map(p => [String(p.version), time(p.atMillis), outcomes(p.outcomes),
    p.outcomesChanged ? el('td', { class: 'flag' }, 'changed: ' + (p.changedOutcomes || []).join(', ')) : 'unchanged',
    p.reason || '—', el('a', { href: '#/tx/' + p.txId, class: 'hash' }, short(p.txId))]);
  const late = report.notPrespecified.map(l => el('li', {}, l.outcomeId + ' (' + String(l.kind).toLowerCase()
    + ') declared in version ' + l.declaredInVersion + (l.afterFirstRelease ? ', after data were released'
      : l.afterFirstEnrolment ? ', after the first enrolment' : '')));
  const changed = report.kindChanged.map(k => el('li', {}, k.outcomeId + ' pre-specified '
    + String(k.prespecified).toLowerCase() + ', now ' + String(k.current).toLowerCase() + ' (version '
    + k.changedInVersion + ')'));
  show('Study ' + s.studyId, el('h1', { id: 'study-id' }, s.studyId + ': ' + s.title),
    fields([['Sponsor', s.sponsorOrg], ['Sites', (s.sites || []).join(', ')],
      ['Registered', 'height ' + s.registeredHeight + ', ' + time(s.registeredAtMillis)],
      ['Registration', el('a', { href: '#/tx/' + s.registrationTxId, class: 'hash' }, short(s.registrationTxId))],
      ['First enrolment', s.firstEnrolledHeight ? 'height ' + s.firstEnrolledHeight : 'none yet'],
      ['Subjects', String(v.subjectCount)], ['Releases', String(rel.count)]]),
    el('h2', {}, 'Outcome switching'),
    el('p', { id: 'switching', class: report.switched ? 'flag' : 'ok', role: 'status' }, report.switched
      ? 'SWITCHED: the results do not report what was pre-specified.' : 'No switching: the results report what was pre-specified.'),
    fields([['Pre-specified, reported', report.prespecifiedReported.join(', ') || '—'],
      ['Pre-specified, missing', report.prespecifiedMissing.join(', ') || '—', { id: 'prespecified-missing' }],
      ['Primary missing', report.primaryMissing.join(', ') || '—', { id: 'primary-missing' }]]),
    late.length ? el('div', {}, el('h3', {}, 'Reported but not pre-specified'), el('ul', { id: 'late-outcomes' }, late)) : '',
    changed.length ? el('div', {}, el('h3', {}, 'Kind changed'), el('ul', {}, changed)) : '',
    el('h2', {}, 'Protocol versions'),
    table(['Version', 'When', 'Outcomes', 'Outcome change', 'Reason', 'Transaction'], versions, { id: 'versions' }),
    el('h2', {}, 'Results'),
    v.results.length ? table(['Outcome', 'Summary', 'When'], v.results.map(x => [x.outcomeId, x.summary, time(x.atMillis)]),
      { id: 'results' }) : el('p', {}, 'No results registered.'),
    el('h2', {}, 'Releases'),
    rel.releases.length ? table(['Release', 'Site', 'Sponsor', 'Records', 'Merkle root'], rel.releases.map(x => [x.releaseId,
      x.siteOrg, x.sponsorOrg, String(x.recordCount), el('span', { class: 'hash' }, short(x.merkleRoot))]),
    { id: 'releases' }) : el('p', {}, 'No data released.'));
}
