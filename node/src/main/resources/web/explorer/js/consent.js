// Consent changes signed in the browser, the same transactions as the SDK's ConsentClient: a grant re-wraps each
// covered record's data key for the grantee org's X25519 key (RecordSealer.rewrap) and sends the bundle as the grant's
// blob; a limit narrows record types / ids / expiry and swaps in a bundle without the keys no longer covered; an
// erasure (records.eraseRecord) is followed by taking the record's key out of every grant in force that carries it.
import * as api from './api.js';
import { b64ToBytes, hex } from './bytes.js';
import { bundleBytes, newId, parseBundle, rewrap } from './sealing.js';
import { listRecords, recordKeys } from './records.js';
import { submit, submitWithBlobs } from './tx.js';

const PURPOSES = ['TREAT', 'ETREAT', 'HPAYMT', 'HRESCH', 'PUBHLTH', 'HOPERAT'];
export { PURPOSES };

function base(patientId) { return '/v1/patients/' + encodeURIComponent(patientId); }

async function sha256Hex(bytes) {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/** An empty bundle still needs bytes of its own (the blob is claimed per grant): a grant-specific salt entry. */
function orSalt(bundle) {
  return Object.keys(bundle).length ? bundle : { none: { [newId('salt-')]: '' } };
}

/** The org's X25519 public key from its ledger record (GET /v1/orgs/{org}). */
export async function orgEncryptionKey(org) {
  const o = await api.get('/v1/orgs/' + encodeURIComponent(org));
  if (!o.encryptionKey) throw new Error('org ' + org + ' has no encryption key on the ledger');
  return b64ToBytes(o.encryptionKey);
}

/**
 * ConsentClient.grant: grants `grantee` (org or org/member) the patient's records of `types` and/or `recordIds` for
 * `purpose` (until `expiresAtMillis`, or open-ended). Answers { grantId, response }.
 */
export async function grant(chainId, patientId, walletKey, grantee, types, recordIds, purpose, expiresAtMillis) {
  if (!PURPOSES.includes(purpose)) throw new Error('purpose is one of ' + PURPOSES.join(', '));
  if (!types.length && !recordIds.length) throw new Error('choose at least one record type or record');
  const granteeOrg = grantee.includes('/') ? grantee.slice(0, grantee.indexOf('/')) : grantee;
  const granteeKey = await orgEncryptionKey(granteeOrg);
  const bundle = {};
  for (const r of await listRecords(patientId)) {
    if (!r.erased && (types.includes(r.recordType) || recordIds.includes(r.recordId))) {
      const source = await recordKeys(patientId, r.recordId);
      bundle[r.recordId] = { [granteeOrg]: await rewrap(r.recordId, source, 'patient/' + patientId, walletKey, granteeKey) };
    }
  }
  const blob = bundleBytes(orSalt(bundle));
  const grantId = newId('g-');
  const response = await submitWithBlobs(chainId, 'consent', 'grant', { grantId, patientId, grantee,
    recordTypes: types.length ? types : null, recordIds: recordIds.length ? recordIds : null, purpose,
    expiresAtMillis: expiresAtMillis || null, wrappedKeysSha256: await sha256Hex(blob) }, [blob]);
  return { grantId, response };
}

/** The wrapped keys a grant in force carries (GET …/consents/{grantId}/keys). */
export async function grantKeys(patientId, grantId) {
  return parseBundle((await api.get(base(patientId) + '/consents/' + encodeURIComponent(grantId) + '/keys')).keys);
}

/**
 * consent.limit of grant `g` (as the node lists it) to `types` / `recordIds` (subsets of its own; null keeps them)
 * and/or an earlier `expiresAtMillis`. The keys of records the narrowed scope no longer covers leave the grant's
 * bundle: a new blob replaces it and the node purges the old one.
 */
export async function limit(chainId, patientId, g, types, recordIds, expiresAtMillis) {
  const newTypes = types || g.recordTypes;
  const newIds = recordIds || g.recordIds;
  const typeOf = Object.fromEntries((await listRecords(patientId)).map(r => [r.recordId, r.recordType]));
  const keys = await grantKeys(patientId, g.grantId);
  const kept = {};
  let dropped = false;
  for (const [recordId, entry] of Object.entries(keys)) {
    if (recordId === 'none' || newIds.includes(recordId) || newTypes.includes(typeOf[recordId])) kept[recordId] = entry;
    else dropped = true;
  }
  const args = { grantId: g.grantId, recordTypes: types, recordIds, expiresAtMillis: expiresAtMillis || null };
  if (!dropped) return submit(chainId, 'consent', 'limit', args);
  const blob = bundleBytes(orSalt(Object.fromEntries(Object.entries(kept).filter(([r]) => r !== 'none'))));
  args.wrappedKeysSha256 = await sha256Hex(blob);
  return submitWithBlobs(chainId, 'consent', 'limit', args, [blob]);
}

/**
 * ConsentClient.eraseWithGrantKeys: records.eraseRecord signed by the patient, then every grant in force whose bundle
 * still holds the record's key gets a bundle without it (and the record id out of its scope) by consent.limit.
 * Answers the ids of the grants changed.
 */
export async function eraseWithGrantKeys(chainId, patientId, recordId, reason) {
  await submit(chainId, 'records', 'eraseRecord', { recordId, reason: reason || null });
  const changed = [];
  for (const g of (await api.get(base(patientId) + '/consents')).grants) {
    if (g.revokedAtMillis) continue;
    let keys;
    try { keys = await grantKeys(patientId, g.grantId); } catch (e) {
      if (e.code === 'GRANT_NOT_ACTIVE') continue; // expired: no longer served, purged when grants are pruned
      throw e;
    }
    if (!(recordId in keys)) continue;
    delete keys[recordId];
    const blob = bundleBytes(orSalt(keys));
    const ids = g.recordIds.filter(r => r !== recordId);
    await submitWithBlobs(chainId, 'consent', 'limit', { grantId: g.grantId,
      recordIds: ids.length !== g.recordIds.length ? ids : null, wrappedKeysSha256: await sha256Hex(blob) }, [blob]);
    changed.push(g.grantId);
  }
  return changed;
}
