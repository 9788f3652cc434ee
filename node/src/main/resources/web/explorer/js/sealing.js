// Record sealing in the browser, byte for byte as the Java side (api.records.RecordSealer, crypto.envelope.KeyWrap and
// RecordCipher): a record is AES-256-GCM under its own data key (Tink's layout: 12-byte IV || ciphertext || 16-byte
// tag), associated data "careledger/record/<recordId>"; the data key is wrapped per reader with HPKE (RFC 9180) base
// mode, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM, output enc (32) || ciphertext, with that same string
// as HPKE's info and an empty AAD (Tink's HybridEncrypt passes its context as info). HPKE is the vendored, unmodified
// @hpke/core (vendor/README.md) on WebCrypto; AES-GCM and X25519 are WebCrypto's own. No primitive is written here.
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '../vendor/hpke-core-1.9.0/esm/mod.js';
import { b64ToBytes, bytesToB64, concat, utf8 } from './bytes.js';

const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
const KEY_BEGIN = '-----BEGIN CARELEDGER X25519 PRIVATE KEY-----';
const KEY_END = '-----END CARELEDGER X25519 PRIVATE KEY-----';
// RFC 8410 PKCS#8 prefix for an X25519 private key: WebCrypto imports X25519 private keys as PKCS#8 only
const PKCS8_X25519 = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04,
  0x22, 0x04, 0x20]);
const DATA_KEY_SIZE = 32;
const ENC_SIZE = 32;
const IV_SIZE = 12;

/** The record id bound into both the AES-GCM associated data and the HPKE info, as RecordSealer.aad. */
export function recordContext(recordId) {
  return utf8.encode('careledger/record/' + recordId);
}

/**
 * Imports a wallet's encryption.key (KeyFiles.writeEncryptionKey: the raw 32-byte X25519 private key in base64 between
 * careledger's own armour lines) as a non-extractable WebCrypto key. The public half is X25519(key, 9) (RFC 7748), so
 * the page can check it against the key the ledger registered for the patient.
 */
export async function importEncryptionKey(text) {
  const t = text.trim();
  if (!t.startsWith(KEY_BEGIN) || !t.endsWith(KEY_END)) {
    throw new Error('the file is not a careledger X25519 encryption key (a wallet\'s encryption.key)');
  }
  const raw = b64ToBytes(t.slice(KEY_BEGIN.length, t.length - KEY_END.length).replace(/\s+/g, ''));
  if (raw.length !== 32) throw new Error('an X25519 private key is 32 bytes, this one is ' + raw.length);
  const privateKey = await crypto.subtle.importKey('pkcs8', concat(PKCS8_X25519, raw), { name: 'X25519' }, false,
    ['deriveBits']);
  raw.fill(0);
  const basePoint = new Uint8Array(32);
  basePoint[0] = 9;
  const base = await crypto.subtle.importKey('raw', basePoint, { name: 'X25519' }, true, []);
  const publicBytes = new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: base }, privateKey, 256));
  const publicKey = await crypto.subtle.importKey('raw', publicBytes, { name: 'X25519' }, true, []);
  return { privateKey, publicKey, publicBytes };
}

/** KeyWrap.wrap: HPKE-seals a 32-byte data key to a reader's raw X25519 public key; enc || ciphertext. */
export async function wrapKey(dataKey, recipientPublicKey, context) {
  if (dataKey.length !== DATA_KEY_SIZE) throw new Error('a record data key is 32 bytes, got ' + dataKey.length);
  if (recipientPublicKey.length !== 32) throw new Error('an X25519 public key is 32 bytes, got ' + recipientPublicKey.length);
  const pk = await suite.kem.importKey('raw', recipientPublicKey.slice().buffer, true);
  const { ct, enc } = await suite.seal({ recipientPublicKey: pk, info: context }, dataKey);
  return concat(new Uint8Array(enc), new Uint8Array(ct));
}

/** KeyWrap.unwrap: opens a wrapped data key with the reader's key pair from importEncryptionKey. */
export async function unwrapKey(wrapped, reader, context) {
  if (wrapped.length <= ENC_SIZE) throw new Error('a wrapped data key is longer than ' + ENC_SIZE + ' bytes');
  let key;
  try {
    key = new Uint8Array(await suite.open({ recipientKey: { privateKey: reader.privateKey, publicKey: reader.publicKey },
      enc: wrapped.slice(0, ENC_SIZE), info: context }, wrapped.slice(ENC_SIZE)));
  } catch (e) {
    throw new Error('the wrapped key does not open with this encryption key for this record: it was wrapped for'
      + ' another key or record, or altered');
  }
  if (key.length !== DATA_KEY_SIZE) throw new Error('unwrapped ' + key.length + ' bytes where a 32-byte data key was expected');
  return key;
}

/** RecordCipher.decrypt: AES-256-GCM, IV first, tag last, the record context as associated data. */
export async function decryptRecord(ciphertext, dataKey, recordId) {
  const key = await crypto.subtle.importKey('raw', dataKey, { name: 'AES-GCM' }, false, ['decrypt']);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: ciphertext.slice(0, IV_SIZE),
      additionalData: recordContext(recordId), tagLength: 128 }, key, ciphertext.slice(IV_SIZE)));
  } catch (e) {
    throw new Error('record ' + recordId + ' does not decrypt: its ciphertext was altered or belongs to another record');
  }
}

/** A key bundle blob (KeyBundle: record id → reader → base64 wrapped key) parsed from its base64 as served. */
export function parseBundle(b64) {
  return JSON.parse(new TextDecoder().decode(b64ToBytes(b64)));
}

/** KeyBundle.toBytes: canonical JSON (keys sorted, no spaces), so its SHA-256 is what the Java side computes. */
export function bundleBytes(bundle) {
  const sorted = o => '{' + Object.keys(o).sort().map(k => JSON.stringify(k) + ':'
    + (typeof o[k] === 'object' ? sorted(o[k]) : JSON.stringify(o[k]))).join(',') + '}';
  return utf8.encode(sorted(bundle));
}

/** RecordSealer.open: the reader's entry of the bundle unwrapped, then the record decrypted. */
export async function openRecord(recordId, ciphertext, bundle, readerId, reader) {
  const entry = (bundle[recordId] || {})[readerId];
  if (entry === undefined) throw new Error('no data key of record ' + recordId + ' is wrapped for ' + readerId);
  const dataKey = await unwrapKey(b64ToBytes(entry), reader, recordContext(recordId));
  try {
    return await decryptRecord(ciphertext, dataKey, recordId);
  } finally { dataKey.fill(0); }
}

/** RecordSealer.rewrap: the holder's entry unwrapped and wrapped again for the grantee; answers the base64 entry. */
export async function rewrap(recordId, bundle, holderId, holder, granteePublicKey) {
  const entry = (bundle[recordId] || {})[holderId];
  if (entry === undefined) throw new Error('no data key of record ' + recordId + ' is wrapped for ' + holderId);
  const context = recordContext(recordId);
  const dataKey = await unwrapKey(b64ToBytes(entry), holder, context);
  try {
    return bytesToB64(await wrapKey(dataKey, granteePublicKey, context));
  } finally { dataKey.fill(0); }
}

/** Random hex ids as Submissions.newId makes them (prefix + 16 random bytes). */
export function newId(prefix) {
  return prefix + Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}
