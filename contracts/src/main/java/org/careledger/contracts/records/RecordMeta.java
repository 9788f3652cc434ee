package org.careledger.contracts.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the ledger knows about one version of a record, under {@code record/<recordId>}: ids, type, hashes and sizes,
 * never content. After erasure it stays as a tombstone (hashes kept, blobs purged).
 *
 * @param recordId          the record version's id
 * @param patientId         whose record it is
 * @param recordType        FHIR resourceType, e.g. {@code Observation}
 * @param authorId          member id that wrote it
 * @param authorOrg         the author's org (custodian)
 * @param ciphertextSha256  blob id of the AES-256-GCM ciphertext
 * @param ciphertextSize    ciphertext length in bytes, as the author declared it
 * @param keysSha256        blob id of the data key wrapped for the patient and the author org
 * @param version           1 for a new record, previous version + 1 for an amendment
 * @param previousRecordId  the version this one amends, or null
 * @param supersededBy      the version that amends this one, or null
 * @param latest            true while no amendment supersedes it
 * @param references        other records of the same patient this one refers to (sorted)
 * @param writtenAtMillis   block time of the write
 * @param erased            true once erased
 * @param erasedAtMillis    block time of the erasure, or null
 * @param erasedBy          identity id that erased it, or null
 * @param erasureReason     the short reason given, or null
 * @param erasureRequestRef reference to the patient's verified request when an org admin erased, or null
 * @param sourceKey         the idempotency key of the source resource (see {@link WriteRecord#sourceKey()}), or null;
 *                          left out of the JSON when null, so records written without one encode as before
 */
public record RecordMeta(String recordId, String patientId, String recordType, String authorId, String authorOrg,
                         String ciphertextSha256, long ciphertextSize, String keysSha256, long version,
                         String previousRecordId, String supersededBy, boolean latest, List<String> references,
                         long writtenAtMillis, boolean erased, Long erasedAtMillis, String erasedBy,
                         String erasureReason, String erasureRequestRef,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String sourceKey) {
    public RecordMeta {
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** A record version without a source key. */
    public RecordMeta(String recordId, String patientId, String recordType, String authorId, String authorOrg,
                      String ciphertextSha256, long ciphertextSize, String keysSha256, long version,
                      String previousRecordId, String supersededBy, boolean latest, List<String> references,
                      long writtenAtMillis, boolean erased, Long erasedAtMillis, String erasedBy,
                      String erasureReason, String erasureRequestRef) {
        this(recordId, patientId, recordType, authorId, authorOrg, ciphertextSha256, ciphertextSize, keysSha256, version,
                previousRecordId, supersededBy, latest, references, writtenAtMillis, erased, erasedAtMillis, erasedBy,
                erasureReason, erasureRequestRef, null);
    }

    public RecordMeta withReferences(List<String> all) {
        return new RecordMeta(recordId, patientId, recordType, authorId, authorOrg, ciphertextSha256, ciphertextSize,
                keysSha256, version, previousRecordId, supersededBy, latest, all, writtenAtMillis, erased,
                erasedAtMillis, erasedBy, erasureReason, erasureRequestRef, sourceKey);
    }

    public RecordMeta supersededBy(String newerRecordId) {
        return new RecordMeta(recordId, patientId, recordType, authorId, authorOrg, ciphertextSha256, ciphertextSize,
                keysSha256, version, previousRecordId, newerRecordId, false, references, writtenAtMillis, erased,
                erasedAtMillis, erasedBy, erasureReason, erasureRequestRef, sourceKey);
    }

    public RecordMeta erased(long atMillis, String by, String reason, String requestRef) {
        return new RecordMeta(recordId, patientId, recordType, authorId, authorOrg, ciphertextSha256, ciphertextSize,
                keysSha256, version, previousRecordId, supersededBy, latest, references, writtenAtMillis, true,
                atMillis, by, reason, requestRef, sourceKey);
    }
}
