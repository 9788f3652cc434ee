// Ledger transactions built and signed in the browser exactly as the SDK's TxSigner does: a protobuf TxPayload
// (chain_id 1, signer_id 2, nonce 3, contract 4, method 5, args 6 as canonical JSON; fields in number order, empty
// ones left out as proto3 does), signed as is, in a TxEnvelope posted as JSON { payload, signature } (base64).
import { bytesToB64, concat, utf8 } from './bytes.js';
import * as api from './api.js';

let lastNonce = 0;

function varint(n) {
  let v = BigInt(n);
  const out = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return Uint8Array.from(out);
}

function bytesField(field, bytes) {
  return bytes.length === 0 ? new Uint8Array() : concat(varint((field << 3) | 2), varint(bytes.length), bytes);
}

/** Canonical JSON of a flat object (sorted keys, no spaces; values strings, numbers or lists of strings). */
export function canonicalJson(obj) {
  return '{' + Object.keys(obj).filter(k => obj[k] !== null && obj[k] !== undefined).sort()
    .map(k => JSON.stringify(k) + ':' + JSON.stringify(obj[k])).join(',') + '}';
}

export function encodePayload(chainId, signerId, nonce, contract, method, argsJson) {
  return concat(bytesField(1, utf8.encode(chainId)), bytesField(2, utf8.encode(signerId)),
    nonce ? concat(varint(3 << 3), varint(nonce)) : new Uint8Array(), bytesField(4, utf8.encode(contract)),
    bytesField(5, utf8.encode(method)), bytesField(6, utf8.encode(argsJson)));
}

/** A TxEnvelope signed as the signed-in identity: { payload, signature } bytes. Nonces start at the time in µs. */
export async function sign(chainId, contract, method, args) {
  const id = api.current();
  if (id.alg !== 'ed25519') throw new Error('this page signs transactions with Ed25519 keys only');
  lastNonce = Math.max(lastNonce + 1, Date.now() * 1000);
  const payload = encodePayload(chainId, id.keyId, lastNonce, contract, method, canonicalJson(args));
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, id.key, payload));
  return { payload, signature };
}

/** The protobuf TxEnvelope (payload 1, signature 2), as POST /v1/access takes it. */
export function envelopeBytes(env) {
  return concat(bytesField(1, env.payload), bytesField(2, env.signature));
}

function requireValid(r, method) {
  if (r.code !== 'VALID') throw new Error(method + ' was refused: ' + (r.errorCode || r.code) + ' ' + (r.message || ''));
  return r;
}

/**
 * Signs and submits a transaction as the signed-in identity (Ed25519 keys: patients' wallets, members), waiting for
 * its commit; answers the node's SubmitResponse.
 */
export async function submit(chainId, contract, method, args) {
  const env = await sign(chainId, contract, method, args);
  return requireValid(await api.post('/v1/txs?wait=commit', { payload: bytesToB64(env.payload),
    signature: bytesToB64(env.signature) }), method);
}

/**
 * As CareledgerClient.submitWithBlobs: a protobuf TxSubmission (tx 1, blobs 2) to POST /v1/txs/with-blobs, for
 * transactions whose off-chain blobs (e.g. a grant's re-wrapped keys) travel with them.
 */
export async function submitWithBlobs(chainId, contract, method, args, blobs) {
  const env = await sign(chainId, contract, method, args);
  const body = concat(bytesField(1, envelopeBytes(env)), ...blobs.map(b => bytesField(2, b)));
  return requireValid(await api.postBytes('/v1/txs/with-blobs?wait=commit', body, 'application/x-protobuf'), method);
}
