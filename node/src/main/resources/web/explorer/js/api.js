// The page's only way to the node: same-origin fetches, signed as the signed-in identity. The highest height any
// answer carried is sent back as X-Careledger-Min-Height, so a page never reads older state than it already showed.
import { signRequest } from './signer.js';
import { utf8 } from './bytes.js';

let identity = null;
let seenHeight = 0;

export function signIn(id) { identity = id; }
export function signOut() { identity = null; }
export function current() { return identity; }

/** A problem answer (RFC 9457) as an Error carrying its code and status. */
export class ApiError extends Error {
  constructor(status, code, detail) {
    super((code ? code + ': ' : '') + (detail || 'HTTP ' + status));
    this.status = status; this.code = code;
  }
}

async function call(method, path, body, accept, contentType) {
  const headers = { Accept: accept || 'application/json' };
  const bytes = body == null ? null : (body instanceof Uint8Array ? body : utf8.encode(JSON.stringify(body)));
  if (bytes) headers['Content-Type'] = contentType || 'application/json';
  if (seenHeight > 0) headers['X-Careledger-Min-Height'] = String(seenHeight);
  if (identity) Object.assign(headers, await signRequest(identity, method, path, bytes));
  const r = await fetch(path, { method, headers, body: bytes, cache: 'no-store', credentials: 'omit' });
  const h = Number(r.headers.get('X-Careledger-Height'));
  if (h > seenHeight) seenHeight = h;
  const text = await r.text();
  if (!r.ok) {
    let p = {};
    try { p = JSON.parse(text); } catch (e) { /* not a problem document */ }
    throw new ApiError(r.status, p.code, p.detail || text.slice(0, 200));
  }
  return text;
}

export async function get(path) { return JSON.parse(await call('GET', path)); }
export async function getText(path, accept) { return call('GET', path, null, accept); }
export async function post(path, body) { return JSON.parse(await call('POST', path, body)); }
/** Posts bytes as they are (e.g. a protobuf TxEnvelope to /v1/access); the answer is JSON. */
export async function postBytes(path, bytes, contentType) {
  return JSON.parse(await call('POST', path, bytes, null, contentType));
}
