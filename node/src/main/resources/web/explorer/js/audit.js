// Auditor: the break-glass review queue of the auditor's org (reads of records the org holds, made in an emergency
// without consent), each decided JUSTIFIED or UNJUSTIFIED with an access.reviewBreakGlass transaction built and
// signed in this browser. The node answers the queue to that org's members with role auditor only.
import { el, show, table, time, errorBox } from './ui.js';
import * as api from './api.js';
import { submit } from './tx.js';
import { session } from './state.js';

export async function auditPage() {
  const org = api.current().keyId.split('/')[0];
  const q = await api.get('/v1/reviews/' + encodeURIComponent(org));
  const rows = q.pending.map(p => {
    const note = el('input', { type: 'text', class: 'note', 'aria-label': 'Note on the read by ' + p.accessor
      + ' at ' + time(p.atMillis), placeholder: 'note (optional)' });
    const decide = outcome => el('button', { type: 'button', class: 'decide ' + outcome, 'data-access': p.accessId,
      onclick: async ev => {
        ev.target.disabled = true;
        try {
          const chainId = session.genesis ? session.genesis.chainId : (await api.get('/v1/health')).chainId;
          await submit(chainId, 'access', 'reviewBreakGlass', { accessId: p.accessId, outcome, note: note.value.trim() || null });
          await auditPage();
        } catch (e) { ev.target.disabled = false; ev.target.after(errorBox(e)); }
      } }, outcome === 'JUSTIFIED' ? 'Justified' : 'Unjustified');
    return [time(p.atMillis), p.accessor, p.accessorOrg, p.patientId, p.recordId,
      el('td', {}, note, ' ', decide('JUSTIFIED'), ' ', decide('UNJUSTIFIED'))];
  });
  show('Break-glass review', el('h1', {}, 'Break-glass reads to review (' + org + ')'),
    el('p', { id: 'review-count' }, q.count + ' pending.'),
    rows.length ? table(['When', 'Reader', 'Org', 'Patient', 'Record', 'Decision'], rows, { id: 'reviews' })
      : el('p', {}, 'Nothing to review.'));
}
