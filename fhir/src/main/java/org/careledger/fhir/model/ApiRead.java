package org.careledger.fhir.model;

import java.time.Instant;
import org.careledger.core.CareledgerException;

/**
 * One read of a patient's data that a node served through its API and kept in its hash-chained read log (not a
 * ledger transaction): who read what kind of data about the patient, when by that node's clock. Exported as a FHIR
 * AuditEvent beside the ledger's disclosures.
 *
 * @param node      the node whose read log holds it (e.g. {@code hospital-a/node})
 * @param seq       its position in that log
 * @param hash      its hash in the log's chain (64 lowercase hex digits)
 * @param caller    the identity that read: {@code org/member}, {@code org/admin}, {@code org/node} or {@code patient/p-…}
 * @param callerOrg the caller's org ({@code patient} for a patient or a patient guardian)
 * @param patientId the patient's pseudonym
 * @param kind      what was read: RECORD_LIST, DISCLOSURES, CONSENTS, RECORD_KEYS, GRANT_KEYS, REVIEW_QUEUE
 * @param subject   the record, grant or org read, or empty
 * @param at        the node's clock when it answered
 */
public record ApiRead(String node, long seq, String hash, String caller, String callerOrg, String patientId,
                      String kind, String subject, Instant at) {
    public ApiRead {
        for (String[] f : new String[][] {{node, "node"}, {caller, "caller"}, {callerOrg, "callerOrg"},
                {patientId, "patientId"}, {kind, "kind"}}) {
            if (f[0] == null || f[0].isBlank()) {
                throw new CareledgerException("FHIR_DISCLOSURE_INVALID", f[1] + " is required");
            }
        }
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new CareledgerException("FHIR_DISCLOSURE_INVALID", "hash must be 64 lowercase hex digits");
        }
        if (seq < 0 || at == null) {
            throw new CareledgerException("FHIR_DISCLOSURE_INVALID", "a read needs seq >= 0 and a time");
        }
        subject = subject == null ? "" : subject;
    }

    /** Whether one named thing (a key bundle) was read, rather than a list or report. */
    public boolean singleItem() {
        return kind.endsWith("_KEYS");
    }
}
