package org.careledger.api.records;

import java.util.List;
import java.util.Map;
import org.careledger.api.HeaderView;

/**
 * The answer to a set read ({@code access.readSet}, {@code POST /v1/access/set}): one committed access transaction,
 * each record's decision, and for the granted ones the ciphertext and the key bundle that opens it, as a single read
 * serves them. Key bundles are given once each in {@code keys} (a grant's bundle covers many records).
 *
 * @param accessId  the set's access id; record {@code i} was recorded as access {@code <accessId>.<i>}
 * @param txId      hex id of the access transaction
 * @param height    block that recorded it
 * @param patientId whose records
 * @param purpose   the purpose the reader gave
 * @param items     one per requested record, in request order
 * @param keys      key bundle SHA-256 → base64 bundle (canonical JSON: record id → recipient → wrapped key)
 * @param tx        the access transaction's location and inclusion proof
 * @param header    the header the proof is under
 */
public record AccessSetResult(String accessId, String txId, long height, String patientId, String purpose,
                              List<Item> items, Map<String, String> keys, ProvenTx tx, HeaderView header) {
    /**
     * One record of the set.
     *
     * @param accessId         its access id ({@code <set>.<i>}), the Disclosure in the patient's accounting
     * @param decision         GRANT, OWN_ORG or DENIED
     * @param denialReason     why it was denied, else null
     * @param grantId          the grant relied on (GRANT), else null
     * @param ciphertextSha256 the hash committed on the ledger (granted only)
     * @param ciphertext       base64 AES-256-GCM ciphertext (granted only)
     * @param keysSha256       the entry of {@code keys} that opens it (granted only)
     */
    public record Item(String accessId, String recordId, String recordType, String authorOrg, String decision,
                       String denialReason, String grantId, String ciphertextSha256, String ciphertext,
                       String keysSha256) {
        public boolean granted() {
            return ciphertext != null;
        }
    }
}
