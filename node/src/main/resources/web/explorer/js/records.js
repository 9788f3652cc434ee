// The patient's own records, opened in the browser: the node serves the ciphertext and the key bundle to the patient's
// side (each read logged in its accounting of API reads); the page checks the ciphertext against the SHA-256 committed
// on the ledger, unwraps the patient's data key with the wallet's encryption key and decrypts (js/sealing.js), as the
// SDK's RecordsClient.open does. Nothing decrypted is sent anywhere.
import * as api from './api.js';
import { b64ToBytes, hex } from './bytes.js';
import { openRecord, parseBundle } from './sealing.js';

function base(patientId) { return '/v1/patients/' + encodeURIComponent(patientId); }

/** The patient's records as the node lists them (RecordMeta). */
export async function listRecords(patientId) {
  return (await api.get(base(patientId) + '/records')).records;
}

/** A record's key bundle as the node serves it to the patient's side: record id → reader → base64 wrapped key. */
export async function recordKeys(patientId, recordId) {
  return parseBundle((await api.get(base(patientId) + '/records/' + encodeURIComponent(recordId) + '/keys')).keys);
}

/** Opens one record with the wallet's key pair; `meta` is its RecordMeta (for the committed ciphertext hash). */
export async function openOwnRecord(patientId, meta, walletKey) {
  const r = await api.get(base(patientId) + '/records/' + encodeURIComponent(meta.recordId) + '/ciphertext');
  const ciphertext = b64ToBytes(r.ciphertext);
  const digest = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', ciphertext)));
  if (digest !== meta.ciphertextSha256) {
    throw new Error('the ciphertext of record ' + meta.recordId + ' served by the node does not match the SHA-256'
      + ' committed on the ledger (' + meta.ciphertextSha256 + '): it was altered; nothing was decrypted');
  }
  const bundle = await recordKeys(patientId, meta.recordId);
  return openRecord(meta.recordId, ciphertext, bundle, 'patient/' + patientId, walletKey);
}
