// RFC 9421 request signing in the browser, the same bytes as api.auth.SignatureBase / client.auth.RequestSigner:
// one signature labelled "cl" over @method, @authority, @path, @query (and content-digest with a body).
import { utf8, b64url, bytesToB64, pemToDer } from './bytes.js';

export const LABEL = 'cl';

/**
 * Imports a PKCS#8 PEM private key as the project writes it (Ed25519, or ECDSA P-256) as a non-extractable
 * WebCrypto key: the page can sign with it and nothing can read it back out.
 */
export async function importIdentityKey(pem) {
  const der = pemToDer(pem, 'PRIVATE KEY');
  try {
    return { key: await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']), alg: 'ed25519' };
  } catch (e) { /* not an Ed25519 key: try P-256 */ }
  try {
    return { key: await crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']),
      alg: 'ecdsa-p256-sha256' };
  } catch (e) {
    throw new Error('the file holds neither an Ed25519 nor an ECDSA P-256 private key (PKCS#8 PEM)');
  }
}

/** RFC 9530 Content-Digest of a body. */
export async function contentDigest(body) {
  return 'sha-256=:' + bytesToB64(new Uint8Array(await crypto.subtle.digest('SHA-256', body))) + ':';
}

/** The @signature-params value, serialized as SignatureParams.serialize() does. */
export function serializeParams(p) {
  return '(' + p.components.map(c => '"' + c + '"').join(' ') + ');created=' + p.created + ';nonce="' + p.nonce
    + '";keyid="' + p.keyId + '";alg="' + p.alg + '"';
}

/** The RFC 9421 signature base: one line per covered component, then @signature-params. */
export function signatureBase(p, method, authority, rawPath, rawQuery, headers) {
  const lines = p.components.map(c => {
    let v;
    switch (c) {
      case '@method': v = method.toUpperCase(); break;
      case '@authority': v = authority.toLowerCase(); break;
      case '@path': v = rawPath || '/'; break;
      case '@query': v = '?' + (rawQuery || ''); break;
      default: v = headers[c];
    }
    if (v == null) throw new Error('covered component ' + c + ' is not in the request');
    return '"' + c + '": ' + String(v).trim();
  });
  lines.push('"@signature-params": ' + serializeParams(p));
  return lines.join('\n');
}

/**
 * The headers that authenticate a request to `url` (absolute or relative to this page) as `identity`
 * ({ keyId, key, alg }); `body` is a Uint8Array or null.
 */
export async function signRequest(identity, method, url, body) {
  const u = new URL(url, location.href);
  const out = {};
  const components = ['@method', '@authority', '@path', '@query'];
  if (body) {
    out['Content-Digest'] = await contentDigest(body);
    components.push('content-digest');
  }
  const params = { components, created: Math.floor(Date.now() / 1000),
    nonce: b64url(crypto.getRandomValues(new Uint8Array(16))), keyId: identity.keyId, alg: identity.alg };
  const base = signatureBase(params, method, u.host, u.pathname, u.search.replace(/^\?/, ''),
    { 'content-digest': out['Content-Digest'] });
  const algorithm = identity.alg === 'ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
  const sig = new Uint8Array(await crypto.subtle.sign(algorithm, identity.key, utf8.encode(base)));
  out['Signature-Input'] = LABEL + '=' + serializeParams(params);
  out['Signature'] = LABEL + '=:' + bytesToB64(sig) + ':';
  return out;
}
