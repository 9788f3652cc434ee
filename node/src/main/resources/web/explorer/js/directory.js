// Organization and identity pages: what the ledger holds for an org (GET /v1/orgs/{org}) and an identity
// (GET /v1/identities/{org}/{name}): kind, roles, key algorithm and public key. Certificates and keys are public.
import { el, show, fields } from './ui.js';
import * as api from './api.js';

function shown(v) {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(x => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ') || '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function record(obj) {
  return fields(Object.keys(obj).sort().map(k => [k, shown(obj[k]), { class: 'hash', 'data-field': k }]));
}

export async function identityPage(org, name) {
  if (!org || !name) throw new Error('an identity is org/name or patient/p-…');
  const id = await api.get('/v1/identities/' + encodeURIComponent(org) + '/' + encodeURIComponent(name));
  show('Identity ' + org + '/' + name, el('h1', { id: 'identity-id' }, org + '/' + name),
    org !== 'patient' ? el('p', {}, 'Of ', el('a', { href: '#/org/' + org }, org), '.') : '',
    record(id));
}

export async function orgPage(org) {
  const o = await api.get('/v1/orgs/' + encodeURIComponent(org));
  show('Org ' + org, el('h1', { id: 'org-id' }, org),
    el('p', {}, el('a', { href: '#/identity/' + org + '/admin' }, 'its admin'), ' · ',
      el('a', { href: '#/identity/' + org + '/node' }, 'its node')),
    record(o));
}
