package org.careledger.api.records;

import org.careledger.api.HeaderView;

/**
 * The answer to a granted read: the record's ciphertext and a key bundle holding its data key wrapped for the
 * reader's org, with the inclusion proof of the access transaction that recorded the read.
 *
 * @param accessId         the access id the reader chose
 * @param txId             hex id of the access transaction
 * @param height           block that recorded it
 * @param decision         GRANT, OWN_ORG or BREAK_GLASS
 * @param breakGlass       whether it was an emergency access (queued for review)
 * @param recordId         the record read
 * @param recordType       its FHIR resourceType
 * @param patientId        whose record
 * @param authorOrg        the custodian org
 * @param ciphertextSha256 the hash committed on the ledger; a client checks the ciphertext against it
 * @param ciphertext       base64 AES-256-GCM ciphertext
 * @param keysSha256       hash of the key bundle blob as stored (grant's or record's)
 * @param keys             base64 key bundle (canonical JSON: record id → recipient → wrapped key)
 * @param keysRewrappedBy  non-null when the custodian's node re-wrapped the data key for the break-glass reader's org
 * @param tx               the access transaction's location and inclusion proof
 * @param header           the header the proof is under
 */
public record AccessResult(String accessId, String txId, long height, String decision, boolean breakGlass,
                           String recordId, String recordType, String patientId, String authorOrg,
                           String ciphertextSha256, String ciphertext, String keysSha256, String keys,
                           String keysRewrappedBy, ProvenTx tx, HeaderView header) {}
